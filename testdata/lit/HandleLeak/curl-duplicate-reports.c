// One report per leaking exit (statement), however many paths reach it: the
// arms of a ?: in a return are one finding. Different exits are different
// findings, each with its own fix-it (unlike unix.Malloc, which reports one
// per allocation): the overwritten handle below is lost on two paths, at
// `return -1;` and at the next curl_easy_setopt.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>

int status_ok(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  return curl_easy_perform(h) == CURLE_OK ? 0 : -1; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
}

int overwritten(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  h = curl_easy_init();
  if (!h)
    return -1; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  curl_easy_setopt(h, CURLOPT_URL, url); // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}
