// libcurl: an easy handle created, used for a request and cleaned up, then
// created again at the same curl_easy_init() on the same path (a loop, a
// helper called twice). Silent where the handle is reused (with or without
// curl_easy_reset), where the connections live in a multi or in a share
// with CURL_LOCK_DATA_CONNECT, for a one-shot program, and where the handle
// is never used, kept, or handed to code the analyzer cannot see.
// RUN: %analyze_plugin -analyzer-checker=poolguard.ClientPerRequest -verify %s

#include <curl/curl.h>
#include <stddef.h>

void register_handle(CURL *h); // not defined here: may keep the handle

int fetch_each_fresh(const char *const *urls, int n) {
  int failures = 0;
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init(); // expected-warning {{easy handle 'h' is created again here after the previous one from this curl_easy_init() was used and destroyed: every request pays for a new connection (TCP and TLS handshake); reuse one easy handle for every request (curl_easy_reset() between requests resets its options and keeps its connections)}}
    if (!h)
      return -1;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) != CURLE_OK)
      failures++;
    curl_easy_cleanup(h);
  }
  return failures;
}

int fetch_while(const char *const *urls) {
  while (*urls) {
    CURL *h = curl_easy_init(); // expected-warning {{easy handle 'h' is created again here}}
    if (!h)
      return -1;
    curl_easy_setopt(h, CURLOPT_URL, *urls++);
    curl_easy_perform(h);
    curl_easy_perform(h);
    curl_easy_cleanup(h);
  }
  return 0;
}

// A helper that builds its own handle, called twice on one path: the
// warning is in the helper, at its second run.
static int fetch_one(const char *url) {
  CURL *h = curl_easy_init(); // expected-warning {{easy handle 'h' is created again here}}
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

int fetch_two(const char *a, const char *b) {
  return fetch_one(a) + fetch_one(b);
}

// The same helper, from a loop.
static int fetch_helper_in_loop(const char *url) {
  CURL *h = curl_easy_init(); // expected-warning {{easy handle 'h' is created again here}}
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

int fetch_list(const char *const *urls, int n) {
  for (int i = 0; i < n; i++)
    fetch_helper_in_loop(urls[i]);
  return 0;
}

// A share that shares only cookies and DNS holds no connection pool.
int share_without_connections(const char *const *urls, int n) {
  CURLSH *sh = curl_share_init();
  if (!sh)
    return -1;
  curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init(); // expected-warning {{easy handle 'h' is created again here}}
    if (!h)
      break;
    curl_easy_setopt(h, CURLOPT_SHARE, sh);
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
    curl_easy_cleanup(h);
  }
  curl_share_cleanup(sh);
  return 0;
}

// Never cleaned up: each iteration's handle is dropped, with its pool.
int fetch_and_drop(const char *const *urls, int n) {
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init(); // expected-warning {{easy handle 'h' is created again here after the previous one from this curl_easy_init() was used and dropped}}
    if (!h)
      return -1;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
  }
  return 0;
}

// ---- silent ---------------------------------------------------------------

// One handle, reset between requests: connections stay pooled.
int fetch_reset_between(const char *const *urls, int n) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  for (int i = 0; i < n; i++) {
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
  }
  curl_easy_cleanup(h);
  return 0;
}

// Easy handles per transfer, but the multi owns the connection pool.
int fetch_through_multi(const char *const *urls, int n) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      break;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_multi_add_handle(m, h);
    int running = 1;
    while (running && curl_multi_perform(m, &running) == CURLM_OK)
      curl_multi_poll(m, NULL, 0, 1000, NULL);
    curl_multi_remove_handle(m, h);
    curl_easy_cleanup(h);
  }
  curl_multi_cleanup(m);
  return 0;
}

// A share with CURL_LOCK_DATA_CONNECT holds the pool for every handle.
int fetch_through_share(const char *const *urls, int n) {
  CURLSH *sh = curl_share_init();
  if (!sh)
    return -1;
  curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      break;
    curl_easy_setopt(h, CURLOPT_SHARE, sh);
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
    curl_easy_cleanup(h);
  }
  curl_share_cleanup(sh);
  return 0;
}

// Each CURLSHOPT_SHARE adds to what is shared: DNS after CONNECT keeps the
// connection pool in the share.
int fetch_through_share_of_two(const char *const *urls, int n) {
  CURLSH *sh = curl_share_init();
  if (!sh)
    return -1;
  curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      break;
    curl_easy_setopt(h, CURLOPT_SHARE, sh);
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
    curl_easy_cleanup(h);
  }
  curl_share_cleanup(sh);
  return 0;
}

// CURLSHOPT_UNSHARE takes the pool out of the share again.
int fetch_through_unshared(const char *const *urls, int n) {
  CURLSH *sh = curl_share_init();
  if (!sh)
    return -1;
  curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(sh, CURLSHOPT_UNSHARE, CURL_LOCK_DATA_CONNECT);
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init(); // expected-warning {{easy handle 'h' is created again here}}
    if (!h)
      break;
    curl_easy_setopt(h, CURLOPT_SHARE, sh);
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
    curl_easy_cleanup(h);
  }
  curl_share_cleanup(sh);
  return 0;
}

// A one-shot program: one handle, one request.
int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  CURL *h = curl_easy_init();
  if (!h)
    return 1;
  curl_easy_setopt(h, CURLOPT_URL, argv[1]);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : 1;
}

// Created and destroyed without a request: no connection was made.
int probe_handles(int n) {
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      return -1;
    curl_easy_cleanup(h);
  }
  return 0;
}

// A set of handles kept side by side, each used for requests later.
int fetch_parallel_set(const char *const *urls, CURL **hs, int n) {
  for (int i = 0; i < n; i++) {
    hs[i] = curl_easy_init();
    if (!hs[i])
      return -1;
    curl_easy_setopt(hs[i], CURLOPT_URL, urls[i]);
    curl_easy_perform(hs[i]);
  }
  return 0;
}

// Handed to code the analyzer cannot see, which may keep it.
int fetch_and_register(const char *const *urls, int n) {
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      return -1;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
    register_handle(h);
  }
  return 0;
}

// A new handle for the next mirror only after the transfer failed: its
// connection was of no use (different hosts, or a broken one).
int fetch_from_mirrors(const char *const *mirrors, int n) {
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      return -1;
    curl_easy_setopt(h, CURLOPT_URL, mirrors[i]);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    if (rc == CURLE_OK)
      return i;
  }
  return -1;
}

// After a transfer that worked, the next one gets a new handle again.
int poll_until_ready(const char *url) {
  long code = 0;
  for (int tries = 0; tries < 5 && code != 200; tries++) {
    CURL *h = curl_easy_init(); // expected-warning {{easy handle 'h' is created again here}}
    if (!h)
      return -1;
    curl_easy_setopt(h, CURLOPT_URL, url);
    if (curl_easy_perform(h) == CURLE_OK)
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_cleanup(h);
  }
  return code == 200 ? 0 : -1;
}
