// neon: ne_begin_request() opens the body in this function even when the
// request was created by the caller, so ending it unread here is the same
// early close as with a request created here.
// The request is followed for its body only (it is the caller's to
// destroy, so it is never a leak here).
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %neon -verify %s

#include <neon/ne_request.h>

int status_of(ne_request *req) {
  int code = -1;
  if (ne_begin_request(req) == NE_OK) {
    code = ne_get_status(req)->code;
    ne_end_request(req); // expected-warning {{neon request 'req' is closed by ne_end_request() before it was read to the end}}
  }
  return code;
}

// Read to the end: silent either way.
int read_all(ne_request *req, char *buf, size_t len) {
  int ret = ne_begin_request(req);
  if (ret != NE_OK)
    return ret;
  ssize_t n;
  while ((n = ne_read_response_block(req, buf, len)) > 0)
    ;
  if (n < 0)
    return NE_ERROR;
  return ne_end_request(req); // no warning
}
