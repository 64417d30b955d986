/* Fetch a document with libsoup 3: the stream leaks on a non-200 status. */
#include <libsoup/soup.h>

gssize fetch_document(SoupSession *session, const char *uri, char *buf,
                      gsize len, GError **error)
{
  SoupMessage *msg = soup_message_new("GET", uri);
  GInputStream *in;
  gssize n;

  if(!msg)
    return -1;
  in = soup_session_send(session, msg, NULL, error);
  if(!in) {
    g_object_unref(msg);
    return -1;
  }
  if(soup_message_get_status(msg) != SOUP_STATUS_OK) {
    g_object_unref(msg);
    return -1;
  }
  n = g_input_stream_read(in, buf, len, NULL, error);
  g_input_stream_close(in, NULL, NULL);
  g_object_unref(in);
  g_object_unref(msg);
  return n;
}
