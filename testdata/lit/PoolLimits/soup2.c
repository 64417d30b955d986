// libsoup 2.4: the per-host limit defaults to 2 as in libsoup 3, for plain
// and for the deprecated sync/async sessions; the SOUP_SESSION_* macros are
// the property names. Silent when the limit is given at construction.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PoolLimits %soup2 \
// RUN:   -Wno-deprecated-declarations -verify %s

#include <libsoup/soup.h>

guint get_sync(const char *uri) {
  SoupSession *session = soup_session_sync_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  guint status = 0;
  if (msg) {
    status = soup_session_send_message(session, msg); // expected-warning {{SoupSession 'session' is used for requests with max-conns-per-host at its default of 2}}
    g_object_unref(msg);
  }
  g_object_unref(session);
  return status;
}

guint get_macro_low(const char *uri) {
  SoupSession *session = soup_session_new_with_options(SOUP_SESSION_MAX_CONNS_PER_HOST, 3, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  guint status = soup_session_send_message(session, msg); // expected-warning {{SoupSession 'session' is used for requests with max-conns-per-host set to 3 by soup_session_new_with_options()}}
  g_object_unref(msg);
  g_object_unref(session);
  return status;
}

// ---- silent ---------------------------------------------------------------

guint get_macro_ok(const char *uri) {
  SoupSession *session = soup_session_new_with_options(SOUP_SESSION_MAX_CONNS_PER_HOST, 8, SOUP_SESSION_TIMEOUT, 30, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  guint status = soup_session_send_message(session, msg);
  g_object_unref(msg);
  g_object_unref(session);
  return status;
}

guint get_sync_ok(const char *uri) {
  SoupSession *session = soup_session_sync_new_with_options(SOUP_SESSION_MAX_CONNS_PER_HOST, 6, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  guint status = soup_session_send_message(session, msg);
  g_object_unref(msg);
  g_object_unref(session);
  return status;
}

// In libsoup 2.4 max-conns-per-host is read-write: setting it after
// construction works.
guint raise_limit_later(const char *uri) {
  SoupSession *session = soup_session_new();
  g_object_set(session, SOUP_SESSION_MAX_CONNS_PER_HOST, 8, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  guint status = soup_session_send_message(session, msg);
  g_object_unref(msg);
  g_object_unref(session);
  return status;
}
