// Handles the function did not acquire (parameters, fields of the caller's
// struct) are not its to leak, but once a typed release function frees them
// here, a later use or a second release is a use after release.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease %neon %soup3 -verify %s

#include <curl/curl.h>
#include <libsoup/soup.h>
#include <ne_request.h>
#include <ne_session.h>

struct conn {
  CURL *easy;
  ne_session *sess;
  struct curl_slist *headers;
};

// ---- reported ---------------------------------------------------------------

CURLcode perform_after_cleanup(CURL *h) {
  curl_easy_cleanup(h);
  return curl_easy_perform(h); // expected-warning {{easy handle 'h' is used by curl_easy_perform() after it was released}}
}

void conn_free_twice(struct conn *c) {
  curl_slist_free_all(c->headers);
  curl_easy_cleanup(c->easy);
  curl_easy_cleanup(c->easy); // expected-warning {{easy handle 'c->easy' is released again by curl_easy_cleanup() after it was released}}
}

static void close_session(struct conn *c) { ne_session_destroy(c->sess); }

int request_after_close(struct conn *c, const char *path) {
  close_session(c);
  ne_request *req = ne_request_create(c->sess, "GET", path); // expected-warning {{neon session 'c->sess' is used by ne_request_create() after it was released}}
  int rc = ne_request_dispatch(req);
  ne_request_destroy(req);
  return rc;
}

// ---- silent -----------------------------------------------------------------

// Released and replaced: the new handle is another one.
void reconnect(struct conn *c) {
  curl_easy_cleanup(c->easy);
  c->easy = curl_easy_init();
  if (c->easy)
    curl_easy_perform(c->easy);
}

// The usual idempotent close: NULL after release, released only if set.
void conn_close(struct conn *c) {
  if (c->easy) {
    curl_easy_cleanup(c->easy);
    c->easy = NULL;
  }
}

void conn_close_twice(struct conn *c) {
  conn_close(c);
  conn_close(c);
}

// g_object_unref drops one reference: the caller's may keep the object.
void abort_after_unref(SoupSession *session) {
  g_object_ref(session);
  g_object_unref(session);
  soup_session_abort(session);
}

// Different handles of an array.
void cleanup_all(CURL **handles, int n) {
  for (int i = 0; i < n; i++)
    curl_easy_cleanup(handles[i]);
}
