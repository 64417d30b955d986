// A project's wrapper declared with acquire_handle that hands out a handle of
// a modeled library's type (neon's ne_request *) hands out that kind of
// handle: the library's own calls release and use it, and messages and
// fix-its name the library's release.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak,poolguard.UseAfterRelease %neon -verify %s

#include <ne_request.h>
#include <ne_session.h>
#include <stddef.h>

#define PG_ACQUIRE __attribute__((acquire_handle("poolguard")))

PG_ACQUIRE ne_request *app_request(ne_session *s, const char *path);
int app_open(ne_session *s, const char *path, ne_request **out PG_ACQUIRE);
// char * is the type of several kinds: a wrapper's string is its own kind.
PG_ACQUIRE char *app_format(const char *fmt);
void app_free(char *s __attribute__((release_handle("poolguard"))));

int fetch(ne_session *s) {
  ne_request *r = app_request(s, "/");
  if (!r)
    return -1;
  int rc = ne_request_dispatch(r);
  ne_request_destroy(r);
  return rc;
}

int fetch_out(ne_session *s) {
  ne_request *r;
  if (app_open(s, "/", &r) != 0)
    return -1;
  int rc = ne_request_dispatch(r);
  ne_request_destroy(r);
  return rc;
}

int fetch_leaks(ne_session *s) {
  ne_request *r = app_request(s, "/");
  if (!r)
    return -1;
  if (ne_request_dispatch(r) != NE_OK)
    return -1; // expected-warning {{neon request 'r' from app_request() is not released on this path (missing ne_request_destroy())}}
  ne_request_destroy(r);
  return 0;
}

void destroys_twice(ne_session *s) {
  ne_request *r = app_request(s, "/");
  if (!r)
    return;
  ne_request_destroy(r);
  ne_request_destroy(r); // expected-warning {{neon request 'r' is released again by ne_request_destroy() after it was released}}
}

void formats(void) {
  char *m = app_format("x");
  app_free(m);
}
