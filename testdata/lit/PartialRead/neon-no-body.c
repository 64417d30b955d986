// neon: a response to HEAD has no body (read_response_block() returns 0 at
// once, R_NO_BODY); nothing is left on the connection when ne_end_request()
// follows ne_begin_request() directly, so there is nothing to report.
// The rules' `method` role on ne_request_create() says so.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %neon -verify %s

#include <neon/ne_request.h>

int exists(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "HEAD", path);
  int found = 0;
  if (ne_begin_request(req) == NE_OK) {
    found = ne_get_status(req)->klass == 2;
    ne_end_request(req); // no warning: a HEAD response has no body
  }
  ne_request_destroy(req);
  return found;
}

// A GET on the same session is still reported.
int status_of(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int code = -1;
  if (ne_begin_request(req) == NE_OK) {
    code = ne_get_status(req)->code;
    ne_end_request(req); // expected-warning {{neon request 'req' is closed by ne_end_request() before it was read to the end}}
  }
  ne_request_destroy(req);
  return code;
}
