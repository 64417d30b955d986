// No drain fix-it where another path reaches the call with the body read to
// its end by a read loop (the last read returned 0). Inserting
// ne_discard_response() there makes neon read the line after the last chunk
// of a chunked response as another chunk size: the read fails and neon
// closes the connection, so the fix would break the path that was correct.
// A read in a loop that may reach the call counts as having possibly ended
// the body.
// RUN: %build %soup3 %neon -c %s -o /dev/null -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// CHECK-DAG: warning: neon request 'req' is closed by ne_end_request() before it was read to the end
// CHECK-DAG: warning: response stream 'in' is released by g_object_unref() before it was read to the end
// CHECK-NOT: fix-it:

#include <libsoup/soup.h>
#include <neon/ne_request.h>

int get_maybe_body(ne_session *sess, const char *path, int want_body, char *buf, size_t len) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = ne_begin_request(req);
  if (ret == NE_OK) {
    if (want_body) {
      ssize_t n;
      while ((n = ne_read_response_block(req, buf, len)) > 0)
        ;
    }
    ne_end_request(req);
  }
  ne_request_destroy(req);
  return ret;
}

gboolean fetch_maybe(SoupSession *session, SoupMessage *msg, GString *out) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  gboolean ok = soup_message_get_status(msg) == SOUP_STATUS_OK;
  if (ok) {
    char buf[4096];
    gssize n;
    while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL)) > 0)
      g_string_append_len(out, buf, n);
  }
  g_object_unref(in);
  return ok;
}
