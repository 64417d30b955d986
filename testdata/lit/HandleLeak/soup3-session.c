// libsoup 3 with plain pointers: sessions (the connection pool), messages,
// the GInputStream from soup_session_send[_finish] and the GBytes from
// soup_session_send_and_read. Each is a new reference the caller must drop
// (g_object_unref / g_bytes_unref), on error paths too.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak %soup3 -verify %s

#include <libsoup/soup.h>

// A session per call, leaked when the URI does not parse.
GBytes *fetch_with_own_session(const char *uri, GError **error) {
  SoupSession *session = soup_session_new();
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return NULL; // expected-warning {{SoupSession 'session' from soup_session_new() is not released on this path (missing g_object_unref())}}
  GBytes *body = soup_session_send_and_read(session, msg, NULL, error);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

// A long-lived session owned by the caller's struct.
typedef struct {
  SoupSession *session;
  char *base_uri;
} ApiClient;

void api_client_init(ApiClient *c, const char *base) {
  c->session = soup_session_new_with_options("timeout", 30, "max-conns-per-host", 4, NULL);
  c->base_uri = g_strdup(base);
}

void api_client_clear(ApiClient *c) {
  g_clear_object(&c->session);
  g_clear_pointer(&c->base_uri, g_free);
}

// The message is released on every path; the body goes to the caller.
GBytes *api_get(ApiClient *c, const char *path, GError **error) {
  char *uri = g_strconcat(c->base_uri, path, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  g_free(uri);
  if (!msg)
    return NULL;
  GBytes *body = soup_session_send_and_read(c->session, msg, NULL, error);
  if (body && !SOUP_STATUS_IS_SUCCESSFUL(soup_message_get_status(msg))) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u", soup_message_get_status(msg));
    g_clear_pointer(&body, g_bytes_unref);
  }
  g_object_unref(msg);
  return body;
}

// The message is never unreffed: only its status is looked at.
guint head_status_leaks_message(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_HEAD, uri);
  if (!msg)
    return 0;
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  if (body)
    g_bytes_unref(body);
  guint status = soup_message_get_status(msg); // expected-warning@+1 {{SoupMessage 'msg' from soup_message_new() is not released on this path (missing g_object_unref())}}
  return status;
}

// The GBytes body leaks when the status is not 2xx.
char *fetch_text_leaks_bytes(SoupSession *session, const char *uri, GError **error) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return NULL;
  GBytes *bytes = soup_session_send_and_read(session, msg, NULL, error);
  if (!bytes) {
    g_object_unref(msg);
    return NULL;
  }
  if (!SOUP_STATUS_IS_SUCCESSFUL(soup_message_get_status(msg))) {
    // Reported at the return this branch reaches: 'bytes' is not used again.
    g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP error"); // expected-warning@+2 {{GBytes buffer 'bytes' from soup_session_send_and_read() is not released on this path (missing g_bytes_unref())}}
    g_object_unref(msg);
    return NULL;
  }
  g_object_unref(msg);
  gsize len = 0;
  char *text = g_bytes_unref_to_data(bytes, &len);
  return text;
}

// Sending a message built by g_object_new(SOUP_TYPE_MESSAGE, ...).
gboolean ping(SoupSession *session, GUri *uri) {
  SoupMessage *msg = g_object_new(SOUP_TYPE_MESSAGE, "method", SOUP_METHOD_OPTIONS, "uri", uri, NULL);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  gboolean ok = body != NULL;
  g_clear_pointer(&body, g_bytes_unref);
  g_object_unref(msg);
  return ok;
}

// The response stream is read to its end, closed and unreffed.
gssize read_all(SoupSession *session, SoupMessage *msg, char *buf, gsize len, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return -1;
  gsize total = 0;
  gboolean ok = g_input_stream_read_all(in, buf, len, &total, NULL, error);
  g_input_stream_close(in, NULL, NULL);
  g_object_unref(in);
  return ok ? (gssize)total : -1;
}

// Async: the stream from soup_session_send_finish() leaks when the status
// is not 200.
static void on_sent(GObject *source, GAsyncResult *res, gpointer user_data) {
  GError *error = NULL;
  SoupSession *session = SOUP_SESSION(source);
  GInputStream *in = soup_session_send_finish(session, res, &error);
  if (!in) {
    g_error_free(error);
    return;
  }
  SoupMessage *msg = soup_session_get_async_result_message(session, res);
  if (soup_message_get_status(msg) != SOUP_STATUS_OK)
    return; // expected-warning {{response stream 'in' from soup_session_send_finish() is not released on this path (missing g_object_unref())}}
  g_output_stream_splice(G_OUTPUT_STREAM(user_data), in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, NULL);
  g_object_unref(in);
}

void start_download(SoupSession *session, SoupMessage *msg, GOutputStream *out) {
  soup_session_send_async(session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, out);
}
