// Leaks found with every default checker on, where the client-configuration
// engine also follows the session: a request's result that is a handle
// itself (the stream soup_session_send() returns) must die when the program
// loses it, whatever else remembers the request.
// RUN: %analyze_plugin -analyzer-checker=poolguard %soup3 -verify %s

#include <libsoup/soup.h>

int fetch_and_forget_stream(const char *uri) {
  SoupSession *s = soup_session_new_with_options("max-conns-per-host", 8, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GInputStream *in;
  if (!msg) {
    g_object_unref(s);
    return 1;
  }
  in = soup_session_send(s, msg, NULL, NULL);
  g_object_unref(msg);
  if (!in) {
    g_object_unref(s);
    return 1;
  }
  g_object_unref(s);
  return 0; // expected-warning {{response stream 'in' from soup_session_send() is not released on this path (missing g_object_unref())}}
}

gsize fetch_and_forget_bytes(const char *uri) {
  SoupSession *s = soup_session_new_with_options("max-conns-per-host", 8, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg) {
    g_object_unref(s);
    return 0;
  }
  GBytes *body = soup_session_send_and_read(s, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(s);
  return body ? 1 : 0; // expected-warning {{GBytes buffer 'body' from soup_session_send_and_read() is not released on this path (missing g_bytes_unref())}}
}
