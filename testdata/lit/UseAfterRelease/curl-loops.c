// libcurl handles released inside a loop: a cleanup on the error path that
// does not leave the loop lets the next iteration use the released handle,
// and the cleanup after the loop releases it again.
// Silent: leaving the loop after the cleanup, or creating a new handle at the
// top of each iteration.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease -verify %s

#include <curl/curl.h>

int fetch_all_cleanup_without_break(const char *const *urls, int n) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  int ok = 0;
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(h, CURLOPT_URL, urls[i]); // expected-warning {{easy handle 'h' is used by curl_easy_setopt() after it was released}}
    if (curl_easy_perform(h) != CURLE_OK) {
      curl_easy_cleanup(h);
      continue;
    }
    ok++;
  }
  // When the last iteration failed, this is the second release.
  curl_easy_cleanup(h); // expected-warning {{easy handle 'h' is released again by curl_easy_cleanup() after it was released}}
  return ok;
}

int fetch_all_cleanup_then_break(const char *const *urls, int n) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  int i;
  for (i = 0; i < n; i++) {
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) != CURLE_OK) {
      curl_easy_cleanup(h);
      h = NULL;
      break;
    }
  }
  curl_easy_cleanup(h);
  return i;
}

int fetch_all_fresh_each_time(const char *const *urls, int n) {
  CURL *h = NULL;
  int ok = 0;
  for (int i = 0; i < n; i++) {
    curl_easy_cleanup(h);
    h = curl_easy_init();
    if (!h)
      break;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) == CURLE_OK)
      ok++;
  }
  curl_easy_cleanup(h);
  return ok;
}
