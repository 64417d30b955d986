// Path notes of PartialRead: where the body was acquired (libsoup) or
// opened (neon), the last read that is assumed not to have reached the end,
// and the branch that leaves the read loop early.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 %neon -analyzer-output=text -verify %s

#include <libsoup/soup.h>
#include <neon/ne_request.h>

gboolean read_limited(SoupSession *session, SoupMessage *msg, GString *out, gsize limit) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL); // expected-note {{response stream acquired by soup_session_send()}}
  if (!in) // expected-note {{Assuming 'in' is non-null}} expected-note {{Taking false branch}}
    return FALSE;
  char buf[4096];
  gssize n;
  // expected-note@+2 {{Assuming g_input_stream_read() did not reach the end of the body}}
  // expected-note@+1 {{Assuming the condition is true}} expected-note@+1 {{Loop condition is true.  Entering loop body}}
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL)) > 0) {
    g_string_append_len(out, buf, n);
    if (out->len > limit) // expected-note {{Assuming 'limit' is < field 'len'}} expected-note {{Taking true branch}}
      break; // expected-note {{Execution continues on line 24}}
  }
  // expected-warning@+2 {{response stream 'in' is released by g_object_unref() before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
  // expected-note@+1 {{response stream 'in' is released by g_object_unref() before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
  g_object_unref(in);
  return n == 0;
}

void unread_on_error_status(SoupSession *session, SoupMessage *msg) {
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, NULL); // expected-note {{response stream acquired by soup_session_send()}}
  if (!in) // expected-note {{Assuming 'in' is non-null}} expected-note {{Taking false branch}}
    return;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK) // expected-note {{Assuming the condition is true}} expected-note {{Taking true branch}}
    // expected-warning@+2 {{response stream 'in' is released at the end of its scope before it was read to the end}}
    // expected-note@+1 {{response stream 'in' is released at the end of its scope before it was read to the end}}
    return;
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    continue;
}

int preview(ne_session *sess, const char *path, char *buf, size_t len) {
  ne_request *req = ne_request_create(sess, "GET", path); // expected-note {{neon request acquired by ne_request_create()}}
  ssize_t n = -1;
  if (ne_begin_request(req) == NE_OK) { // expected-note {{response body opened by ne_begin_request()}} expected-note {{Assuming the condition is true}} expected-note {{Taking true branch}}
    n = ne_read_response_block(req, buf, len); // expected-note {{Assuming ne_read_response_block() did not reach the end of the body}}
    // expected-warning@+2 {{neon request 'req' is closed by ne_end_request() before it was read to the end: the unread response stays on the connection and the next request on the session fails}}
    // expected-note@+1 {{neon request 'req' is closed by ne_end_request() before it was read to the end: the unread response stays on the connection and the next request on the session fails}}
    ne_end_request(req);
  }
  ne_request_destroy(req);
  return (int)n;
}

int status_only(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "GET", path); // expected-note {{neon request acquired by ne_request_create()}}
  int code = -1;
  if (ne_begin_request(req) == NE_OK) { // expected-note {{response body opened by ne_begin_request()}} expected-note {{Assuming the condition is true}} expected-note {{Taking true branch}}
    code = ne_get_status(req)->code;
    // expected-warning@+2 {{neon request 'req' is closed by ne_end_request() before it was read to the end}}
    // expected-note@+1 {{neon request 'req' is closed by ne_end_request() before it was read to the end}}
    ne_end_request(req);
  }
  ne_request_destroy(req);
  return code;
}
