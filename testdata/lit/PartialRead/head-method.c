// A HEAD response has no body (RFC 9110 9.3.2): libsoup reads it with no
// body encoding, so the stream soup_session_send() returns is at its end at
// once and closing it unread keeps the connection. The method is known from
// a literal or from SOUP_METHOD_HEAD, whose expansion holds the one literal
// "HEAD". Any other method, or one the function cannot see, has a body.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>

// ---- silent -----------------------------------------------------------------

gboolean exists(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_HEAD, uri);
  if (!msg)
    return FALSE;
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  gboolean ok = in && SOUP_STATUS_IS_SUCCESSFUL(soup_message_get_status(msg));
  g_clear_object(&in);
  g_object_unref(msg);
  return ok;
}

goffset remote_size(SoupSession *session, GUri *uri) {
  g_autoptr(SoupMessage) msg = soup_message_new_from_uri("HEAD", uri);
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  return soup_message_headers_get_content_length(
      soup_message_get_response_headers(msg));
}

// ---- reported ---------------------------------------------------------------

gboolean probe(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return FALSE;
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  gboolean ok = in != NULL;
  if (in)
    g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
  g_object_unref(msg);
  return ok;
}

// The caller chooses the method: it may be GET.
gboolean probe_with(SoupSession *session, const char *method, const char *uri) {
  SoupMessage *msg = soup_message_new(method, uri);
  if (!msg)
    return FALSE;
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  gboolean ok = in != NULL;
  if (in)
    g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
  g_object_unref(msg);
  return ok;
}
