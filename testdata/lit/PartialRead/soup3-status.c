// libsoup 3: a non-2xx response still has a body (an error page). Closing
// its stream without reading it drops the connection; skipping it to the end
// lets libsoup put the connection back in the pool. The first case is the
// evolution-data-server pattern (c8a042c3 fixed the leak of this stream; the
// close it then needs must come after a drain).
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>

// The error status is reported, and the stream closed unread.
GInputStream *send_and_check(SoupSession *session, SoupMessage *message,
                             GCancellable *cancellable, GError **error) {
  GInputStream *input_stream = soup_session_send(session, message, cancellable, error);
  if (!input_stream)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL(soup_message_get_status(message))) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "Failed with HTTP error %d: %s",
                soup_message_get_status(message), soup_message_get_reason_phrase(message));
    g_input_stream_close(input_stream, cancellable, NULL); // expected-warning {{response stream 'input_stream' is closed by g_input_stream_close() before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
    g_object_unref(input_stream); // no second report: already closed
    return NULL;
  }
  return input_stream; // no warning: the caller reads it
}

// The same with g_object_unref() only.
gboolean check_ok_unref(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK) {
    g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
    return FALSE;
  }
  char buf[4096];
  while (g_input_stream_read(in, buf, sizeof buf, NULL, error) > 0)
    ;
  g_object_unref(in); // no warning
  return TRUE;
}

// Skipping the error body to its end first: the connection is reused.
gboolean check_ok_drained(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK) {
    while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
      continue;
    g_object_unref(in); // no warning
    return FALSE;
  }
  char buf[4096];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, error)) > 0)
    ;
  g_object_unref(in); // no warning
  return n == 0;
}

// The drain loop that also stops on an error (skip < 0).
gboolean check_ok_drained_errors(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  gboolean ok = SOUP_STATUS_IS_SUCCESSFUL(soup_message_get_status(msg));
  for (;;) {
    gssize skipped = g_input_stream_skip(in, 8192, NULL, NULL);
    if (skipped <= 0)
      break;
  }
  g_input_stream_close(in, NULL, NULL); // no warning
  g_object_unref(in);
  return ok;
}

// A redirect status is handled by reading the Location and dropping the
// body: reported.
char *redirect_target(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return NULL;
  if (SOUP_STATUS_IS_REDIRECTION(soup_message_get_status(msg))) {
    char *loc = g_strdup(soup_message_headers_get_one(
        soup_message_get_response_headers(msg), "Location"));
    g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
    return loc;
  }
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    continue;
  g_object_unref(in); // no warning
  return NULL;
}

// A status check that reads the body on both branches.
gssize body_or_error_page(SoupSession *session, SoupMessage *msg, GString *body, GString *errpage) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  GString *dest = soup_message_get_status(msg) == SOUP_STATUS_OK ? body : errpage;
  char buf[2048];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len(dest, buf, n);
  g_object_unref(in); // no warning
  return dest == body ? (gssize)body->len : -1;
}
