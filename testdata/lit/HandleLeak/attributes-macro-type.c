// acquire_handle on the function type, spelled through a macro after the
// declarator, the way projects wrap the attribute (Fuchsia's
// ZX_HANDLE_ACQUIRE). The handle it returns is tracked like any other.
//
// Through a macro, Clang wraps the function type in a MacroQualifiedType
// ('PG_ACQUIRE struct conn *(int)'); the attribute is found inside it.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <stddef.h>

#define PG_ACQUIRE __attribute__((acquire_handle("poolguard")))
#define PG_RELEASE __attribute__((release_handle("poolguard")))
#define PG_USE __attribute__((use_handle("poolguard")))

struct conn;

struct conn *conn_accept(int listen_fd) PG_ACQUIRE;
void conn_close(struct conn *c PG_RELEASE);
int conn_recv(struct conn *c PG_USE, void *buf, size_t len);

int serve_one_leaks(int listen_fd) {
  struct conn *c = conn_accept(listen_fd);
  if (!c)
    return -1;
  char buf[512];
  int n = conn_recv(c, buf, sizeof buf); // expected-warning@+1 {{handle 'c' from conn_accept() is not released on this path}}
  return n;
}

int serve_one(int listen_fd) {
  struct conn *c = conn_accept(listen_fd);
  if (!c)
    return -1;
  char buf[512];
  int n = conn_recv(c, buf, sizeof buf);
  conn_close(c);
  return n;
}
