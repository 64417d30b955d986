// GObject cast macros (G_INPUT_STREAM (x), SOUP_SESSION (x)) call
// g_type_check_instance_cast(), which returns its argument: the handle goes
// on being followed through them.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>

void peek_and_close(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  char head[4];
  if (g_input_stream_read(G_INPUT_STREAM(in), head, sizeof head, NULL, NULL) > 0)
    g_input_stream_close(G_INPUT_STREAM(in), NULL, NULL); // expected-warning {{response stream 'in' is closed by g_input_stream_close() before it was read to the end}}
  g_object_unref(G_OBJECT(in));
}

int leak_session_through_cast(const char *uri) {
  SoupSession *s = soup_session_new();
  SoupMessage *msg = soup_message_new("GET", uri);
  if (!msg)
    return -1; // expected-warning {{SoupSession 's' from soup_session_new() is not released on this path (missing g_object_unref())}}
  GBytes *b = soup_session_send_and_read(SOUP_SESSION(s), msg, NULL, NULL);
  g_object_unref(msg);
  if (b)
    g_bytes_unref(b);
  g_object_unref(G_OBJECT(s));
  return 0;
}

void drain_through_cast(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  while (g_input_stream_skip(G_INPUT_STREAM(in), 65536, NULL, NULL) > 0)
    ;
  g_object_unref(in);
}
