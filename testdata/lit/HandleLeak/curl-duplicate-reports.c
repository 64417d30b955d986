// One lost handle is one report, however many paths lose it. Here the
// paths split (on a NULL check, or on a ?: in the return) after the handle
// became unreachable but before the analyzer noticed it, and each branch
// reaches the leak at a different statement.
//
// Expected to fail (XFAIL) until this engine bug is fixed: leak reports carry
// no uniqueing location (the acquisition), so every branch gets its own
// warning: two at different columns of the `return ... ? 0 : -1` line, and two
// for the overwritten handle (at `return -1;` and at the next
// curl_easy_setopt). unix.Malloc reports the same shape with malloc() once (at
// the statement after the NULL check); the expectation below follows it.
// XFAIL: *
// RUN: %analyze -verify %s

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
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url); // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}
