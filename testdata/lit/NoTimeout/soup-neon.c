// libsoup and neon. libsoup 3 and a plain 2.4 SoupSession time out I/O
// after 60 s unless `timeout` is set to 0 (soup_session_init() and 2.4's
// soup_session_constructor() assign 60 although the GParamSpec says 0); a
// 2.4 SoupSessionSync/Async starts at 0, no timeout. neon reads time out
// after 120 s by default. Reported: an explicit 0, and a 2.4 sync/async
// session from its _with_options constructor without a timeout.
// RUN: %analyze_plugin -analyzer-checker=poolguard.NoTimeout %soup3 %neon -verify=expected,soup3 %s
// RUN: %analyze_plugin -analyzer-checker=poolguard.NoTimeout %soup2 %neon \
// RUN:   -Wno-deprecated-declarations -DSOUP2 -verify=expected,soup2 %s

#include <libsoup/soup.h>
#include <ne_basic.h>
#include <ne_request.h>
#include <ne_session.h>

#ifndef SOUP2
#define SEND(session, msg) soup_session_send_and_read(session, msg, NULL, NULL)
#else
#define SEND(session, msg) soup_session_send_message(session, msg)
#endif

void timeout_zero_set_later(const char *uri) {
  SoupSession *session = soup_session_new();
  g_object_set(session, "timeout", 0, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  (void)SEND(session, msg); // expected-warning {{SoupSession 'session' performs a request with no timeout (timeout set to 0 by g_object_set(), which means no timeout): a server that stops responding holds the request, and its connection, forever}}
  g_object_unref(msg);
  g_object_unref(session);
}

void timeout_zero_at_construction(const char *uri) {
  SoupSession *session = soup_session_new_with_options("timeout", 0, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  (void)SEND(session, msg); // expected-warning {{SoupSession 'session' performs a request with no timeout (timeout set to 0 by soup_session_new_with_options(), which means no timeout)}}
  g_object_unref(msg);
  g_object_unref(session);
}

#ifdef SOUP2
void sync_session_default(const char *uri) {
  SoupSession *session = soup_session_sync_new_with_options(SOUP_SESSION_USER_AGENT, "t", NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  soup_session_send_message(session, msg); // soup2-warning {{SoupSession 'session' performs a request with no timeout (timeout is not set, and timeout defaults to 0 for SoupSessions from soup_session_sync_new_with_options())}}
  g_object_unref(msg);
  g_object_unref(session);
}

void sync_session_with_timeout(const char *uri) {
  SoupSession *session = soup_session_sync_new_with_options(SOUP_SESSION_TIMEOUT, 30, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  soup_session_send_message(session, msg);
  g_object_unref(msg);
  g_object_unref(session);
}
#else
void timeout_restored(const char *uri) {
  SoupSession *session = soup_session_new_with_options("timeout", 0, NULL);
  soup_session_set_timeout(session, 15);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  (void)SEND(session, msg);
  g_object_unref(msg);
  g_object_unref(session);
}
#endif

// ---- silent ---------------------------------------------------------------

void default_session(const char *uri) {
  SoupSession *session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  (void)SEND(session, msg);
  g_object_unref(msg);
  g_object_unref(session);
}

void session_parameter(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  (void)SEND(session, msg);
  g_object_unref(msg);
}

int neon_default(const char *host, const char *path) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_request *req = ne_request_create(sess, "GET", path);
  int rc = ne_request_dispatch(req);
  ne_request_destroy(req);
  ne_session_destroy(sess);
  return rc;
}

int neon_read_timeout(const char *host, const char *path) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_set_read_timeout(sess, 30);
  int rc = ne_delete(sess, path);
  ne_session_destroy(sess);
  return rc;
}

// neon applies a session read timeout only when it is non-zero: 0 keeps the
// socket's 120 s default, so this session is bounded.
int neon_zero_read_timeout_keeps_default(const char *host, const char *path) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_set_read_timeout(sess, 0);
  int rc = ne_delete(sess, path);
  ne_session_destroy(sess);
  return rc;
}

// A negative read timeout waits forever (neon polls with -1).
int neon_negative_read_timeout(const char *host, const char *path) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_set_read_timeout(sess, -1);
  int rc = ne_delete(sess, path); // expected-warning {{neon session 'sess' performs a request with no timeout (read-timeout set to -1 by ne_set_read_timeout(), which means no timeout)}}
  ne_session_destroy(sess);
  return rc;
}
