// Path notes: the timeout that was set, and the curl_easy_reset() that
// cleared it before the request.
// RUN: %analyze_plugin -analyzer-checker=poolguard.NoTimeout \
// RUN:   -analyzer-output=text -verify %s

#include <curl/curl.h>

void reset_then(const char *url) {
  CURL *h = curl_easy_init(); // expected-note {{easy handle created by curl_easy_init()}}
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L); // expected-note {{CURLOPT_TIMEOUT set to 10 on 'h' by curl_easy_setopt()}}
  curl_easy_reset(h); // expected-note {{curl_easy_reset() resets every option of 'h' to its default}}
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h); // expected-warning {{easy handle 'h' performs a request with no timeout}} expected-note {{easy handle 'h' performs a request with no timeout}}
  curl_easy_cleanup(h);
}
