// libsoup 2.4: soup_session_send_message() leaves the message with the
// caller (unref it), soup_session_queue_message() takes ownership of it (the
// session unrefs it after the callback), and the SoupRequest API hands out a
// SoupRequest / SoupRequestHTTP, a response stream and, from
// soup_request_http_get_message(), a new reference to the message.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak %soup2 -verify %s

#include <libsoup/soup.h>

// The synchronous API: the message is the caller's after sending.
char *get_text(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return NULL;
  guint status = soup_session_send_message(session, msg);
  char *text = NULL;
  if (SOUP_STATUS_IS_SUCCESSFUL(status))
    text = g_strndup(msg->response_body->data, msg->response_body->length);
  g_object_unref(msg);
  return text;
}

// The message leaks on a non-2xx status.
char *get_text_leaks_on_error(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return NULL;
  guint status = soup_session_send_message(session, msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL(status))
    return NULL; // expected-warning {{SoupMessage 'msg' from soup_message_new() is not released on this path (missing g_object_unref())}}
  char *text = g_strndup(msg->response_body->data, msg->response_body->length);
  g_object_unref(msg);
  return text;
}

// soup_session_queue_message() takes the message: nothing to unref.
static void on_done(SoupSession *session, SoupMessage *msg, gpointer user_data) {
  (void)session;
  *(guint *)user_data = msg->status_code;
}

void post_async(SoupSession *session, const char *uri, const char *body, guint *status) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_POST, uri);
  if (!msg)
    return;
  soup_message_set_request(msg, "application/json", SOUP_MEMORY_COPY, body, strlen(body));
  soup_session_queue_message(session, msg, on_done, status);
}

// A session created for one request and never unreffed.
guint one_shot_leaks_session(const char *uri) {
  SoupSession *session = soup_session_new_with_options(SOUP_SESSION_TIMEOUT, 30, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return 0; // expected-warning {{SoupSession 'session' from soup_session_new_with_options() is not released on this path (missing g_object_unref())}}
  guint status = soup_session_send_message(session, msg);
  g_object_unref(msg);
  g_object_unref(session);
  return status;
}

// SoupRequest: request and stream released on every path.
gssize read_request(SoupSession *session, const char *uri, char *buf, gsize len, GError **error) {
  SoupRequest *req = soup_session_request(session, uri, error);
  if (!req)
    return -1;
  GInputStream *in = soup_request_send(req, NULL, error);
  if (!in) {
    g_object_unref(req);
    return -1;
  }
  gsize n = 0;
  gboolean ok = g_input_stream_read_all(in, buf, len, &n, NULL, error);
  g_object_unref(in);
  g_object_unref(req);
  return ok ? (gssize)n : -1;
}

// The SoupRequest leaks when sending fails.
GInputStream *open_request_leaks(SoupSession *session, const char *uri, GError **error) {
  SoupRequest *req = soup_session_request(session, uri, error);
  if (!req)
    return NULL;
  GInputStream *in = soup_request_send(req, NULL, error);
  if (!in)
    return NULL; // expected-warning {{SoupRequest 'req' from soup_session_request() is not released on this path (missing g_object_unref())}}
  g_object_unref(req);
  return in;
}

// SoupRequestHTTP: the message from soup_request_http_get_message() is a
// new reference; so is the response stream, leaked on a non-200 status.
guint http_status_leaks(SoupSession *session, const char *uri, GError **error) {
  SoupRequestHTTP *http = soup_session_request_http(session, SOUP_METHOD_GET, uri, error);
  if (!http)
    return 0;
  GInputStream *in = soup_request_send(SOUP_REQUEST(http), NULL, error);
  if (!in) {
    g_object_unref(http);
    return 0;
  }
  SoupMessage *msg = soup_request_http_get_message(http);
  guint status = msg->status_code;
  g_object_unref(msg);
  g_object_unref(http);
  if (status != SOUP_STATUS_OK)
    return status; // expected-warning {{response stream 'in' from soup_request_send() is not released on this path (missing g_object_unref())}}
  g_input_stream_close(in, NULL, NULL);
  g_object_unref(in);
  return status;
}

// The message reference from soup_request_http_get_message() is leaked.
const char *content_type_leaks_message(SoupRequestHTTP *http) {
  SoupMessage *msg = soup_request_http_get_message(http);
  return soup_message_headers_get_content_type(msg->response_headers, NULL); // expected-warning {{SoupMessage 'msg' from soup_request_http_get_message() is not released on this path (missing g_object_unref())}}
}

// soup_form_request_new() hands out a new message like soup_message_new().
guint post_form_leaks(SoupSession *session, const char *uri, const char *q) {
  SoupMessage *msg = soup_form_request_new("POST", uri, "q", q, NULL);
  if (!msg)
    return 0;
  guint status = soup_session_send_message(session, msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL(status))
    return status; // expected-warning {{SoupMessage 'msg' from soup_form_request_new() is not released on this path (missing g_object_unref())}}
  g_object_unref(msg);
  return status;
}
