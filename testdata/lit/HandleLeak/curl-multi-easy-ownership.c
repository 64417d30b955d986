// The easy handle stays the caller's after curl_multi_add_handle(): once it
// is removed from the multi, or the multi is cleaned up (curl_multi_cleanup
// "does not free the easy handles"), nothing else references it, and it
// leaks unless curl_easy_cleanup() is called.
//
// The rules move the easy handle into the multi (transfer ... to: 0), hand it
// back with curl_multi_remove_handle (reclaim), and give every handle still
// in the multi back when the multi is released. The 10-at-a-time pattern
// (curl-multi-share.c), which removes msg->easy_handle, stays silent.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <stddef.h>

static int drive(CURLM *m) {
  int running = 1;
  while (running) {
    if (curl_multi_perform(m, &running) != CURLM_OK)
      return -1;
    if (running && curl_multi_poll(m, NULL, 0, 1000, NULL) != CURLM_OK)
      return -1;
  }
  return 0;
}

// curl_multi_cleanup() does not free the easy handles that were added.
void multi_cleanup_does_not_free_easy(const char *url) {
  CURLM *m = curl_multi_init();
  CURL *e = curl_easy_init();
  if (!m || !e) {
    curl_easy_cleanup(e); // both are NULL-safe
    curl_multi_cleanup(m);
    return;
  }
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_multi_add_handle(m, e);
  drive(m);
  curl_multi_remove_handle(m, e);
  // Reported at the exit the path reaches after 'e' is last used.
  curl_multi_cleanup(m); // expected-warning@+1 {{easy handle 'e' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
}

// An error while driving the multi must still release both handles.
int multi_leaks_easy_on_drive_error(const char *url) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  CURL *e = curl_easy_init();
  if (!e) {
    curl_multi_cleanup(m);
    return -1;
  }
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_multi_add_handle(m, e);
  if (drive(m) != 0) {
    curl_multi_cleanup(m); // hands 'e' back: it is lost at the return
    return -1; // expected-warning {{easy handle 'e' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  }
  curl_multi_remove_handle(m, e);
  curl_easy_cleanup(e);
  curl_multi_cleanup(m);
  return 0;
}

// A multi that leaks loses the easy handles still in it too.
static int pump(CURLM *m) {
  int running;
  return curl_multi_perform(m, &running) == CURLM_OK ? running : -1;
}

int bail_early(const char *url) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  CURL *e = curl_easy_init();
  if (!e) {
    curl_multi_cleanup(m);
    return -1;
  }
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_multi_add_handle(m, e);
  if (pump(m) < 0)
    return -1; // expected-warning {{multi handle 'm' from curl_multi_init() is not released on this path (missing curl_multi_cleanup())}} expected-warning {{easy handle 'e' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  curl_multi_remove_handle(m, e);
  curl_easy_cleanup(e);
  curl_multi_cleanup(m);
  return 0;
}
