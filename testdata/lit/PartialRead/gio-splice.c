// GIO: g_output_stream_splice() reads its source to the end (or fails),
// and with G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE closes it too. Bodies from
// libsoup 3 (soup_session_send / soup_session_send_finish) spliced into a
// file or memory are finished; closing one without reading is not, whether
// synchronously or with g_input_stream_close_async().
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>

// Spliced with CLOSE_SOURCE, then unreffed.
gboolean save_to(SoupSession *session, SoupMessage *msg, GFile *dest, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  GFileOutputStream *out = g_file_replace(dest, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (!out) {
    while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
      continue;
    g_object_unref(in); // no warning: skipped to the end
    return FALSE;
  }
  gssize n = g_output_stream_splice(G_OUTPUT_STREAM(out), in,
                                    G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                        G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                    NULL, error);
  g_object_unref(out);
  g_object_unref(in); // no warning
  return n >= 0;
}

// Spliced without CLOSE_SOURCE: read to the end, closed by the caller.
GBytes *to_bytes(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return NULL;
  GOutputStream *mem = g_memory_output_stream_new_resizable();
  gssize n = g_output_stream_splice(mem, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error);
  g_input_stream_close(in, NULL, NULL); // no warning
  g_object_unref(in);
  GBytes *bytes = NULL;
  if (n >= 0)
    bytes = g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(mem));
  g_object_unref(mem);
  return bytes;
}

// A magic-number check, then the rest spliced.
gboolean check_and_save(SoupSession *session, SoupMessage *msg, GOutputStream *out) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  char magic[2];
  gsize n = 0;
  g_input_stream_read_all(in, magic, sizeof magic, &n, NULL, NULL);
  g_output_stream_write_all(out, magic, n, NULL, NULL, NULL);
  g_output_stream_splice(out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, NULL);
  g_object_unref(in); // no warning
  return n == sizeof magic && magic[0] == 'P' && magic[1] == 'K';
}

// The check fails and the stream is dropped before the splice.
gboolean check_then_save(SoupSession *session, SoupMessage *msg, GOutputStream *out) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  char magic[2];
  gsize n = 0;
  if (!g_input_stream_read_all(in, magic, sizeof magic, &n, NULL, NULL) || n < sizeof magic) {
    g_object_unref(in); // no warning: failed or short
    return FALSE;
  }
  if (magic[0] != 'P' || magic[1] != 'K') {
    g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
    return FALSE;
  }
  g_output_stream_write_all(out, magic, n, NULL, NULL, NULL);
  g_output_stream_splice(out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, NULL);
  g_object_unref(in); // no warning
  return TRUE;
}

// Asynchronous: the body from soup_session_send_finish() spliced with
// CLOSE_SOURCE, or closed asynchronously without reading.
static void on_spliced(GObject *src, GAsyncResult *res, gpointer data) {
  (void)data;
  g_output_stream_splice_finish(G_OUTPUT_STREAM(src), res, NULL);
}

static void on_sent(GObject *src, GAsyncResult *res, gpointer data) {
  GOutputStream *out = data;
  GInputStream *in = soup_session_send_finish(SOUP_SESSION(src), res, NULL);
  if (!in)
    return;
  g_output_stream_splice_async(out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                               G_PRIORITY_DEFAULT, NULL, on_spliced, NULL);
  g_object_unref(in); // no warning: the splice holds its own reference
}

void start_download(SoupSession *session, SoupMessage *msg, GOutputStream *out) {
  soup_session_send_async(session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, out);
}

static void on_sent_head_only(GObject *src, GAsyncResult *res, gpointer data) {
  guint *status = data;
  GInputStream *in = soup_session_send_finish(SOUP_SESSION(src), res, NULL);
  if (!in)
    return;
  *status = soup_message_get_status(soup_session_get_async_result_message(SOUP_SESSION(src), res));
  g_input_stream_close_async(in, G_PRIORITY_DEFAULT, NULL, NULL, NULL); // expected-warning {{response stream 'in' is closed by g_input_stream_close_async() before it was read to the end}}
  g_object_unref(in);
}

void start_status_probe(SoupSession *session, SoupMessage *msg, guint *status) {
  soup_session_send_async(session, msg, G_PRIORITY_DEFAULT, NULL, on_sent_head_only, status);
}
