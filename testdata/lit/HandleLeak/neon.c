// neon: ne_session_create/ne_session_destroy and ne_request_create/
// ne_request_destroy. Requests must be destroyed before their session, and
// ne_session_destroy() does not free requests left behind. Covers
// ne_request_dispatch, the ne_begin_request/ne_read_response_block/
// ne_end_request loop, and leaks on error paths.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak %neon -verify %s

#include <neon/ne_basic.h>
#include <neon/ne_request.h>
#include <neon/ne_session.h>
#include <neon/ne_utils.h>

// The request leaks when dispatching fails.
int head_status_leaks_request(const char *host, const char *path) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_request *req = ne_request_create(sess, "HEAD", path);
  if (ne_request_dispatch(req) != NE_OK) {
    ne_session_destroy(sess); // expected-warning@+1 {{neon request 'req' from ne_request_create() is not released on this path (missing ne_request_destroy())}}
    return -1;
  }
  int code = ne_get_status(req)->code;
  ne_request_destroy(req);
  ne_session_destroy(sess);
  return code;
}

// Both destroyed on every path, request first.
int head_status(const char *host, const char *path) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_request *req = ne_request_create(sess, "HEAD", path);
  int ret = ne_request_dispatch(req);
  int code = ret == NE_OK ? ne_get_status(req)->code : -1;
  ne_request_destroy(req);
  ne_session_destroy(sess);
  return code;
}

// The session leaks when the one-call GET fails.
int download_leaks_session(const char *host, const char *path, int fd) {
  ne_session *sess = ne_session_create("http", host, 80);
  ne_set_read_timeout(sess, 30);
  if (ne_get(sess, path, fd) != NE_OK)
    return -1; // expected-warning {{neon session 'sess' from ne_session_create() is not released on this path (missing ne_session_destroy())}}
  ne_session_destroy(sess);
  return 0;
}

// The caller-pulls loop with NE_RETRY, everything destroyed.
int read_body(ne_session *sess, const char *path, char *buf, size_t len) {
  ne_request *req = ne_request_create(sess, "GET", path);
  ssize_t total = 0;
  int ret;
  do {
    ret = ne_begin_request(req);
    if (ret != NE_OK)
      break;
    ssize_t n;
    total = 0;
    while ((n = ne_read_response_block(req, buf, len)) > 0)
      total += n;
    if (n < 0) {
      ret = NE_ERROR;
      break;
    }
    ret = ne_end_request(req);
  } while (ret == NE_RETRY);
  ne_request_destroy(req);
  return ret == NE_OK ? (int)total : -1;
}

// Returning from inside the loop with the request still allocated.
int read_body_leaks_on_read_error(ne_session *sess, const char *path, char *buf, size_t len) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret;
  do {
    ret = ne_begin_request(req);
    if (ret != NE_OK)
      break;
    if (ne_read_response_block(req, buf, len) < 0)
      return -1; // expected-warning {{neon request 'req' from ne_request_create() is not released on this path (missing ne_request_destroy())}}
    ne_discard_response(req);
    ret = ne_end_request(req);
  } while (ret == NE_RETRY);
  ne_request_destroy(req);
  return ret == NE_OK ? 0 : -1;
}

// One session for many requests, kept in the caller's struct.
struct dav_client {
  ne_session *sess;
};

int dav_client_open(struct dav_client *c, const char *host) {
  c->sess = ne_session_create("https", host, 443);
  ne_set_session_flag(c->sess, NE_SESSFLAG_PERSIST, 1);
  return 0;
}

int dav_delete_all(struct dav_client *c, const char *const *paths, int n) {
  int failed = 0;
  for (int i = 0; i < n; i++) {
    ne_request *req = ne_request_create(c->sess, "DELETE", paths[i]);
    if (ne_request_dispatch(req) != NE_OK || ne_get_status(req)->klass != 2)
      failed++;
    ne_request_destroy(req);
  }
  return failed;
}

// A failed block read (-1) still leaves the request to destroy.
int read_error_leaks(ne_session *sess, const char *path) {
  char buf[4096];
  ssize_t len;
  ne_request *req = ne_request_create(sess, "GET", path);
  if (ne_begin_request(req) != NE_OK) {
    ne_request_destroy(req);
    return -1;
  }
  while ((len = ne_read_response_block(req, buf, sizeof buf)) > 0)
    ;
  if (len < 0)
    return -1; // expected-warning {{neon request 'req' from ne_request_create() is not released on this path (missing ne_request_destroy())}}
  ne_end_request(req);
  ne_request_destroy(req);
  return 0;
}
