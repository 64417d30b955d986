// A handle in a struct whose address was given to curl stays followed, so a
// second release through the struct is caught.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease -verify %s

#include <curl/curl.h>

struct transfer {
  CURL *easy;
};

int released_twice(void) {
  struct transfer t;
  t.easy = curl_easy_init();
  curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
  curl_easy_perform(t.easy);
  curl_easy_cleanup(t.easy);
  curl_easy_cleanup(t.easy); // expected-warning {{easy handle 't.easy' is released again by curl_easy_cleanup() after it was released}}
  return 0;
}
