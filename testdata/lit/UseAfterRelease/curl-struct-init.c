// Use after release of a handle held in a local struct that was set up with
// an initializer list, released by a static helper that takes the struct:
// the message names the field (c.easy).
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease -verify %s

#include <curl/curl.h>

struct conn {
  CURL *easy;
  int failures;
};

static void conn_drop(struct conn *c) { curl_easy_cleanup(c->easy); }

// The helper released the struct's handle; the caller performs on it.
int retry_after_drop(const char *url) {
  struct conn c = {curl_easy_init(), 0};
  if (!c.easy)
    return -1;
  curl_easy_setopt(c.easy, CURLOPT_URL, url);
  if (curl_easy_perform(c.easy) != CURLE_OK) {
    c.failures++;
    conn_drop(&c);
  }
  int rc = curl_easy_perform(c.easy); // expected-warning {{easy handle 'c.easy' is used by curl_easy_perform() after it was released}}
  curl_easy_cleanup(c.easy);
  return rc;
}
