// A g_autoptr(GInputStream) declared in an inner block is unreffed at that
// block's closing brace: that is where the early release happens, and
// where it should be reported, once per path.
// The stream's symbol dies at its last use (the read, four lines before the
// block ends); the report is moved to the closing brace.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>

gboolean peek_is_json(SoupSession *session, SoupMessage *msg) {
  gboolean is_json = FALSE;
  {
    g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, NULL);
    if (in) {
      char head[16];
      gssize n = g_input_stream_read(in, head, sizeof head, NULL, NULL);
      if (n > 0)
        is_json = head[0] == '{' || head[0] == '[';
    }
  } // expected-warning {{response stream 'in' is released at the end of its scope before it was read to the end}}
  return is_json;
}
