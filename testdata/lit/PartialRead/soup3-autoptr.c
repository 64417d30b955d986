// libsoup 3 with g_autoptr(GInputStream): the stream is unreffed when the
// variable goes out of scope, and that unref is the release that must come
// after the end of the body. Reported at the closing brace of the scope.
// g_steal_pointer() hands the stream to the caller: no release here.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>

// Returning on a bad status leaves the body unread.
gboolean fetch_ok(SoupSession *session, SoupMessage *msg, GByteArray *out, GError **error) {
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK)
    return FALSE; // expected-warning {{response stream 'in' is released at the end of its scope before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
  guint8 buf[4096];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, error)) > 0)
    g_byte_array_append(out, buf, (guint)n);
  return n == 0; // no warning
}

// Read to the end on every path.
gboolean fetch_all(SoupSession *session, SoupMessage *msg, GByteArray *out, GError **error) {
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  guint8 buf[4096];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, error)) > 0)
    g_byte_array_append(out, buf, (guint)n);
  return n == 0;
} // no warning

// Drained before the scope ends on the error path, read on the other.
gboolean fetch_or_drain(SoupSession *session, SoupMessage *msg, GString *out) {
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  if (!SOUP_STATUS_IS_SUCCESSFUL(soup_message_get_status(msg))) {
    while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
      continue;
    return FALSE; // no warning
  }
  gsize n;
  char buf[1024];
  do {
    if (!g_input_stream_read_all(in, buf, sizeof buf, &n, NULL, NULL))
      return FALSE; // no warning: a failed read ends the stream
    g_string_append_len(out, buf, n);
  } while (n == sizeof buf);
  return TRUE; // no warning
}

// Given to the caller with g_steal_pointer(): the caller reads it.
GInputStream *open_ok(SoupSession *session, SoupMessage *msg, GError **error) {
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return NULL;
  return g_steal_pointer(&in); // no warning
}

// Closed explicitly after reading the end, then unreffed at scope exit.
gboolean read_then_close(SoupSession *session, SoupMessage *msg) {
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  char buf[256];
  while (g_input_stream_read(in, buf, sizeof buf, NULL, NULL) > 0)
    ;
  return g_input_stream_close(in, NULL, NULL); // no warning
}

// The path branches between the last read and the return: reported at the
// return it takes, where the cleanup runs.
typedef struct {
  guint32 magic;
  guint32 version;
} header_t;

gboolean sniff_header(SoupSession *session, SoupMessage *msg, header_t *hdr) {
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, NULL);
  gsize got = 0;
  if (in == NULL)
    return FALSE;
  gboolean ok = g_input_stream_read_all(in, hdr, sizeof *hdr, &got, NULL, NULL);
  if (ok && got == sizeof *hdr)
    g_message("version %u", hdr->version);
  return ok; // expected-warning {{response stream 'in' is released at the end of its scope before it was read to the end}}
}
