// Leaks found after the scope of a g_autoptr / __attribute__((cleanup))
// variable has ended: in the same function after an inner block, at the end
// of a function that also has an autoptr, and in the caller of a helper that
// returns g_steal_pointer(&autoptr_var).
//
// The analyzer (19 and 22) ends every path at the CFGCleanupFunction element
// of a cleanup variable's scope exit; poolguard builds C CFGs without those
// elements (Registration.cpp), so these paths go on.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak %soup3 -verify %s

#include <curl/curl.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void curl_easy_cleanupp(CURL **p) {
  if (*p)
    curl_easy_cleanup(*p);
}

// A message built by a helper and handed to the caller.
static SoupMessage *build_json_post(const char *uri, const char *json) {
  g_autoptr(SoupMessage) msg = soup_message_new(SOUP_METHOD_POST, uri);
  if (!msg)
    return NULL;
  g_autoptr(GBytes) payload = g_bytes_new(json, strlen(json));
  soup_message_set_request_body_from_bytes(msg, "application/json", payload);
  return g_steal_pointer(&msg);
}

// The caller of build_json_post() owns the message it returns.
guint post_json_leaks(SoupSession *session, const char *uri, const char *json) {
  SoupMessage *msg = build_json_post(uri, json);
  if (!msg)
    return 0;
  GBytes *reply = soup_session_send_and_read(session, msg, NULL, NULL);
  g_clear_pointer(&reply, g_bytes_unref);
  return soup_message_get_status(msg); // expected-warning {{SoupMessage 'msg' from soup_message_new() is not released on this path (missing g_object_unref())}}
}



// A plain-pointer stream next to an autoptr message: the stream is never
// unreffed and leaks at the end of the function.
void drain_to_stdout_leaks_stream(SoupSession *session, const char *uri) {
  g_autoptr(SoupMessage) msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return;
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  char buf[4096];
  while (g_input_stream_read(in, buf, sizeof buf, NULL, NULL) > 0)
    fwrite(buf, 1, sizeof buf, stdout);
} // expected-warning {{response stream 'in' from soup_session_send() is not released on this path (missing g_object_unref())}}

// The autoptr's scope ends before the session is created; the session
// leaks afterwards.
int probe_then_leak_session(SoupSession *shared, const char *uri) {
  {
    g_autoptr(SoupMessage) probe = soup_message_new(SOUP_METHOD_HEAD, uri);
    if (!probe)
      return -1;
    g_autoptr(GBytes) ignored = soup_session_send_and_read(shared, probe, NULL, NULL);
  }
  SoupSession *own = soup_session_new();
  soup_session_set_timeout(own, 5);
  return 0; // expected-warning {{SoupSession 'own' from soup_session_new() is not released on this path (missing g_object_unref())}}
}

// systemd style: the handle of the inner scope is cleaned up, the header
// list created afterwards is not.
int probe_then_leak_list(const char *url) {
  {
    _cleanup_(curl_easy_cleanupp) CURL *probe = curl_easy_init();
    if (!probe)
      return -1;
    curl_easy_setopt(probe, CURLOPT_URL, url);
    curl_easy_setopt(probe, CURLOPT_NOBODY, 1L);
    curl_easy_perform(probe);
  }
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: */*");
  if (!hdrs)
    return -1;
  return 0; // expected-warning {{header list 'hdrs' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
}
