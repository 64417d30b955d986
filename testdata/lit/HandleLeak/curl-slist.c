// libcurl header lists: curl_slist_append() returns the new head and consumes
// the old list only when it succeeds. When it fails it returns NULL and the
// old list is still the caller's. So `list = curl_slist_append(list, s)`
// followed by `if (!list) return` loses the old list (php-src#18711). The
// temporary-variable idiom keeps it and must stay silent.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <stddef.h>

// php-src#18711: the failed append overwrote the only pointer to the list.
struct curl_slist *build_headers_overwrites(const char *auth, const char *type) {
  struct curl_slist *list = curl_slist_append(NULL, auth);
  if (!list)
    return NULL;
  list = curl_slist_append(list, type);
  if (!list)
    return NULL; // expected-warning {{header list 'list' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
  return list;
}

// The same mistake inside a loop over user-supplied headers.
struct curl_slist *build_headers_loop_overwrites(const char *const *h, int n) {
  struct curl_slist *list = NULL;
  for (int i = 0; i < n; i++) {
    list = curl_slist_append(list, h[i]);
    if (!list)
      return NULL; // expected-warning {{header list 'list' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
  }
  return list;
}

// The fix that landed for php-src#18711: append into a temporary and free
// the old list when it fails.
struct curl_slist *build_headers_temp(const char *const *h, int n) {
  struct curl_slist *list = NULL;
  for (int i = 0; i < n; i++) {
    struct curl_slist *tmp = curl_slist_append(list, h[i]);
    if (!tmp) {
      curl_slist_free_all(list);
      return NULL;
    }
    list = tmp;
  }
  return list;
}

// The first append from NULL has nothing to lose.
int first_append_from_null(CURL *h) {
  struct curl_slist *list = NULL;
  list = curl_slist_append(list, "Accept: application/json");
  if (!list)
    return -1;
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all(list);
  return rc == CURLE_OK ? 0 : -1;
}

// Unchecked appends (the curl examples' style), freed after the transfer.
int unchecked_appends_freed(CURL *h) {
  struct curl_slist *chunk = NULL;
  chunk = curl_slist_append(chunk, "Accept:");
  chunk = curl_slist_append(chunk, "Another: yes");
  chunk = curl_slist_append(chunk, "Host: example.com");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, chunk);
  CURLcode res = curl_easy_perform(h);
  curl_slist_free_all(chunk);
  return (int)res;
}

// Freed on success only: the error path after the transfer leaks it.
int list_leaks_after_failed_perform(CURL *h, const char *token) {
  struct curl_slist *hdrs = curl_slist_append(NULL, token);
  if (!hdrs)
    return -1;
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  if (curl_easy_perform(h) != CURLE_OK)
    return -1; // expected-warning {{header list 'hdrs' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all(hdrs);
  return 0;
}

// A list kept in a caller's struct outlives the function.
struct request {
  CURL *easy;
  struct curl_slist *headers;
};

int request_add_header(struct request *r, const char *line) {
  struct curl_slist *tmp = curl_slist_append(r->headers, line);
  if (!tmp)
    return -1;
  r->headers = tmp;
  return 0;
}

// The easy handle uses the list it was given until it is cleaned up: the
// leak is reported at each exit the list does not reach, not at the setopt
// after which the program no longer mentions it (freeing it there would
// break the transfer).
int post_json(const char *url, const char *json) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return -1;
  struct curl_slist *hdrs =
      curl_slist_append(NULL, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
  if (curl_easy_perform(curl) != CURLE_OK)
    return -2; // expected-warning {{easy handle 'curl' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}} expected-warning {{header list 'hdrs' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
  curl_easy_cleanup(curl);
  return 0; // expected-warning {{header list 'hdrs' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
}

int post_json_released(const char *url, const char *json) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return -1;
  struct curl_slist *hdrs =
      curl_slist_append(NULL, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  curl_slist_free_all(hdrs);
  return rc == CURLE_OK ? 0 : -2;
}

// The result of appending to a non-empty list is the same head: code that
// drops it still holds the whole list.
int headers_grown_in_place(CURL *h) {
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: */*");
  if (!hdrs)
    return -1;
  curl_slist_append(hdrs, "Cache-Control: no-cache");
  (void)curl_slist_append(hdrs, "Pragma: no-cache");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all(hdrs);
  return rc == CURLE_OK ? 0 : -1;
}
