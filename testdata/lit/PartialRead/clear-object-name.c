// g_clear_object(&in) is a macro whose expansion unrefs through an internal
// variable (`_ptr`); the report must name the program's variable, 'in'.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>

gboolean sniff(SoupSession *session, SoupMessage *msg, char head[16]) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  gssize n = g_input_stream_read(in, head, 16, NULL, NULL);
  g_clear_object(&in); // expected-warning-re {{response stream 'in' is released by {{g_clear_object|g_object_unref}}() before it was read to the end}}
  return n > 0;
}

gboolean read_then_clear(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  char buf[256];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL)) > 0)
    ;
  g_clear_object(&in); // no warning
  return n == 0;
}
