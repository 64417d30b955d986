// libsoup 2.4 stream APIs: soup_request_send() (SoupRequest, 2.42+) and
// soup_session_send() hand out a GInputStream with the same rule as in
// libsoup 3: closing it before a read returned 0 skips the rest of the body
// (soup_message_io_run_until_finish jumps to FINISHING without "got-body"),
// so the connection is not marked reusable and is dropped.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup2 -verify %s

#include <libsoup/soup.h>
#include <string.h>

// Read to the end through a SoupRequest.
GString *request_text(SoupSession *session, const char *uri, GError **error) {
  SoupRequest *req = soup_session_request(session, uri, error);
  if (!req)
    return NULL;
  GInputStream *in = soup_request_send(req, NULL, error);
  g_object_unref(req);
  if (!in)
    return NULL;
  GString *text = g_string_new(NULL);
  char buf[4096];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, error)) > 0)
    g_string_append_len(text, buf, n);
  g_input_stream_close(in, NULL, NULL); // no warning
  g_object_unref(in);
  return text;
}

// Only the first line is wanted; the stream is closed after it.
char *request_first_line(SoupSession *session, const char *uri) {
  SoupRequest *req = soup_session_request(session, uri, NULL);
  if (!req)
    return NULL;
  GInputStream *in = soup_request_send(req, NULL, NULL);
  g_object_unref(req);
  if (!in)
    return NULL;
  char line[256];
  gssize n = g_input_stream_read(in, line, sizeof line - 1, NULL, NULL);
  g_input_stream_close(in, NULL, NULL); // expected-warning {{response stream 'in' is closed by g_input_stream_close() before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
  g_object_unref(in);
  if (n <= 0)
    return NULL;
  line[n] = '\0';
  return g_strndup(line, strcspn(line, "\r\n"));
}

// SoupRequestHTTP: the message gives the status. An error body is dropped.
gboolean request_http_ok(SoupSession *session, const char *uri, GByteArray *out) {
  SoupRequestHTTP *req = soup_session_request_http(session, "GET", uri, NULL);
  if (!req)
    return FALSE;
  GInputStream *in = soup_request_send(SOUP_REQUEST(req), NULL, NULL);
  if (!in) {
    g_object_unref(req);
    return FALSE;
  }
  SoupMessage *msg = soup_request_http_get_message(req);
  guint status = msg->status_code;
  g_object_unref(msg);
  g_object_unref(req);
  if (!SOUP_STATUS_IS_SUCCESSFUL(status)) {
    g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
    return FALSE;
  }
  guint8 buf[4096];
  gsize n;
  do {
    if (!g_input_stream_read_all(in, buf, sizeof buf, &n, NULL, NULL))
      break;
    g_byte_array_append(out, buf, n);
  } while (n == sizeof buf);
  g_object_unref(in); // no warning: short read_all or error
  return TRUE;
}

// The same with the error body skipped first.
gboolean request_http_ok_drained(SoupSession *session, const char *uri) {
  SoupRequestHTTP *req = soup_session_request_http(session, "GET", uri, NULL);
  if (!req)
    return FALSE;
  GInputStream *in = soup_request_send(SOUP_REQUEST(req), NULL, NULL);
  g_object_unref(req);
  if (!in)
    return FALSE;
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    continue;
  g_object_unref(in); // no warning
  return TRUE;
}

// soup_session_send() in 2.4 (2.42+), spliced into memory.
GBytes *session_send_splice(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return NULL;
  GOutputStream *mem = g_memory_output_stream_new_resizable();
  gssize n = g_output_stream_splice(mem, in,
                                    G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                        G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                    NULL, error);
  g_object_unref(in); // no warning: spliced to the end and closed
  GBytes *bytes = n < 0 ? NULL : g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(mem));
  g_object_unref(mem);
  return bytes;
}

// soup_session_send() in 2.4 with an early exit in the read loop.
gboolean session_send_find(SoupSession *session, SoupMessage *msg, char c) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  char buf[512];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL)) > 0)
    if (memchr(buf, c, (size_t)n))
      break;
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
  return n > 0;
}

// The SoupMessage API reads the whole body into the message.
guint send_message_status(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new("GET", uri);
  if (!msg)
    return 0;
  guint status = soup_session_send_message(session, msg);
  g_object_unref(msg); // no warning: not a stream
  return status;
}

// A HEAD request made with soup_session_request_http() has no body.
gboolean request_http_head(SoupSession *session, const char *uri) {
  SoupRequestHTTP *req =
      soup_session_request_http(session, SOUP_METHOD_HEAD, uri, NULL);
  if (!req)
    return FALSE;
  GInputStream *in = soup_request_send(SOUP_REQUEST(req), NULL, NULL);
  gboolean ok = in != NULL;
  if (in)
    g_object_unref(in);
  g_object_unref(req);
  return ok;
}

// GET through the same call has one.
gboolean request_http_get_unread(SoupSession *session, const char *uri) {
  SoupRequestHTTP *req = soup_session_request_http(session, "GET", uri, NULL);
  if (!req)
    return FALSE;
  GInputStream *in = soup_request_send(SOUP_REQUEST(req), NULL, NULL);
  gboolean ok = in != NULL;
  if (in)
    g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
  g_object_unref(req);
  return ok;
}
