// Use after release found after a helper that uses g_autoptr returns, or
// after an inner __attribute__((cleanup)) scope ends.
//
// The analyzer ends every path at a cleanup variable's scope exit unless the
// CFG leaves those elements out, as poolguard makes it do for C.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease %soup3 -verify %s

#include <curl/curl.h>
#include <libsoup/soup.h>

static gboolean resource_exists(SoupSession *session, const char *uri) {
  g_autoptr(SoupMessage) head = soup_message_new(SOUP_METHOD_HEAD, uri);
  if (!head)
    return FALSE;
  g_autoptr(GBytes) body = soup_session_send_and_read(session, head, NULL, NULL);
  return body && soup_message_get_status(head) == SOUP_STATUS_OK;
}

guint status_after_unref(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return 0;
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_clear_pointer(&body, g_bytes_unref);
  g_object_unref(msg);
  if (!resource_exists(session, uri))
    return 0;
  return soup_message_get_status(msg); // expected-warning {{SoupMessage 'msg' is used by soup_message_get_status() after it was released}}
}

static inline void curl_slist_free_allp(struct curl_slist **p) {
  if (*p)
    curl_slist_free_all(*p);
}

void cleanup_twice_after_scope(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return;
  {
    __attribute__((cleanup(curl_slist_free_allp))) struct curl_slist *l = curl_slist_append(NULL, "Accept: */*");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, l);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_perform(h);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
    curl_easy_cleanup(h);
  }
  curl_easy_cleanup(h); // expected-warning {{easy handle 'h' is released again by curl_easy_cleanup() after it was released}}
}

// ---- a manual release of a g_autoptr variable that still holds it ------------

gsize body_size_double_release(SoupSession *session, const char *uri) {
  g_autoptr(SoupMessage) msg = soup_message_new(SOUP_METHOD_GET, uri);
  g_autoptr(GBytes) body = NULL;
  gsize n;
  if (!msg)
    return 0;
  body = soup_session_send_and_read(session, msg, NULL, NULL);
  if (!body)
    return 0;
  n = g_bytes_get_size(body);
  g_bytes_unref(body);
  return n; // expected-warning {{GBytes buffer 'body' is released again at the end of its scope (by its cleanup attribute) after it was released}}
}

// In an inner block, the second release is the block's closing brace.
gsize body_size_in_block(SoupSession *session, SoupMessage *msg) {
  gsize n = 0;
  {
    g_autoptr(GBytes) body = soup_session_send_and_read(session, msg, NULL, NULL);
    if (body) {
      n = g_bytes_get_size(body);
      g_bytes_unref(body);
    }
    if (n > 4096)
      n = 4096;
  } // expected-warning {{GBytes buffer 'body' is released again at the end of its scope (by its cleanup attribute) after it was released}}
  return n;
}

gsize body_size_cleared(SoupSession *session, const char *uri) {
  g_autoptr(SoupMessage) msg = soup_message_new(SOUP_METHOD_GET, uri);
  g_autoptr(GBytes) body = NULL;
  gsize n;
  if (!msg)
    return 0;
  body = soup_session_send_and_read(session, msg, NULL, NULL);
  if (!body)
    return 0;
  n = g_bytes_get_size(body);
  g_bytes_unref(body);
  body = NULL;
  g_clear_object(&msg);
  return n;
}

// A helper whose g_autoptr variable takes the caller's stream releases it
// when it returns; unreffing it there as well is a second release, reported
// at the helper's closing brace.
static void consume(GInputStream *stream) {
  g_autoptr(GInputStream) in = stream;
  g_input_stream_skip(in, G_MAXSSIZE, NULL, NULL);
  g_object_unref(in);
} // expected-warning {{response stream 'in' is released again at the end of its scope (by its cleanup attribute) after it was released}}

void consume_body(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (in)
    consume(in);
}

// A helper's g_autoptr holding a reference it added drops only that one:
// the caller's stream lives on, and the caller's own g_autoptr still
// releases it.
static gssize count_rest(GInputStream *stream) {
  g_autoptr(GInputStream) in = g_object_ref(stream);
  char buf[4096];
  gssize total = 0;
  for (;;) {
    gssize n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL);
    if (n < 0)
      return -1;
    if (n == 0)
      break;
    total += n;
  }
  return total;
}

gssize body_length(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  gssize n = count_rest(in);
  g_input_stream_close(in, NULL, NULL);
  g_object_unref(in);
  return n;
}

gssize body_length_autoptr(SoupSession *session, SoupMessage *msg) {
  g_autoptr(GInputStream) in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  return count_rest(in);
}
