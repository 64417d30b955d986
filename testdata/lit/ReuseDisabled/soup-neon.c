// libsoup (3 and 2.4) and neon: SOUP_MESSAGE_NEW_CONNECTION on messages
// sent repeatedly on one session, NE_SESSFLAG_PERSIST off on a session used
// repeatedly. A single request with these set is fine, and so are other
// message flags and a session that keeps persistent connections on.
// RUN: %analyze_plugin -analyzer-checker=poolguard.ReuseDisabled %soup3 %neon -verify %s
// RUN: %analyze_plugin -analyzer-checker=poolguard.ReuseDisabled %soup2 %neon \
// RUN:   -Wno-deprecated-declarations -DSOUP2 -verify %s

#include <libsoup/soup.h>
#include <ne_basic.h>
#include <ne_request.h>
#include <ne_session.h>

#ifndef SOUP2
#define SEND(session, msg) soup_session_send_and_read(session, msg, NULL, NULL)
typedef GBytes *result_t;
#else
#define SEND(session, msg) soup_session_send_message(session, msg)
typedef guint result_t;
#endif

void sent_twice(SoupSession *unused, const char *uri) {
  SoupSession *session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg) {
    g_object_unref(session);
    return;
  }
  soup_message_set_flags(msg, SOUP_MESSAGE_NEW_CONNECTION);
  (void)SEND(session, msg);
  (void)SEND(session, msg); // expected-warning {{SoupSession 'session' makes another request with connection reuse disabled (flags set to SOUP_MESSAGE_NEW_CONNECTION by soup_message_set_flags()): every request opens a new connection (TCP and TLS handshake) instead of reusing one; remove that setting}}
  g_object_unref(msg);
  g_object_unref(session);
}

// The session is the caller's, the flagged message this function's own.
void retried_on_callers_session(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return;
  soup_message_set_flags(msg, SOUP_MESSAGE_NEW_CONNECTION);
  (void)SEND(session, msg);
  (void)SEND(session, msg); // expected-warning {{SoupMessage 'msg' makes another request with connection reuse disabled (flags set to SOUP_MESSAGE_NEW_CONNECTION by soup_message_set_flags())}}
  g_object_unref(msg);
}

void each_message_flagged(const char *const *uris, int n) {
  SoupSession *session = soup_session_new();
  for (int i = 0; i < n; i++) {
    SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uris[i]);
    if (!msg)
      continue;
    soup_message_set_flags(msg, SOUP_MESSAGE_NEW_CONNECTION | SOUP_MESSAGE_NO_REDIRECT);
    (void)SEND(session, msg); // expected-warning {{SoupSession 'session' makes another request with connection reuse disabled (flags set to SOUP_MESSAGE_NEW_CONNECTION by soup_message_set_flags()): every request opens a new connection (TCP and TLS handshake) instead of reusing one; remove that setting}}
    g_object_unref(msg);
  }
  g_object_unref(session);
}

// The session is the caller's; each message is this function's own and is
// sent once, but every one asks for a new connection: the caller's session
// opens one per request.
void each_message_flagged_on_callers_session(SoupSession *session,
                                             const char *const *uris, int n) {
  for (int i = 0; i < n; i++) {
    SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uris[i]);
    if (!msg)
      continue;
    soup_message_set_flags(msg, SOUP_MESSAGE_NEW_CONNECTION);
    (void)SEND(session, msg); // expected-warning {{SoupSession 'session' makes another request with connection reuse disabled (flags set to SOUP_MESSAGE_NEW_CONNECTION by soup_message_set_flags()): every request opens a new connection (TCP and TLS handshake) instead of reusing one; remove that setting}}
    g_object_unref(msg);
  }
}

int no_persist(const char *host, const char *const *paths, int n) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 0);
  for (int i = 0; i < n; i++) {
    ne_request *req = ne_request_create(sess, "GET", paths[i]);
    ne_request_dispatch(req); // expected-warning {{neon session 'sess' makes another request with connection reuse disabled (NE_SESSFLAG_PERSIST set to 0 by ne_set_session_flag())}}
    ne_request_destroy(req);
  }
  ne_session_destroy(sess);
  return 0;
}

int no_persist_one_call_requests(const char *host, const char *a, const char *b) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 0);
  ne_delete(sess, a);
  ne_delete(sess, b); // expected-warning {{neon session 'sess' makes another request with connection reuse disabled (NE_SESSFLAG_PERSIST set to 0 by ne_set_session_flag())}}
  ne_session_destroy(sess);
  return 0;
}

// ---- silent ---------------------------------------------------------------

void flagged_once(const char *uri) {
  SoupSession *session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (msg) {
    soup_message_set_flags(msg, SOUP_MESSAGE_NEW_CONNECTION);
    (void)SEND(session, msg);
    g_object_unref(msg);
  }
  g_object_unref(session);
}

void other_flags(const char *const *uris, int n) {
  SoupSession *session = soup_session_new();
  for (int i = 0; i < n; i++) {
    SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uris[i]);
    if (!msg)
      continue;
    soup_message_set_flags(msg, SOUP_MESSAGE_NO_REDIRECT);
    (void)SEND(session, msg);
    g_object_unref(msg);
  }
  g_object_unref(session);
}

int persist_on(const char *host, const char *const *paths, int n) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 1);
  for (int i = 0; i < n; i++) {
    ne_request *req = ne_request_create(sess, "GET", paths[i]);
    ne_request_dispatch(req);
    ne_request_destroy(req);
  }
  ne_session_destroy(sess);
  return 0;
}

int no_persist_single(const char *host, const char *path) {
  ne_session *sess = ne_session_create("https", host, 443);
  ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 0);
  ne_request *req = ne_request_create(sess, "GET", path);
  int rc = ne_request_dispatch(req);
  ne_request_destroy(req);
  ne_session_destroy(sess);
  return rc;
}

// The caller's session: how it was set up is unknown here.
int no_persist_parameter(ne_session *sess, const char *a, const char *b) {
  ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 0);
  ne_delete(sess, a);
  return ne_delete(sess, b);
}

// The caller's session sends one flagged message per call: a single request.
void flagged_once_on_callers_session(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return;
  soup_message_set_flags(msg, SOUP_MESSAGE_NEW_CONNECTION);
  (void)SEND(session, msg);
  g_object_unref(msg);
}

// Unflagged messages on the caller's session: nothing to say about its
// pool, whatever the caller configured.
void plain_messages_on_callers_session(SoupSession *session,
                                       const char *const *uris, int n) {
  for (int i = 0; i < n; i++) {
    SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uris[i]);
    if (!msg)
      continue;
    (void)SEND(session, msg);
    g_object_unref(msg);
  }
}

#ifndef SOUP2
// libsoup 3's add/remove_flags change one flag and keep the others.
void flag_removed_before_retry(SoupSession *unused, const char *uri) {
  SoupSession *session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg) {
    g_object_unref(session);
    return;
  }
  soup_message_add_flags(msg, SOUP_MESSAGE_NEW_CONNECTION);
  (void)SEND(session, msg);
  soup_message_remove_flags(msg, SOUP_MESSAGE_NEW_CONNECTION);
  (void)SEND(session, msg);
  g_object_unref(msg);
  g_object_unref(session);
}

void other_flag_added(SoupSession *unused, const char *uri) {
  SoupSession *session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg) {
    g_object_unref(session);
    return;
  }
  soup_message_add_flags(msg, SOUP_MESSAGE_NEW_CONNECTION);
  soup_message_add_flags(msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_remove_flags(msg, SOUP_MESSAGE_IDEMPOTENT);
  (void)SEND(session, msg);
  (void)SEND(session, msg); // expected-warning {{SoupSession 'session' makes another request with connection reuse disabled (flags set to SOUP_MESSAGE_NEW_CONNECTION by soup_message_add_flags())}}
  g_object_unref(msg);
  g_object_unref(session);
}
#endif
