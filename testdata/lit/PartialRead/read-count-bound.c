// A read never returns more bytes than it was asked for: after a 1-byte
// g_input_stream_read() or ne_read_response_block() that did not return 1,
// the read returned 0 (the end) or failed, and the body is finished either
// way. Nothing to report.
// The rules give each read's count-arg; the engine bounds the result by it.
// expected-no-diagnostics
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 %neon -verify %s

#include <libsoup/soup.h>
#include <neon/ne_request.h>

gboolean starts_with_brace(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  char c = 0;
  if (g_input_stream_read(in, &c, 1, NULL, NULL) != 1) {
    g_object_unref(in); // no warning: 0 (the end) or -1 (error)
    return FALSE;
  }
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    continue;
  g_object_unref(in); // no warning
  return c == '{';
}

int first_byte(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = -1;
  if (ne_begin_request(req) == NE_OK) {
    char c;
    if (ne_read_response_block(req, &c, 1) != 1) {
      ne_end_request(req); // no warning: 0 (the end) or < 0 (error)
    } else {
      ret = (unsigned char)c;
      if (ne_discard_response(req) == NE_OK)
        ne_end_request(req); // no warning
    }
  }
  ne_request_destroy(req);
  return ret;
}
