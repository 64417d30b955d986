// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease -analyzer-output=text -verify %s

#include <curl/curl.h>

long status_after_cleanup(const char *url) {
  long status = 0;
  CURL *h = curl_easy_init(); // expected-note {{easy handle acquired by curl_easy_init()}}
  if (!h) // expected-note {{Assuming 'h' is non-null}} expected-note {{Taking false branch}}
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h); // expected-note {{easy handle released by curl_easy_cleanup()}}
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status); // expected-warning {{easy handle 'h' is used by curl_easy_getinfo() after it was released}} expected-note {{easy handle 'h' is used by curl_easy_getinfo() after it was released}}
  return status;
}

void double_cleanup(CURL *unused) {
  CURL *h = curl_easy_init(); // expected-note {{easy handle acquired by curl_easy_init()}}
  curl_easy_cleanup(h); // expected-note {{easy handle released by curl_easy_cleanup()}}
  curl_easy_cleanup(h); // expected-warning {{easy handle 'h' is released again by curl_easy_cleanup() after it was released}} expected-note {{easy handle 'h' is released again by curl_easy_cleanup() after it was released}}
}
