// libsoup 2.4 objects used after release: a message unreffed and then sent,
// a SoupRequest unreffed twice. Silent: a message handed to
// soup_session_queue_message() (the session owns it from then on), and a
// message cleared with g_clear_object() and re-checked.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease %soup2 -verify %s

#include <libsoup/soup.h>

guint send_after_unref(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return 0;
  soup_message_headers_append(msg->request_headers, "Accept", "*/*");
  g_object_unref(msg);
  return soup_session_send_message(session, msg); // expected-warning {{SoupMessage 'msg' is used by soup_session_send_message() after it was released}}
}

GInputStream *request_double_unref(SoupSession *session, const char *uri, GError **error) {
  SoupRequest *req = soup_session_request(session, uri, error);
  if (!req)
    return NULL;
  GInputStream *in = soup_request_send(req, NULL, error);
  if (!in)
    g_object_unref(req);
  g_object_unref(req); // expected-warning {{SoupRequest 'req' is released again by g_object_unref() after it was released}}
  return in;
}

// Queued: the session owns the message from here on.
static void done(SoupSession *s, SoupMessage *m, gpointer data) {
  (void)s;
  (void)m;
  (void)data;
}

void queue_and_forget(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (msg)
    soup_session_queue_message(session, msg, done, NULL);
}

// Released, cleared, re-checked.
guint send_if_present(SoupSession *session, const char *uri, gboolean cancel) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (msg && cancel)
    g_clear_object(&msg);
  if (!msg)
    return 0;
  guint status = soup_session_send_message(session, msg);
  g_object_unref(msg);
  return status;
}

// soup_session_queue_message() takes the caller's reference to the message
// (GIR: transfer full) and drops it after the callback: unreffing it too
// frees the message under the session.
static void on_queued(SoupSession *session, SoupMessage *msg, gpointer data) {
  (void)session;
  (void)msg;
  (void)data;
}

void queue_and_unref(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new("GET", uri);
  if (!msg)
    return;
  soup_session_queue_message(session, msg, on_queued, NULL);
  g_object_unref(msg); // expected-warning {{SoupMessage 'msg' is released by g_object_unref() after soup_session_queue_message() took it}}
}

// Keeping a reference of its own first is fine.
void queue_with_own_ref(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new("GET", uri);
  if (!msg)
    return;
  g_object_ref(msg);
  soup_session_queue_message(session, msg, on_queued, NULL);
  g_object_unref(msg);
}
