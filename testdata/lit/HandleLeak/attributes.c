// Handles declared with Clang's handle attributes and handle type
// "poolguard": acquire_handle on a function (its return value) or on an
// out-parameter, release_handle and use_handle on parameters. These are a
// project's own connection API, declared here and defined elsewhere; no rule
// file is involved. A handle so acquired and not released leaks.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <stddef.h>

#define PG_ACQUIRE __attribute__((acquire_handle("poolguard")))
#define PG_RELEASE __attribute__((release_handle("poolguard")))
#define PG_USE __attribute__((use_handle("poolguard")))

struct conn;

PG_ACQUIRE struct conn *conn_open(const char *host, int port);
int conn_connect(const char *host, int port, struct conn **out PG_ACQUIRE);
void conn_close(struct conn *c PG_RELEASE);
int conn_send(struct conn *c PG_USE, const void *buf, size_t len);
int conn_recv(struct conn *c PG_USE, void *buf, size_t len);
// Written after the declarator, the attribute applies to the function type;
// Clang documents both placements ("on a function or a function type").
struct conn *conn_accept(int listen_fd)
    __attribute__((acquire_handle("poolguard")));

int ping(const char *host) {
  struct conn *c = conn_open(host, 7);
  if (!c)
    return -1;
  char reply[4];
  int ok = conn_send(c, "ping", 4) == 4 && conn_recv(c, reply, 4) == 4;
  conn_close(c);
  return ok ? 0 : -1;
}

int ping_leaks_on_send_error(const char *host) {
  struct conn *c = conn_open(host, 7);
  if (!c)
    return -1;
  if (conn_send(c, "ping", 4) != 4)
    return -1; // expected-warning {{handle 'c' from conn_open() is not released on this path}}
  conn_close(c);
  return 0;
}

// Out-parameter acquisition: nothing is handed out when it fails.
int echo(const char *host, const char *msg, size_t len) {
  struct conn *c;
  if (conn_connect(host, 7, &c) != 0)
    return -1;
  int n = conn_send(c, msg, len);
  conn_close(c);
  return n;
}

int echo_leaks(const char *host, const char *msg, size_t len) {
  struct conn *c;
  if (conn_connect(host, 7, &c) != 0)
    return -1;
  int n = conn_send(c, msg, len); // expected-warning@+1 {{handle 'c' from conn_connect() is not released on this path}}
  return n;
}

// Kept open for the caller.
struct conn *open_ready(const char *host) {
  struct conn *c = conn_open(host, 443);
  if (c && conn_send(c, "HELLO", 5) != 5) {
    conn_close(c);
    return NULL;
  }
  return c;
}

// Function-type placement of acquire_handle.
int serve_one_leaks(int listen_fd) {
  struct conn *c = conn_accept(listen_fd);
  if (!c)
    return -1;
  char buf[512];
  int n = conn_recv(c, buf, sizeof buf); // expected-warning@+1 {{handle 'c' from conn_accept() is not released on this path}}
  return n;
}

// An integer handle (a slot, a descriptor) fails as a negative value.
PG_ACQUIRE int slot_checkout(int pool);
void slot_checkin(int pool, int h PG_RELEASE);
int slot_send(int h PG_USE, const char *msg);

int send_on_slot(int pool, const char *msg) {
  int h = slot_checkout(pool);
  if (h < 0)
    return -1;
  int r = slot_send(h, msg);
  slot_checkin(pool, h);
  return r;
}

int send_on_slot_leaks(int pool, const char *msg) {
  int h = slot_checkout(pool);
  if (h < 0)
    return -1;
  if (slot_send(h, msg) < 0)
    return -1; // expected-warning {{handle 'h' from slot_checkout() is not released on this path}}
  slot_checkin(pool, h);
  return 0;
}

// A systemd-style cleanup function that calls the release_handle function
// releases the variable's handle at scope exit, also when the handle came
// through an out-parameter.
static void conn_closep(struct conn **c) {
  if (*c)
    conn_close(*c);
}

int ping_cleanup(const char *host) {
  __attribute__((cleanup(conn_closep))) struct conn *c = conn_open(host, 7);
  if (!c)
    return -1;
  if (conn_send(c, "ping", 4) != 4)
    return -1;
  return 0;
}

int echo_cleanup(const char *host, const char *msg, size_t len) {
  __attribute__((cleanup(conn_closep))) struct conn *c = NULL;
  if (conn_connect(host, 7, &c) != 0)
    return -1;
  if (conn_send(c, msg, len) < 0)
    return -1;
  return 0;
}

// A cleanup function that releases nothing leaves the handle leaking.
static void conn_forgetp(struct conn **c) { *c = NULL; }

int echo_forgetting_cleanup(const char *host) {
  __attribute__((cleanup(conn_forgetp))) struct conn *c = NULL;
  if (conn_connect(host, 7, &c) != 0)
    return -1;
  return conn_send(c, "x", 1); // expected-warning {{handle 'c' from conn_connect() is not released on this path}}
}
