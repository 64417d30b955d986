// libsoup 3: a SoupSession per request ("most applications will only need
// a single SoupSession"). Silent for one long-lived session, for a session
// made and never used, and for a session the caller passes in.
// RUN: %analyze_plugin -analyzer-checker=poolguard.ClientPerRequest %soup3 -verify %s

#include <libsoup/soup.h>

int fetch_each(const char *const *uris, int n) {
  int ok = 0;
  for (int i = 0; i < n; i++) {
    SoupSession *session = soup_session_new(); // expected-warning {{SoupSession 'session' is created again here after the previous one from this soup_session_new() was used and destroyed: every request pays for a new connection (TCP and TLS handshake); create one SoupSession for the whole program and reuse it for every request}}
    SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uris[i]);
    if (!msg) {
      g_object_unref(session);
      continue;
    }
    GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
    if (body) {
      ok++;
      g_bytes_unref(body);
    }
    g_object_unref(msg);
    g_object_unref(session);
  }
  return ok;
}

// g_autoptr releases the session at the end of each iteration.
static gsize body_size(const char *uri) {
  g_autoptr(SoupSession) session = soup_session_new_with_options("max-conns-per-host", 8, NULL); // expected-warning {{SoupSession 'session' is created again here}}
  g_autoptr(SoupMessage) msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return 0;
  g_autoptr(GBytes) body = soup_session_send_and_read(session, msg, NULL, NULL);
  return body ? g_bytes_get_size(body) : 0;
}

gsize total_size(const char *a, const char *b) {
  return body_size(a) + body_size(b);
}

// ---- silent ---------------------------------------------------------------

// One session for every request.
int fetch_all_one_session(const char *const *uris, int n) {
  SoupSession *session = soup_session_new();
  int ok = 0;
  for (int i = 0; i < n; i++) {
    SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uris[i]);
    if (!msg)
      continue;
    GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
    if (body) {
      ok++;
      g_bytes_unref(body);
    }
    g_object_unref(msg);
  }
  g_object_unref(session);
  return ok;
}

// The caller's session, used for every request.
int fetch_with(SoupSession *session, const char *const *uris, int n) {
  int ok = 0;
  for (int i = 0; i < n; i++) {
    SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uris[i]);
    if (!msg)
      continue;
    GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
    if (body) {
      ok++;
      g_bytes_unref(body);
    }
    g_object_unref(msg);
  }
  return ok;
}

// g_object_new(SOUP_TYPE_SESSION, ...) in a loop: the type argument is the
// same on every pass, though each soup_session_get_type () call is a new
// value to the analyzer.
void poll_with_new_sessions(const char *uri, int n) {
  for (int i = 0; i < n; i++) {
    SoupSession *session = g_object_new(SOUP_TYPE_SESSION, "max-conns-per-host", 4, NULL); // expected-warning {{SoupSession 'session' is created again here after the previous one from this g_object_new() was used and destroyed}}
    SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
    if (!msg) {
      g_object_unref(session);
      return;
    }
    GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
    if (body)
      g_bytes_unref(body);
    g_object_unref(msg);
    g_object_unref(session);
  }
}
