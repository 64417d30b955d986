// Path notes: where the client was created and where reuse was switched
// off; settings that do not matter to this checker (the timeout) get none.
// RUN: %analyze_plugin -analyzer-checker=poolguard.ReuseDisabled \
// RUN:   -analyzer-output=text -verify %s

#include <curl/curl.h>

void forbid(const char *url) {
  CURL *h = curl_easy_init(); // expected-note {{easy handle created by curl_easy_init()}}
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L); // expected-note {{CURLOPT_FRESH_CONNECT set to 1 on 'h' by curl_easy_setopt()}}
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_perform(h); // expected-warning {{easy handle 'h' makes another request with connection reuse disabled}} expected-note {{easy handle 'h' makes another request with connection reuse disabled}}
  curl_easy_cleanup(h);
}
