// Use after release across functions of one file and across branches, with
// libcurl easy handles. A static helper releases the handle and the caller
// uses it. A release on one branch is followed by a use after the merge.
// Silent: the handle is reassigned after the release, or set to NULL and
// re-checked before use (the "cleanup and clear" idiom).
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease -verify %s

#include <curl/curl.h>
#include <stddef.h>

struct conn {
  CURL *easy;
  int failures;
};

static void conn_drop_and_clear(struct conn *c) {
  curl_easy_cleanup(c->easy);
  c->easy = NULL;
}

static void give_up(CURL *h, const char *why) {
  (void)why;
  curl_easy_cleanup(h);
}

// The helper released the handle; the caller performs on it.
int retry_after_give_up(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) != CURLE_OK)
    give_up(h, "first attempt failed");
  int rc = curl_easy_perform(h); // expected-warning {{easy handle 'h' is used by curl_easy_perform() after it was released}}
  curl_easy_cleanup(h);
  return rc;
}

static void finish(CURL *h) { curl_easy_cleanup(h); }

// Released through a helper taking the handle itself, then released again.
void finish_twice(const char *url) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  finish(h);
  curl_easy_cleanup(h); // expected-warning {{easy handle 'h' is released again by curl_easy_cleanup() after it was released}}
}

// Released on the error branch only; used after the branches merge.
long status_after_error_cleanup(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) != CURLE_OK)
    curl_easy_cleanup(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status); // expected-warning {{easy handle 'h' is used by curl_easy_getinfo() after it was released}}
  curl_easy_cleanup(h);
  return status;
}

// Cleared by the helper and re-checked by the caller.
int retry_after_drop_and_clear(const char *url) {
  struct conn c = {curl_easy_init(), 0};
  if (!c.easy)
    return -1;
  curl_easy_setopt(c.easy, CURLOPT_URL, url);
  if (curl_easy_perform(c.easy) != CURLE_OK)
    conn_drop_and_clear(&c);
  if (c.easy) {
    curl_easy_perform(c.easy);
    curl_easy_cleanup(c.easy);
  }
  return 0;
}

// A new handle replaces the released one.
int reconnect(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) != CURLE_OK) {
    curl_easy_cleanup(h);
    h = curl_easy_init();
    if (!h)
      return -1;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
  }
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

// Set to NULL after the release; later code checks before using it.
static CURL *cached;

void cache_reset(void) {
  curl_easy_cleanup(cached);
  cached = NULL;
}

int cached_fetch(const char *url, int reset_first) {
  if (!cached)
    cached = curl_easy_init();
  if (reset_first) {
    curl_easy_cleanup(cached);
    cached = NULL;
  }
  if (!cached)
    return -1;
  curl_easy_setopt(cached, CURLOPT_URL, url);
  return curl_easy_perform(cached) == CURLE_OK ? 0 : -1;
}
