// Error paths that leak libcurl handles, and the idioms that must stay silent.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <stdlib.h>

int leak_on_failed_perform(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) != CURLE_OK)
    return -1; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  curl_easy_cleanup(h);
  return 0;
}

// The header list is only borrowed by curl_easy_setopt: still ours to free.
int header_list_leaks_through_setopt(CURL *h) {
  struct curl_slist *hdrs = NULL;
  hdrs = curl_slist_append(hdrs, "Accept: application/json");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  return curl_easy_perform(h); // expected-warning {{header list 'hdrs' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
}

int goto_cleanup_is_fine(const char *url) {
  int rc = -1;
  struct curl_slist *hdrs = NULL;
  CURL *h = curl_easy_init();
  if (!h)
    goto out;
  hdrs = curl_slist_append(NULL, "X-Trace: 1");
  if (!hdrs)
    goto out;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  if (curl_easy_perform(h) != CURLE_OK)
    goto out;
  rc = 0;
out:
  curl_slist_free_all(hdrs);
  curl_easy_cleanup(h);
  return rc;
}

CURL *returned_to_caller(const char *url) {
  CURL *h = curl_easy_init();
  if (h)
    curl_easy_setopt(h, CURLOPT_URL, url);
  return h;
}

struct client {
  CURL *easy;
  struct curl_slist *headers;
};

int stored_in_callers_struct(struct client *c) {
  c->easy = curl_easy_init();
  if (!c->easy)
    return -1;
  c->headers = curl_slist_append(NULL, "Connection: keep-alive");
  return 0;
}

static CURL *global_handle;

void stored_in_global(void) { global_handle = curl_easy_init(); }

void failed_init_is_not_a_handle(void) {
  CURL *h = curl_easy_init();
  if (h == NULL)
    return;
  curl_easy_cleanup(h);
}

void overwritten_in_loop(const char *const *urls, int n) {
  // Reported where the path goes round again without releasing.
  for (int i = 0; i < n; i++) { // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
    CURL *h = curl_easy_init();
    if (!h)
      continue;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
  }
}

void reused_across_iterations(const char *const *urls, int n) {
  CURL *h = curl_easy_init();
  if (!h)
    return;
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
  }
  curl_easy_cleanup(h);
}

// A duplicated handle is a new handle of its own.
int fetch_with_copy_leaks(CURL *tmpl, const char *url) {
  CURL *copy = curl_easy_duphandle(tmpl);
  if (!copy)
    return -1;
  curl_easy_setopt(copy, CURLOPT_URL, url);
  if (curl_easy_perform(copy) != CURLE_OK)
    return -1; // expected-warning {{easy handle 'copy' from curl_easy_duphandle() is not released on this path (missing curl_easy_cleanup())}}
  curl_easy_cleanup(copy);
  return 0;
}

// curl_easy_reset() only resets the options: the handle is still allocated.
void reset_is_not_cleanup(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_reset(h);
} // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}

// A variable a macro declares under the name the program passes to it is
// named; one the macro makes up (g_clear_object's `_pp`) would not be.
#define NEW_EASY(name) CURL *name = curl_easy_init()

int fetch_macro_declared(const char *url) {
  NEW_EASY(h);
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) != CURLE_OK)
    return -1; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  curl_easy_cleanup(h);
  return 0;
}
