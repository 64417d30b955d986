// libsoup 3 objects used after their last reference was dropped: a message
// read after g_object_unref, a double unref of a response stream, a session
// used after being unreffed by a helper. Silent: g_clear_object() leaves
// NULL behind, so a second g_clear_object() or a NULL check is fine.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease %soup3 -verify %s

#include <libsoup/soup.h>

// The status read after the message was unreffed.
guint status_after_unref(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return 0;
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  if (body)
    g_bytes_unref(body);
  return soup_message_get_status(msg); // expected-warning {{SoupMessage 'msg' is used by soup_message_get_status() after it was released}}
}

// Unreffed on the error path and again at the common exit.
gboolean stream_double_unref(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  gboolean ok = TRUE;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK) {
    g_object_unref(in);
    ok = FALSE;
  }
  g_object_unref(in); // expected-warning {{is released again by g_object_unref() after it was released}}
  return ok;
}

static void shutdown_session(SoupSession *session) {
  soup_session_abort(session);
  g_object_unref(session);
}

// A helper unreffed the session; it is then used for another request.
void send_after_shutdown(const char *uri) {
  SoupSession *session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg) {
    g_object_unref(session);
    return;
  }
  shutdown_session(session);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL); // expected-warning {{SoupSession 'session' is used by soup_session_send_and_read() after it was released}}
  g_clear_pointer(&body, g_bytes_unref);
  g_object_unref(msg);
}

// The GBytes body read after g_bytes_unref.
gsize size_after_unref(SoupSession *session, SoupMessage *msg) {
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  if (!body)
    return 0;
  g_bytes_unref(body);
  return g_bytes_get_size(body); // expected-warning {{GBytes buffer 'body' is used by g_bytes_get_size() after it was released}}
}

// g_clear_object() twice: the second sees NULL.
void clear_then_clear(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return;
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  g_clear_object(&in);
  g_clear_object(&msg);
  g_clear_object(&in);
  g_clear_object(&msg);
}

// Unreffed and cleared; the pointer is checked before any further use.
guint status_if_still_alive(SoupSession *session, const char *uri, gboolean drop) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_HEAD, uri);
  if (!msg)
    return 0;
  if (drop) {
    g_object_unref(msg);
    msg = NULL;
  }
  if (!msg)
    return 0;
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_clear_pointer(&body, g_bytes_unref);
  guint status = soup_message_get_status(msg);
  g_object_unref(msg);
  return status;
}

// A new message replaces the unreffed one (redirect handled by hand).
guint follow_once(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return 0;
  soup_message_add_flags(msg, SOUP_MESSAGE_NO_REDIRECT);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_clear_pointer(&body, g_bytes_unref);
  if (SOUP_STATUS_IS_REDIRECTION(soup_message_get_status(msg))) {
    char *location = g_strdup(soup_message_headers_get_one(soup_message_get_response_headers(msg), "Location"));
    g_object_unref(msg);
    msg = location ? soup_message_new(SOUP_METHOD_GET, location) : NULL;
    g_free(location);
    if (!msg)
      return 0;
    body = soup_session_send_and_read(session, msg, NULL, NULL);
    g_clear_pointer(&body, g_bytes_unref);
  }
  guint status = soup_message_get_status(msg);
  g_object_unref(msg);
  return status;
}

// g_object_ref() adds a reference: the next unref drops that one.
void extra_reference_balanced(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  g_object_ref(in);
  g_input_stream_skip(in, G_MAXSSIZE, NULL, NULL);
  g_object_unref(in);
  g_object_unref(in);
}

void extra_reference_released_twice(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  GInputStream *copy = g_object_ref(in);
  g_input_stream_skip(in, G_MAXSSIZE, NULL, NULL);
  g_object_unref(copy);
  g_object_unref(in);
  g_object_unref(in); // expected-warning {{is released again by g_object_unref() after it was released}}
}
