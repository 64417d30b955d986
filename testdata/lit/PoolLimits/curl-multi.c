// libcurl: a multi handle that runs transfers with neither
// CURLMOPT_MAX_HOST_CONNECTIONS nor CURLMOPT_MAX_TOTAL_CONNECTIONS set, when
// its easy handles are added in a loop (here or in a caller) or more than
// PoolLimits:MaxHandlesWithoutLimit (6) are added. Reported at the first
// transfer. Silent with a limit, with a few handles, for a multi of unknown
// origin, for a limit the path does not know or one the program chose
// where the library has none (1 for HTTP/2), and for a loop with a small
// constant bound; easy handles have no per-host limit to check.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PoolLimits -verify %s
// RUN: %analyze_plugin -analyzer-checker=poolguard.PoolLimits \
// RUN:   -analyzer-config poolguard.PoolLimits:MaxHandlesWithoutLimit=1 -verify=max1 %s

#include <curl/curl.h>
#include <stddef.h>

int fetch_loop(CURL **hs, const char *const *urls, int n) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(hs[i], CURLOPT_URL, urls[i]);
    curl_multi_add_handle(m, hs[i]);
  }
  int running = 1;
  curl_multi_perform(m, &running); // expected-warning {{multi handle 'm' runs transfers (handles added in a loop) with no connection limit: neither CURLMOPT_MAX_HOST_CONNECTIONS nor CURLMOPT_MAX_TOTAL_CONNECTIONS is set, so every transfer may open its own connection to the same host; set a limit after curl_multi_init()}} max1-warning {{no connection limit}}
  curl_multi_cleanup(m);
  return 0;
}

int fetch_seven(CURL *a, CURL *b, CURL *c, CURL *d, CURL *e, CURL *f, CURL *g) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  curl_multi_add_handle(m, a);
  curl_multi_add_handle(m, b);
  curl_multi_add_handle(m, c);
  curl_multi_add_handle(m, d);
  curl_multi_add_handle(m, e);
  curl_multi_add_handle(m, f);
  curl_multi_add_handle(m, g);
  int running = 1;
  curl_multi_perform(m, &running); // expected-warning {{multi handle 'm' runs transfers (7 handles added) with no connection limit}} max1-warning {{no connection limit}}
  curl_multi_cleanup(m);
  return 0;
}

// The add is in a helper; the loop is in its caller.
static void add_one(CURLM *m, CURL *h, const char *url) {
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_multi_add_handle(m, h);
}

int fetch_through_helper(CURL **hs, const char *const *urls, int n) {
  CURLM *multi = curl_multi_init();
  if (!multi)
    return -1;
  for (int i = 0; i < n; i++)
    add_one(multi, hs[i], urls[i]);
  int still = 0;
  curl_multi_perform(multi, &still); // expected-warning {{multi handle 'multi' runs transfers (handles added in a loop) with no connection limit}} max1-warning {{no connection limit}}
  curl_multi_cleanup(multi);
  return 0;
}

// ---- silent ---------------------------------------------------------------

int fetch_loop_host_limit(CURL **hs, int n) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 6L);
  for (int i = 0; i < n; i++)
    curl_multi_add_handle(m, hs[i]);
  int running = 1;
  curl_multi_perform(m, &running);
  curl_multi_cleanup(m);
  return 0;
}

int fetch_loop_total_limit(CURL **hs, int n) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, 16L);
  for (int i = 0; i < n; i++)
    curl_multi_add_handle(m, hs[i]);
  int running = 1;
  curl_multi_perform(m, &running);
  curl_multi_cleanup(m);
  return 0;
}

int fetch_pair(CURL *a, CURL *b) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  curl_multi_add_handle(m, a);
  curl_multi_add_handle(m, b);
  int running = 1;
  curl_multi_perform(m, &running); // max1-warning {{multi handle 'm' runs transfers (2 handles added) with no connection limit}}
  curl_multi_cleanup(m);
  return 0;
}

// The caller's multi: its limits are unknown here.
int fetch_into(CURLM *m, CURL **hs, int n) {
  for (int i = 0; i < n; i++)
    curl_multi_add_handle(m, hs[i]);
  int running = 1;
  curl_multi_perform(m, &running);
  return 0;
}

// A limit the path does not know.
int fetch_loop_configured(CURL **hs, int n, long per_host) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, per_host);
  for (int i = 0; i < n; i++)
    curl_multi_add_handle(m, hs[i]);
  int running = 1;
  curl_multi_perform(m, &running);
  curl_multi_cleanup(m);
  return 0;
}

// An easy handle's own cache size is not a per-host limit.
int fetch_easy(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_MAXCONNECTS, 1L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

// A loop with a small constant bound adds a known number of handles: two.
#define HANDLECOUNT 2
int fetch_constant_loop(CURL **hs) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  for (int i = 0; i < HANDLECOUNT; i++)
    curl_multi_add_handle(m, hs[i]);
  int running = 1;
  curl_multi_perform(m, &running); // max1-warning {{multi handle 'm' runs transfers (handles added in a loop) with no connection limit}}
  curl_multi_cleanup(m);
  return 0;
}

// One connection per host on purpose: HTTP/2 multiplexes every transfer on
// it. A limit the program sets where the library has none is its choice.
int fetch_multiplexed(CURL **hs, int n) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  curl_multi_setopt(m, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
  for (int i = 0; i < n; i++)
    curl_multi_add_handle(m, hs[i]);
  int running = 1;
  curl_multi_perform(m, &running);
  curl_multi_cleanup(m);
  return 0;
}

// A multi created in the loop that adds to it holds one transfer at a time
// (ClientPerRequest's concern, not a pool without limits).
int fetch_multi_per_url(const char *const *urls, int n) {
  for (int i = 0; i < n; i++) {
    CURLM *m = curl_multi_init();
    CURL *e = curl_easy_init();
    int running = 1;
    if (!m || !e) {
      curl_easy_cleanup(e);
      curl_multi_cleanup(m);
      return -1;
    }
    curl_easy_setopt(e, CURLOPT_URL, urls[i]);
    curl_multi_add_handle(m, e);
    while (running && curl_multi_perform(m, &running) == CURLM_OK)
      curl_multi_poll(m, NULL, 0, 500, NULL);
    curl_multi_remove_handle(m, e);
    curl_easy_cleanup(e);
    curl_multi_cleanup(m);
  }
  return 0;
}

// One transfer at a time: each handle is removed before the next is added,
// so the multi never holds more than one.
static int run_one(CURLM *m, CURL *e) {
  int running = 1;
  if (curl_multi_add_handle(m, e) != CURLM_OK)
    return -1;
  while (running && curl_multi_perform(m, &running) == CURLM_OK)
    curl_multi_poll(m, NULL, 0, 500, NULL);
  curl_multi_remove_handle(m, e);
  return 0;
}

int fetch_one_by_one(const char *const *urls, int n) {
  CURLM *m = curl_multi_init();
  CURL *e = curl_easy_init();
  int failed = 0;
  if (!m || !e) {
    curl_easy_cleanup(e);
    curl_multi_cleanup(m);
    return -1;
  }
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(e, CURLOPT_URL, urls[i]);
    failed += run_one(m, e) != 0;
  }
  curl_easy_cleanup(e);
  curl_multi_cleanup(m);
  return failed;
}
