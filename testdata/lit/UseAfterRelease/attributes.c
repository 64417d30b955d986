// Use after release for handles declared with Clang's handle attributes
// (handle type "poolguard"): a use_handle parameter or a second
// release_handle after the handle was released. Silent: reopened after the
// close.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease -verify %s

#include <stddef.h>

#define PG_ACQUIRE __attribute__((acquire_handle("poolguard")))
#define PG_RELEASE __attribute__((release_handle("poolguard")))
#define PG_USE __attribute__((use_handle("poolguard")))

struct conn;

PG_ACQUIRE struct conn *conn_open(const char *host, int port);
void conn_close(struct conn *c PG_RELEASE);
int conn_send(struct conn *c PG_USE, const void *buf, size_t len);

int send_after_close(const char *host) {
  struct conn *c = conn_open(host, 25);
  if (!c)
    return -1;
  conn_send(c, "HELO\r\n", 6);
  conn_close(c);
  return conn_send(c, "QUIT\r\n", 6); // expected-warning {{handle 'c' is used by conn_send() after it was released}}
}

void close_twice(const char *host, int quick) {
  struct conn *c = conn_open(host, 25);
  if (!c)
    return;
  if (quick)
    conn_close(c);
  conn_close(c); // expected-warning {{handle 'c' is released again by conn_close() after it was released}}
}

int reopen(const char *host) {
  struct conn *c = conn_open(host, 25);
  if (!c)
    return -1;
  if (conn_send(c, "NOOP\r\n", 6) < 0) {
    conn_close(c);
    c = conn_open(host, 25);
    if (!c)
      return -1;
  }
  int n = conn_send(c, "QUIT\r\n", 6);
  conn_close(c);
  return n;
}
