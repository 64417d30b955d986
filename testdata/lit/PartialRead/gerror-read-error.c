// GLib code usually tells a failed read by its GError rather than by the
// return value: g_input_stream_read() sets the error exactly when it
// returns -1 (and g_input_stream_read_all() when it returns FALSE). A
// failed read ends the stream, so releasing it on the error path is fine.
// The rules name the GError out-parameter (error-arg): a read that set it
// failed.
// expected-no-diagnostics
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>

gboolean read_text(SoupSession *session, SoupMessage *msg, GString *out) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  GError *error = NULL;
  char buf[256];
  for (;;) {
    gssize n = g_input_stream_read(in, buf, sizeof buf, NULL, &error);
    if (error) {
      g_error_free(error);
      g_object_unref(in); // no warning: the read failed
      return FALSE;
    }
    if (n == 0)
      break;
    g_string_append_len(out, buf, n);
  }
  g_object_unref(in); // no warning
  return TRUE;
}

gboolean read_blocks(SoupSession *session, SoupMessage *msg, GByteArray *out) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  g_autoptr(GError) error = NULL;
  guint8 buf[1024];
  gsize n;
  do {
    g_input_stream_read_all(in, buf, sizeof buf, &n, NULL, &error);
    if (error != NULL) {
      g_object_unref(in); // no warning: the read failed
      return FALSE;
    }
    g_byte_array_append(out, buf, n);
  } while (n == sizeof buf);
  g_object_unref(in); // no warning
  return TRUE;
}
