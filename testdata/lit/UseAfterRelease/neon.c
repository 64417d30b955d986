// neon requests and sessions used after ne_request_destroy /
// ne_session_destroy, with path notes: where the handle was acquired, the
// branches, and where it was released. Silent: a request destroyed and
// re-created for a retry.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease %neon -analyzer-output=text -verify %s

#include <neon/ne_request.h>
#include <neon/ne_session.h>
#include <neon/ne_utils.h>

int status_after_destroy(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "GET", path); // expected-note {{neon request acquired by ne_request_create()}}
  int ret = ne_request_dispatch(req);
  ne_request_destroy(req); // expected-note {{neon request released by ne_request_destroy()}}
  if (ret != NE_OK) // expected-note {{Assuming 'ret' is equal to NE_OK}} expected-note {{Taking false branch}}
    return -1;
  return ne_get_status(req)->code; // expected-warning {{neon request 'req' is used by ne_get_status() after it was released}} expected-note {{neon request 'req' is used by ne_get_status() after it was released}}
}

int destroy_twice_on_error(const char *host, const char *path) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_request *req = ne_request_create(sess, "DELETE", path); // expected-note {{neon request acquired by ne_request_create()}}
  int ret = ne_request_dispatch(req);
  if (ret != NE_OK) { // expected-note {{Assuming 'ret' is not equal to NE_OK}} expected-note {{Taking true branch}}
    ne_request_destroy(req); // expected-note {{neon request released by ne_request_destroy()}}
  }
  ne_request_destroy(req); // expected-warning {{neon request 'req' is released again by ne_request_destroy() after it was released}} expected-note {{neon request 'req' is released again by ne_request_destroy() after it was released}}
  ne_session_destroy(sess);
  return ret;
}

int dispatch_after_session_destroy(const char *host, const char *path) {
  ne_session *sess = ne_session_create("http", host, 80); // expected-note {{neon session acquired by ne_session_create()}}
  ne_session_destroy(sess); // expected-note {{neon session released by ne_session_destroy()}}
  ne_request *req = ne_request_create(sess, "GET", path); // expected-warning {{neon session 'sess' is used by ne_request_create() after it was released}} expected-note {{neon session 'sess' is used by ne_request_create() after it was released}}
  int ret = ne_request_dispatch(req);
  ne_request_destroy(req);
  return ret;
}

int retry_with_new_request(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = ne_request_dispatch(req);
  if (ret == NE_RETRY) {
    ne_request_destroy(req);
    req = ne_request_create(sess, "GET", path);
    ret = ne_request_dispatch(req);
  }
  ne_request_destroy(req);
  return ret;
}

// ne_request_destroy() does not take NULL (null-ok: false in the rules):
// the goto-cleanup block reaches it before the request exists.
int delete_if_enabled(ne_session *sess, const char *path, int enabled) {
  ne_request *req = NULL; // expected-note {{'req' initialized to a null pointer value}}
  int ret = -1;
  if (!enabled) // expected-note {{Assuming 'enabled' is 0}} expected-note {{Taking true branch}}
    goto out; // expected-note {{Control jumps to line 63}}
  req = ne_request_create(sess, "DELETE", path);
  ret = ne_request_dispatch(req);
out:
  ne_request_destroy(req); // expected-warning {{'req', NULL on this path, is passed to ne_request_destroy(), which does not accept NULL}} expected-note {{'req', NULL on this path, is passed to ne_request_destroy(), which does not accept NULL}}
  return ret;
}

int delete_if_enabled_checked(ne_session *sess, const char *path, int enabled) {
  ne_request *req = NULL;
  int ret = -1;
  if (!enabled)
    goto out;
  req = ne_request_create(sess, "DELETE", path);
  ret = ne_request_dispatch(req);
out:
  if (req)
    ne_request_destroy(req);
  return ret;
}
