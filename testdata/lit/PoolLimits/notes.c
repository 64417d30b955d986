// Path notes: where the session was created and the limit set.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PoolLimits %soup3 \
// RUN:   -analyzer-output=text -verify %s

#include <libsoup/soup.h>

GBytes *get(SoupMessage *msg) {
  SoupSession *session = soup_session_new_with_options("max-conns-per-host", 1, NULL); // expected-note {{SoupSession created by soup_session_new_with_options()}}
  g_object_set(session, "timeout", 10, NULL);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL); // expected-warning {{SoupSession 'session' is used for requests with max-conns-per-host set to 1}} expected-note {{SoupSession 'session' is used for requests with max-conns-per-host set to 1}}
  g_object_unref(session);
  return body;
}
