// GIO: the GInputStream a HTTP library hands out (here libsoup 3's
// soup_session_send) is a reference dropped with g_object_unref;
// g_input_stream_close() ends the stream but does not drop the reference.
// GBytes chunks from g_input_stream_read_bytes() are new references too,
// including the empty one that marks the end.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak %soup3 -verify %s

#include <gio/gio.h>
#include <libsoup/soup.h>

// Read to the end, close, unref.
gssize count_bytes(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return -1;
  char buf[8192];
  gssize n, total = 0;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, error)) > 0)
    total += n;
  g_input_stream_close(in, NULL, NULL);
  g_object_unref(in);
  return n < 0 ? -1 : total;
}

// Closing is not unreffing: the stream object leaks.
gboolean close_is_not_unref(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    continue;
  return g_input_stream_close(in, NULL, error); // expected-warning {{response stream 'in' from soup_session_send() is not released on this path (missing g_object_unref())}}
}

// A read error returns without the unref.
gssize read_error_leaks_stream(SoupSession *session, SoupMessage *msg, char *buf, gsize len) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  gssize n = g_input_stream_read(in, buf, len, NULL, NULL);
  if (n < 0)
    return -1; // expected-warning {{response stream 'in' from soup_session_send() is not released on this path (missing g_object_unref())}}
  g_object_unref(in);
  return n;
}

// The stream handed to the caller.
GInputStream *open_body(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (in && soup_message_get_status(msg) != SOUP_STATUS_OK) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u", soup_message_get_status(msg));
    g_clear_object(&in);
  }
  return in;
}

// Spliced into a memory stream that closes the source; then unreffed.
GBytes *slurp(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return NULL;
  GOutputStream *out = g_memory_output_stream_new_resizable();
  gssize n = g_output_stream_splice(out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error);
  g_object_unref(in);
  GBytes *data = n < 0 ? NULL : g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(out));
  g_object_unref(out);
  return data;
}

// Every chunk, the empty last one included, is unreffed.
gsize sum_chunks(GInputStream *in, GError **error) {
  gsize total = 0;
  for (;;) {
    GBytes *chunk = g_input_stream_read_bytes(in, 8192, NULL, error);
    if (!chunk)
      return 0;
    gsize size = g_bytes_get_size(chunk);
    g_bytes_unref(chunk);
    if (size == 0)
      break;
    total += size;
  }
  return total;
}

// The loop stops on the empty chunk without unreffing it.
gsize sum_chunks_leaks_last(GInputStream *in, GError **error) {
  gsize total = 0;
  GBytes *chunk;
  while ((chunk = g_input_stream_read_bytes(in, 8192, NULL, error)) != NULL) {
    gsize size = g_bytes_get_size(chunk);
    if (size == 0)
      break;
    total += size;
    g_bytes_unref(chunk);
  }
  return total; // expected-warning {{GBytes buffer 'chunk' from g_input_stream_read_bytes() is not released on this path (missing g_bytes_unref())}}
}

// A failed read ends the stream but does not drop the reference: the
// error exit still owes the unref, and a second unref there is no less
// a double release.
int first_chunk_leaks_on_error(SoupSession *session, SoupMessage *msg) {
  char buf[1024];
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -2;
  if (g_input_stream_read(in, buf, sizeof buf, NULL, NULL) < 0)
    return -1; // expected-warning {{response stream 'in' from soup_session_send() is not released on this path (missing g_object_unref())}}
  g_input_stream_skip(in, G_MAXSSIZE, NULL, NULL);
  g_object_unref(in);
  return 0;
}

int skip_leaks_on_error(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  gssize n;
  if (!in)
    return -2;
  while ((n = g_input_stream_skip(in, 8192, NULL, NULL)) > 0)
    ;
  if (n < 0)
    return -1; // expected-warning {{response stream 'in' from soup_session_send() is not released on this path (missing g_object_unref())}}
  g_object_unref(in);
  return 0;
}

int read_error_released(SoupSession *session, SoupMessage *msg) {
  char buf[1024];
  gssize n;
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -2;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL)) > 0)
    ;
  g_object_unref(in);
  return n < 0 ? -1 : 0;
}

// A reference added with g_object_ref() and never dropped keeps the stream.
int extra_reference_leaks(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  g_object_ref(in);
  g_input_stream_skip(in, G_MAXSSIZE, NULL, NULL);
  g_object_unref(in);
  return 0; // expected-warning {{response stream 'in' from soup_session_send() is not released on this path (missing g_object_unref())}}
}
