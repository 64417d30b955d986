// libsoup 3 with GLib's ownership helpers. g_autoptr(SoupMessage),
// g_autoptr(GInputStream), g_autoptr(GBytes) and g_autoptr(SoupSession) drop
// their reference at scope exit, so early returns are silent.
// g_clear_object() unrefs. g_steal_pointer() moves the reference out of an
// autoptr variable to the caller, who then owns it (the caller's leak of it
// is in cleanup-scope-exit.c). Reassigning an autoptr variable does not
// unref its old value.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak %soup3 -verify %s

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

gboolean check_status_autoptr(SoupSession *session, const char *uri, GError **error) {
  g_autoptr(SoupMessage) msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "bad URI %s", uri);
    return FALSE;
  }
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK)
    return FALSE; // both unreffed at scope exit
  if (!g_input_stream_close(in, NULL, error))
    return FALSE;
  return TRUE;
}

GBytes *get_body_autoptr(SoupSession *session, const char *uri, GError **error) {
  g_autoptr(SoupMessage) msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read(session, msg, NULL, error);
  if (!body)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL(soup_message_get_status(msg)))
    return NULL; // body unreffed here
  return g_steal_pointer(&body);
}

// A message built by a helper and handed to the caller.
SoupMessage *build_json_post(const char *uri, const char *json) {
  g_autoptr(SoupMessage) msg = soup_message_new(SOUP_METHOD_POST, uri);
  if (!msg)
    return NULL;
  g_autoptr(GBytes) payload = g_bytes_new(json, strlen(json));
  soup_message_set_request_body_from_bytes(msg, "application/json", payload);
  soup_message_headers_append(soup_message_get_request_headers(msg), "Accept", "application/json");
  return g_steal_pointer(&msg);
}

// Out-parameter form of g_steal_pointer.
gboolean open_stream(SoupSession *session, SoupMessage *msg, GInputStream **out, GError **error) {
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK)
    return FALSE;
  if (out)
    *out = g_steal_pointer(&in);
  return TRUE;
}

// A session for the whole run, in an autoptr.
int run_checks(const char *const *uris, int n) {
  g_autoptr(SoupSession) session = soup_session_new_with_options("timeout", 10, NULL);
  int failures = 0;
  for (int i = 0; i < n; i++)
    if (!check_status_autoptr(session, uris[i], NULL))
      failures++;
  return failures;
}

// g_clear_object() unrefs and clears: a second call does nothing.
void clear_twice(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return;
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  g_clear_object(&msg);
  if (in) {
    g_input_stream_close(in, NULL, NULL);
    g_clear_object(&in);
  }
  g_clear_object(&msg);
}

// Reusing an autoptr variable for a second request leaks the first message.
guint two_requests_reassigned(SoupSession *session, const char *a, const char *b) {
  g_autoptr(SoupMessage) msg = soup_message_new(SOUP_METHOD_GET, a);
  if (!msg)
    return 0;
  g_autoptr(GBytes) first = soup_session_send_and_read(session, msg, NULL, NULL);
  msg = soup_message_new(SOUP_METHOD_GET, b); // expected-warning {{SoupMessage 'msg' from soup_message_new() is not released before 'msg' is overwritten (missing g_object_unref())}}
  soup_message_headers_append(soup_message_get_request_headers(msg), "Accept", "*/*");
  g_autoptr(GBytes) second = soup_session_send_and_read(session, msg, NULL, NULL);
  return soup_message_get_status(msg);
}
