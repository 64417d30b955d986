// The aggressive mode (poolguard.ClientPerRequest:Aggressive=true) also
// reports an externally visible function that creates a client, uses it
// for one request and destroys it on every call, even when no caller in
// this file calls it twice. Not a static helper, not main, not a function
// that reuses its client; the default mode reports none of these.
// RUN: %analyze_plugin -analyzer-checker=poolguard.ClientPerRequest -verify=default %s
// RUN: %analyze_plugin -analyzer-checker=poolguard.ClientPerRequest \
// RUN:   -analyzer-config poolguard.ClientPerRequest:Aggressive=true -verify=aggressive %s
// default-no-diagnostics

#include <curl/curl.h>

int fetch_url(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h); // aggressive-warning {{easy handle 'h' is created, used for one request and destroyed on every call of fetch_url(), which other files can call repeatedly: each call pays for a new connection (TCP and TLS handshake); reuse one easy handle for every request}}
  return rc == CURLE_OK ? 0 : -1;
}

// ---- silent in both modes -------------------------------------------------

static int fetch_private(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

int fetch_twice_same_handle(const char *a, const char *b) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, a);
  curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_URL, b);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  CURL *h = curl_easy_init();
  if (!h)
    return 1;
  curl_easy_setopt(h, CURLOPT_URL, argv[1]);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? fetch_private(argv[1]) : 1;
}
