// libsoup 3: a session used for requests with max-conns-per-host at its
// default of 2 or below the threshold (PoolLimits:MinConnsPerHost, 4), and
// the construct-only max-conns/max-conns-per-host set with g_object_set()
// after construction, which libsoup ignores. Reported at the first request
// (the construct-only setting at the g_object_set call). Silent for limits
// given at construction, sessions of unknown origin, sessions never used,
// and values the path does not know.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PoolLimits %soup3 -verify %s
// RUN: %analyze_plugin -analyzer-checker=poolguard.PoolLimits %soup3 \
// RUN:   -analyzer-config poolguard.PoolLimits:MinConnsPerHost=2 -verify=min2 %s

#include <libsoup/soup.h>

void hand_over(SoupSession *session); // not defined here

GBytes *get_default(const char *uri) {
  SoupSession *session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg) {
    g_object_unref(session);
    return NULL;
  }
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL); // expected-warning {{SoupSession 'session' is used for requests with max-conns-per-host at its default of 2: concurrent requests to one host wait for a free connection, and a response that is not closed blocks the host; set max-conns-per-host to at least 4 when the SoupSession is created}}
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

GBytes *get_one_per_host(const char *uri) {
  SoupSession *session = soup_session_new_with_options("max-conns-per-host", 1, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL); // expected-warning {{SoupSession 'session' is used for requests with max-conns-per-host set to 1 by soup_session_new_with_options(): concurrent requests}} min2-warning {{set to 1}}
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

GBytes *get_limit_set_late(const char *uri) {
  SoupSession *session = soup_session_new();
  g_object_set(session, "max-conns-per-host", 8, NULL); // expected-warning {{max-conns-per-host is construct-only: set by g_object_set() after SoupSession 'session' was created, it is ignored and the SoupSession keeps 2; pass it when the SoupSession is created}} min2-warning {{construct-only}}
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

GBytes *get_total_set_late(const char *uri) {
  SoupSession *session = soup_session_new_with_options("max-conns-per-host", 6, NULL);
  g_object_set(session, "timeout", 30, "max-conns", 50, NULL); // expected-warning {{max-conns is construct-only: set by g_object_set() after SoupSession 'session' was created, it is ignored and the SoupSession keeps 10}} min2-warning {{construct-only}}
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

GInputStream *open_stream(const char *uri, GError **error) {
  SoupSession *session = g_object_new(SOUP_TYPE_SESSION, "max-conns-per-host", 3, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GInputStream *in = soup_session_send(session, msg, NULL, error); // expected-warning {{SoupSession 'session' is used for requests with max-conns-per-host set to 3 by g_object_new()}}
  g_object_unref(msg);
  g_object_unref(session);
  return in;
}

// ---- silent ---------------------------------------------------------------

GBytes *get_limit_at_construction(const char *uri) {
  SoupSession *session = soup_session_new_with_options("max-conns", 32, "max-conns-per-host", 8, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

GBytes *get_gobject_new(const char *uri) {
  SoupSession *session = g_object_new(SOUP_TYPE_SESSION, "max-conns-per-host", 4, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

// The caller's session: its limits are unknown here.
GBytes *get_with(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  return body;
}

// Made and released without a request.
void make_and_drop(void) {
  SoupSession *session = soup_session_new();
  g_object_unref(session);
}

// Configured by code the analyzer cannot see.
GBytes *get_after_hand_over(const char *uri) {
  SoupSession *session = soup_session_new();
  hand_over(session);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

// A limit the path does not know.
GBytes *get_configured(const char *uri, int per_host) {
  SoupSession *session = soup_session_new_with_options("max-conns-per-host", per_host, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

// A session the function itself creates into the caller's struct is of
// known origin until code that could change it runs.
typedef struct {
  SoupSession *session;
} Poller;

void poller_start(Poller *p, const char *uri) {
  p->session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *b = soup_session_send_and_read(p->session, msg, NULL, NULL); // expected-warning {{SoupSession 'p->session' is used for requests with max-conns-per-host at its default of 2}}
  if (b)
    g_bytes_unref(b);
  g_object_unref(msg);
}

void poller_restart(Poller *p, const char *uri) {
  p->session = soup_session_new();
  hand_over(p->session);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *b = soup_session_send_and_read(p->session, msg, NULL, NULL);
  if (b)
    g_bytes_unref(b);
  g_object_unref(msg);
}

// Two construct-only properties in one call: one report names both.
GBytes *two_set_late(const char *uri) {
  SoupSession *session = soup_session_new();
  g_object_set(session, "max-conns", 32, "max-conns-per-host", 8, NULL); // expected-warning {{max-conns and max-conns-per-host are construct-only: set by g_object_set() after SoupSession 'session' was created, they are ignored and the SoupSession keeps max-conns 10 and max-conns-per-host 2; pass them when the SoupSession is created}} min2-warning {{construct-only}}
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

// The application keeps its session in a global and calls GLib's string
// helpers between creating and using it: they only read their arguments,
// so the session's configuration is still known.
typedef struct {
  SoupSession *session;
  char *base;
} app_t;
static app_t *app;

GBytes *app_start(const char *base) {
  SoupSession *session = soup_session_new();
  app = g_new0(app_t, 1);
  app->session = session;
  app->base = g_strdup(base);
  char *uri = g_strconcat(base, "/status", NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  g_free(uri);
  if (!msg)
    return NULL;
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL); // expected-warning {{SoupSession 'app->session' is used for requests with max-conns-per-host at its default of 2}}
  g_object_unref(msg);
  return body;
}

// Reached through the global pointer itself: calls into libsoup, whose
// headers are not system headers, make the analyzer forget every global,
// but the library never writes `app`.
GBytes *app_status(const char *uri) {
  app = g_new0(app_t, 1);
  app->session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return NULL;
  GBytes *body = soup_session_send_and_read(app->session, msg, NULL, NULL); // expected-warning {{SoupSession 'app->session' is used for requests with max-conns-per-host at its default of 2}}
  g_object_unref(msg);
  return body;
}
