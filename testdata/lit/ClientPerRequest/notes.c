// Path notes: where the first client was created, where it was destroyed
// (with its request count), and the second creation, which is the warning.
// RUN: %analyze_plugin -analyzer-checker=poolguard.ClientPerRequest \
// RUN:   -analyzer-output=text -verify %s

#include <curl/curl.h>

void per_request(const char *a, const char *b) {
  const char *urls[2] = {a, b};
  for (int i = 0; i < 2; i++) { // expected-note 2 {{Loop condition is true.  Entering loop body}}
    CURL *h = curl_easy_init(); // expected-note {{easy handle created by curl_easy_init()}} expected-warning {{easy handle 'h' is created again here after the previous one from this curl_easy_init() was used and destroyed}} expected-note {{easy handle 'h' is created again here after the previous one from this curl_easy_init() was used and destroyed}}
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
    curl_easy_perform(h);
    curl_easy_cleanup(h); // expected-note {{easy handle 'h' destroyed by curl_easy_cleanup() after 2 requests: its connections are closed with it}}
  }
}
