// libcurl handles and loops: one handle reused across iterations (the way to
// keep connections pooled), a handle per iteration released in the
// iteration, retry loops, and leaks that leave an iteration early through
// `continue`, `break` or `return`.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <stddef.h>

// One easy handle for every URL, released once after the loop.
int fetch_all_reused(const char *const *urls, int n) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  int failures = 0;
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) != CURLE_OK)
      failures++;
  }
  curl_easy_cleanup(h);
  return failures;
}

// A handle per iteration, released before the next one.
int fetch_all_fresh(const char *const *urls, int n) {
  int failures = 0;
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      return -1;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) != CURLE_OK)
      failures++;
    curl_easy_cleanup(h);
  }
  return failures;
}

// Retry with the same handle until it works.
int fetch_with_retries(const char *url, int attempts) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = CURLE_FAILED_INIT;
  while (attempts-- > 0) {
    rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
      break;
  }
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

// A small fixed set of handles, released in a second loop.
int fetch_pair(const char *a, const char *b) {
  CURL *hs[2];
  const char *urls[2] = {a, b};
  for (int i = 0; i < 2; i++) {
    hs[i] = curl_easy_init();
    curl_easy_setopt(hs[i], CURLOPT_URL, urls[i]);
    curl_easy_perform(hs[i]);
  }
  for (int i = 0; i < 2; i++)
    curl_easy_cleanup(hs[i]);
  return 0;
}

// `continue` on a failed transfer skips the cleanup of this iteration's
// handle; the leak is shown at that `continue`.
int fetch_all_continue_leaks(const char *const *urls, int n) {
  int ok = 0;
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      continue;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) != CURLE_OK)
      continue; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
    ok++;
    curl_easy_cleanup(h);
  }
  return ok;
}

// `break` out of the loop with the iteration's header list still held.
int post_all_break_leaks(CURL *h, const char *const *bodies, int n) {
  int i;
  for (i = 0; i < n; i++) {
    struct curl_slist *hdrs = curl_slist_append(NULL, "Content-Type: application/json");
    if (!hdrs)
      break;
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, bodies[i]);
    if (curl_easy_perform(h) != CURLE_OK)
      break;
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(hdrs);
  }
  // Reported at the first statement after the loop the `break` leads to.
  return i; // expected-warning {{header list 'hdrs' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
}

// Returning from inside the loop with the shared handle still held.
int fetch_until_error_leaks(const char *const *urls, int n) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) != CURLE_OK)
      return i; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  }
  curl_easy_cleanup(h);
  return n;
}

// A log call between the handle's last use and the `continue` or `break`:
// the leak is still shown at the statement that leaves, where the release
// goes.
void log_failure(const char *what, const char *url);

int fetch_all_logged_continue_leaks(const char *const *urls, int n) {
  int ok = 0;
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      continue;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) != CURLE_OK) {
      log_failure("fetch", urls[i]);
      continue; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
    }
    curl_easy_cleanup(h);
    ok++;
  }
  return ok;
}

int fetch_until_logged_break_leaks(const char *const *urls, int n) {
  int i;
  for (i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      break;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) != CURLE_OK) {
      log_failure("fetch", urls[i]);
      break; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
    }
    curl_easy_cleanup(h);
  }
  return i;
}
