// libcurl: CURLOPT_FORBID_REUSE or CURLOPT_FRESH_CONNECT set non-zero (or
// CURLOPT_MAXAGE_CONN 0) on a handle that performs more than once: every
// transfer opens a new connection. Reported at the second such request.
// Silent for a single request, after the option is cleared or the handle
// reset, for handles of unknown origin and for values the path does not
// know.
// RUN: %analyze_plugin -analyzer-checker=poolguard.ReuseDisabled -verify %s

#include <curl/curl.h>

int forbid_twice(const char *a, const char *b) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(h, CURLOPT_URL, a);
  curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_URL, b);
  curl_easy_perform(h); // expected-warning {{easy handle 'h' makes another request with connection reuse disabled (CURLOPT_FORBID_REUSE set to 1 by curl_easy_setopt()): every request opens a new connection (TCP and TLS handshake) instead of reusing one; remove that setting}}
  curl_easy_cleanup(h);
  return 0;
}

int fresh_in_loop(const char *const *urls, int n) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h); // expected-warning {{easy handle 'h' makes another request with connection reuse disabled (CURLOPT_FRESH_CONNECT set to 1 by curl_easy_setopt())}}
  }
  curl_easy_cleanup(h);
  return 0;
}

int both_options(const char *url, int times) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  while (times-- > 0)
    if (curl_easy_perform(h) != CURLE_OK) // expected-warning {{easy handle 'h' makes another request with connection reuse disabled (CURLOPT_FRESH_CONNECT set to 1 by curl_easy_setopt() and CURLOPT_FORBID_REUSE set to 1 by curl_easy_setopt()): every request opens a new connection (TCP and TLS handshake) instead of reusing one; remove those settings}}
      break;
  curl_easy_cleanup(h);
  return 0;
}

int max_age_zero(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_MAXAGE_CONN, 0L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_perform(h); // expected-warning {{easy handle 'h' makes another request with connection reuse disabled (CURLOPT_MAXAGE_CONN set to 0 by curl_easy_setopt())}}
  curl_easy_cleanup(h);
  return 0;
}

// ---- silent ---------------------------------------------------------------

int forbid_once(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

int forbid_then_allowed(const char *a, const char *b) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(h, CURLOPT_URL, a);
  curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 0L);
  curl_easy_setopt(h, CURLOPT_URL, b);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

int reset_clears_it(const char *const *urls, int n) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_reset(h);
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
  }
  curl_easy_cleanup(h);
  return 0;
}

int max_age_long(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_MAXAGE_CONN, 60L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

// The caller's handle: set up elsewhere, its other options unknown.
int forbid_on_parameter(CURL *h, const char *url) {
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  return curl_easy_perform(h) == CURLE_OK ? 0 : -1;
}

// A value the path does not know.
int forbid_maybe(const char *url, long forbid) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, forbid);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}
