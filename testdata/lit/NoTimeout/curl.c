// libcurl: a request on an easy handle with no effective timeout: neither
// CURLOPT_TIMEOUT/_MS non-zero nor the CURLOPT_LOW_SPEED_LIMIT +
// CURLOPT_LOW_SPEED_TIME pair. An explicit 0 means never; curl_easy_reset()
// clears them. Easy handles added to a multi are checked when the multi
// runs. Silent for handles of unknown origin, values the path does not
// know, handles configured where the analyzer cannot see and copies of a
// configured handle.
// NoTimeout is off unless named: this test names it.
// RUN: %analyze_plugin -analyzer-checker=poolguard.NoTimeout -verify %s

#include <curl/curl.h>
#include <stddef.h>

void configure_elsewhere(CURL *h); // not defined here

int no_timeout(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h); // expected-warning {{easy handle 'h' performs a request with no timeout (neither CURLOPT_TIMEOUT, CURLOPT_TIMEOUT_MS nor CURLOPT_LOW_SPEED_LIMIT with CURLOPT_LOW_SPEED_TIME is set): a server that stops responding holds the request, and its connection, forever}}
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

int explicit_zero(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 0L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h); // expected-warning {{easy handle 'h' performs a request with no timeout (CURLOPT_TIMEOUT set to 0 by curl_easy_setopt(), which means no timeout)}}
  curl_easy_cleanup(h);
  return 0;
}

int low_speed_limit_alone(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 100L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h); // expected-warning {{easy handle 'h' performs a request with no timeout (neither CURLOPT_TIMEOUT, CURLOPT_TIMEOUT_MS nor CURLOPT_LOW_SPEED_LIMIT with CURLOPT_LOW_SPEED_TIME is set; CURLOPT_LOW_SPEED_LIMIT is set but CURLOPT_LOW_SPEED_TIME is not, and neither works alone)}}
  curl_easy_cleanup(h);
  return 0;
}

int reset_clears_timeout(const char *a, const char *b) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(h, CURLOPT_URL, a);
  curl_easy_perform(h);
  curl_easy_reset(h);
  curl_easy_setopt(h, CURLOPT_URL, b);
  curl_easy_perform(h); // expected-warning {{easy handle 'h' performs a request with no timeout (neither CURLOPT_TIMEOUT}}
  curl_easy_cleanup(h);
  return 0;
}

int multi_members(const char *const *urls, int n) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  for (int i = 0; i < n; i++) {
    CURL *e = curl_easy_init();
    if (!e)
      break;
    curl_easy_setopt(e, CURLOPT_URL, urls[i]);
    curl_multi_add_handle(m, e);
  }
  int running = 1;
  curl_multi_perform(m, &running); // expected-warning {{easy handle 'e' performs a request with no timeout}}
  curl_multi_cleanup(m);
  return 0;
}

// ---- silent ---------------------------------------------------------------

int with_timeout(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

int with_timeout_ms(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 2500L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

int with_low_speed_pair(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

// The caller's handle: its options are unknown here.
int on_parameter(CURL *h) {
  return curl_easy_perform(h) == CURLE_OK ? 0 : -1;
}

int configured_timeout(const char *url, long seconds) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_TIMEOUT, seconds);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

int configured_by_unknown_code(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  configure_elsewhere(h);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

// curl_easy_duphandle copies the options: they are those of 'proto'.
int copy_of(CURL *proto, const char *url) {
  CURL *h = curl_easy_duphandle(proto);
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

// An option chosen at run time may be the timeout.
int option_unknown(const char *url, CURLoption opt) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, opt, 10L);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

int multi_members_with_timeout(const char *const *urls, int n) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  for (int i = 0; i < n; i++) {
    CURL *e = curl_easy_init();
    if (!e)
      break;
    curl_easy_setopt(e, CURLOPT_URL, urls[i]);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, 20L);
    curl_multi_add_handle(m, e);
  }
  int running = 1;
  curl_multi_perform(m, &running);
  curl_multi_cleanup(m);
  return 0;
}

// An element of an array of structs is named as written.
struct transfer {
  CURL *easy;
};

int first_of_two(const char *url) {
  struct transfer trans[2];
  trans[0].easy = curl_easy_init();
  if (!trans[0].easy)
    return -1;
  curl_easy_setopt(trans[0].easy, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(trans[0].easy); // expected-warning {{easy handle 'trans[0].easy' performs a request with no timeout}}
  curl_easy_cleanup(trans[0].easy);
  return rc == CURLE_OK ? 0 : -1;
}
