// Handles stored in a local struct through an initializer list
// (`struct conn c = {curl_easy_init(), NULL};`, designated or not) leak with
// the struct. The message names the field that holds the handle, as it does
// for `c.easy = curl_easy_init()` (curl-ownership.c).
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>

struct conn {
  CURL *easy;
  struct curl_slist *headers;
};

int one_request(const char *url) {
  struct conn c = {curl_easy_init(), NULL};
  if (!c.easy)
    return -1;
  curl_easy_setopt(c.easy, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(c.easy); // expected-warning {{easy handle 'c.easy' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  return rc == CURLE_OK ? 0 : -1;
}

int with_headers(const char *url) {
  struct conn c = {.easy = curl_easy_init(), .headers = curl_slist_append(NULL, "Accept: */*")};
  if (!c.easy) {
    curl_slist_free_all(c.headers);
    return -1;
  }
  curl_easy_setopt(c.easy, CURLOPT_URL, url);
  curl_easy_setopt(c.easy, CURLOPT_HTTPHEADER, c.headers);
  CURLcode rc = curl_easy_perform(c.easy);
  // The easy handle uses the list until it is cleaned up.
  curl_easy_cleanup(c.easy);
  return rc == CURLE_OK ? 0 : -1; // expected-warning {{header list 'c.headers' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
}
