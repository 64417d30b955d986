// One report per leaking exit (statement), however many paths reach it: the
// arms of a ?: in a return are one finding. Different exits are different
// findings, each with its own fix-it (unlike unix.Malloc, which reports one
// per allocation). A handle overwritten in its only variable is one finding,
// at the store that lost it, whatever paths follow.
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
  h = curl_easy_init(); // expected-warning {{easy handle 'h' from curl_easy_init() is not released before 'h' is overwritten (missing curl_easy_cleanup())}}
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}
