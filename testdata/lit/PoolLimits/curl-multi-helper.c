// A multi whose transfers run in a polling helper that is called from two
// places: after its first inlined analysis runs out of loop budget, the
// analyzer evaluates it without inlining. Its body makes requests on the
// multi, so the call counts as the first request (PoolLimits, NoTimeout).
// RUN: %analyze_plugin -analyzer-checker=poolguard.PoolLimits,poolguard.NoTimeout -verify %s

#include <curl/curl.h>

static void run(CURLM *m) {
  int still = 1;
  while (still) {
    curl_multi_perform(m, &still);
    if (still)
      curl_multi_poll(m, NULL, 0, 1000, NULL);
  }
}

void run_elsewhere(CURLM *m) { run(m); }

int fetch_all(const char *const *urls, int n) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  for (int i = 0; i < n; i++) {
    CURL *e = curl_easy_init();
    if (!e)
      break;
    curl_easy_setopt(e, CURLOPT_URL, urls[i]);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, 30L);
    curl_multi_add_handle(m, e);
  }
  run(m); // expected-warning {{multi handle 'm' runs transfers (handles added in a loop) with no connection limit}}
  curl_multi_cleanup(m);
  return 0;
}

int fetch_two(const char *a, const char *b) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 4L);
  CURL *x = curl_easy_init();
  if (!x) {
    curl_multi_cleanup(m);
    return -1;
  }
  curl_easy_setopt(x, CURLOPT_URL, a);
  curl_multi_add_handle(m, x);
  run(m); // expected-warning {{easy handle 'x' performs a request with no timeout}}
  curl_multi_remove_handle(m, x);
  curl_easy_cleanup(x);
  curl_multi_cleanup(m);
  (void)b;
  return 0;
}
