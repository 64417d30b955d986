// A response whose status has no body (1xx, 204 No Content, 205, 304 Not
// Modified) is finished without a read: ending it unread is no early
// release. The status comes from the rules' `status` role
// (soup_message_get_status, ne_get_status(req)->code).
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 %neon -verify %s

#include <libsoup/soup.h>
#include <ne_request.h>
#include <ne_session.h>

// ---- silent -----------------------------------------------------------------

gboolean delete_resource(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  if (soup_message_get_status(msg) == SOUP_STATUS_NO_CONTENT) {
    g_object_unref(in);
    return TRUE;
  }
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    ;
  g_object_unref(in);
  return FALSE;
}

gboolean still_fresh(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  guint status = soup_message_get_status(msg);
  if (status == SOUP_STATUS_NOT_MODIFIED) {
    g_input_stream_close(in, NULL, NULL);
    g_object_unref(in);
    return TRUE;
  }
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    ;
  g_object_unref(in);
  return FALSE;
}

int revalidate(ne_session *sess, const char *path, const char *etag, int fd) {
  ne_request *req = ne_request_create(sess, "GET", path);
  ne_add_request_header(req, "If-None-Match", etag);
  int ret = ne_begin_request(req);
  if (ret == NE_OK) {
    if (ne_get_status(req)->code == 304)
      ret = ne_end_request(req);
    else if ((ret = ne_read_response_to_fd(req, fd)) == NE_OK)
      ret = ne_end_request(req);
  }
  ne_request_destroy(req);
  return ret;
}

// ---- reported -----------------------------------------------------------------

gboolean only_ok_is_read(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK) {
    g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
    return FALSE;
  }
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    ;
  g_object_unref(in);
  return TRUE;
}

int end_on_redirect(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = ne_begin_request(req);
  if (ret == NE_OK && ne_get_status(req)->klass == 3)
    ret = ne_end_request(req); // expected-warning {{neon request 'req' is closed by ne_end_request() before it was read to the end}}
  else if (ret == NE_OK)
    ret = ne_discard_response(req) == NE_OK ? ne_end_request(req) : NE_ERROR;
  ne_request_destroy(req);
  return ret;
}
