// GIO streams and GBytes used after the last reference was dropped: a
// response stream read after g_object_unref, a stream closed after it was
// unreffed, a GBytes chunk unreffed twice. Silent: a stream only closed can
// still be unreffed, and a chunk replaced by the next read is a new one.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease %soup3 -verify %s

#include <gio/gio.h>
#include <libsoup/soup.h>

gssize read_after_unref(SoupSession *session, SoupMessage *msg, char *buf, gsize len) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  g_object_unref(in);
  return g_input_stream_read(in, buf, len, NULL, NULL); // expected-warning {{response stream 'in' is used by g_input_stream_read() after it was released}}
}

void close_after_unref(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  g_object_unref(in);
  g_input_stream_close(in, NULL, NULL); // expected-warning {{response stream 'in' is used by g_input_stream_close() after it was released}}
}

gsize chunk_double_unref(GInputStream *in) {
  GBytes *chunk = g_input_stream_read_bytes(in, 4096, NULL, NULL);
  if (!chunk)
    return 0;
  gsize n = g_bytes_get_size(chunk);
  if (n == 0)
    g_bytes_unref(chunk);
  g_bytes_unref(chunk); // expected-warning {{GBytes buffer 'chunk' is released again by g_bytes_unref() after it was released}}
  return n;
}

// Closed, then unreffed: close does not release.
gboolean close_then_unref(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    continue;
  gboolean ok = g_input_stream_close(in, NULL, NULL);
  g_object_unref(in);
  return ok;
}

// Each iteration's chunk is unreffed before the variable takes the next.
gsize count_chunks(GInputStream *in) {
  gsize count = 0;
  GBytes *chunk = g_input_stream_read_bytes(in, 4096, NULL, NULL);
  while (chunk && g_bytes_get_size(chunk) > 0) {
    count++;
    g_bytes_unref(chunk);
    chunk = g_input_stream_read_bytes(in, 4096, NULL, NULL);
  }
  if (chunk)
    g_bytes_unref(chunk);
  return count;
}
