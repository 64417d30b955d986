// No drain fix-it where another path reaches the same call with the body
// already at its end: draining there would read past the end of a finished
// response (for neon, ne_discard_response() on a chunked body that was
// already read to its end reads the line after the last chunk as another
// chunk size, fails and closes the connection). The finding is still
// reported on the path that leaves the body unread.
// RUN: %build %soup3 %neon -c %s -o /dev/null -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// CHECK-DAG: warning: neon request 'req' is closed by ne_end_request() before it was read to the end
// CHECK-DAG: warning: response stream 'in' is released by g_object_unref() before it was read to the end
// CHECK-NOT: fix-it:

#include <libsoup/soup.h>
#include <neon/ne_request.h>

// The body is written out only when asked for; ne_end_request() is reached
// both with the body read to its end and with it unread.
int get_maybe_body(ne_session *sess, const char *path, int want_body, int fd) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = ne_begin_request(req);
  if (ret == NE_OK) {
    if (want_body)
      ret = ne_read_response_to_fd(req, fd);
    ne_end_request(req);
  }
  ne_request_destroy(req);
  return ret;
}

// The same for a libsoup stream: spliced to its end on 200, not otherwise.
gboolean save_maybe(SoupSession *session, SoupMessage *msg, GOutputStream *out) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  gboolean ok = soup_message_get_status(msg) == SOUP_STATUS_OK;
  if (ok)
    ok = g_output_stream_splice(out, in, G_OUTPUT_STREAM_SPLICE_NONE, NULL, NULL) >= 0;
  g_object_unref(in);
  return ok;
}
