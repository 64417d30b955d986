// libcurl URL handles (curl_url, curl_url_dup / curl_url_cleanup) and the
// strings libcurl allocates for the caller: curl_url_get()'s out-parameter
// (only on CURLUE_OK), curl_easy_escape/unescape and curl_maprintf, all freed
// with curl_free().
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <curl/mprintf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// A URL handle that failed to parse is still allocated.
int url_leaks_on_parse_error(const char *url, char *host, size_t len) {
  CURLU *u = curl_url();
  if (!u)
    return -1;
  if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
    return -1; // expected-warning {{URL handle 'u' from curl_url() is not released on this path (missing curl_url_cleanup())}}
  char *h = NULL;
  if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK) {
    strncpy(host, h, len);
    curl_free(h);
  }
  curl_url_cleanup(u);
  return 0;
}

// A failed curl_url_get() hands out nothing: nothing to curl_free().
long url_port(const char *url) {
  CURLU *u = curl_url();
  if (!u)
    return -1;
  char *port;
  CURLUcode rc = curl_url_set(u, CURLUPART_URL, url, 0);
  if (rc == CURLUE_OK)
    rc = curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
  curl_url_cleanup(u);
  if (rc != CURLUE_OK)
    return -1;
  long p = strtol(port, NULL, 10);
  curl_free(port);
  return p;
}

// The part string is not freed on the success path.
int url_part_leaks(CURLU *u) {
  char *path;
  if (curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK)
    return -1;
  int root = strcmp(path, "/") == 0; // expected-warning@+1 {{URL part string 'path' from curl_url_get() is not released on this path (missing curl_free())}}
  return root;
}

// curl_url_dup(): the copy leaks when setting the path fails; returned on
// success.
CURLU *url_with_path(CURLU *base, const char *path) {
  CURLU *u = curl_url_dup(base);
  if (!u)
    return NULL;
  if (curl_url_set(u, CURLUPART_PATH, path, CURLU_URLENCODE) != CURLUE_OK)
    return NULL; // expected-warning {{URL handle 'u' from curl_url_dup() is not released on this path (missing curl_url_cleanup())}}
  return u;
}

// Escaped query string, freed after use.
int search_url(CURL *h, const char *q, char *out, size_t len) {
  char *esc = curl_easy_escape(h, q, 0);
  if (!esc)
    return -1;
  snprintf(out, len, "https://example.org/search?q=%s", esc);
  curl_free(esc);
  return 0;
}

// Formatting the escaped string into a buffer does not free it: the
// escaped string leaks.
int search_url_leaks(CURL *h, const char *q, char *out, size_t len) {
  char *esc = curl_easy_escape(h, q, 0);
  if (!esc)
    return -1;
  snprintf(out, len, "https://example.org/search?q=%s", esc);
  return 0; // expected-warning {{escaped string 'esc' from curl_easy_escape() is not released on this path (missing curl_free())}}
}

// curl_easy_unescape(): leaked when the decoded value is rejected.
int decode_token(CURL *h, const char *in, char *out, size_t len) {
  int n = 0;
  char *raw = curl_easy_unescape(h, in, 0, &n);
  if (!raw)
    return -1;
  if ((size_t)n >= len)
    return -1; // expected-warning {{escaped string 'raw' from curl_easy_unescape() is not released on this path (missing curl_free())}}
  memcpy(out, raw, (size_t)n);
  out[n] = '\0';
  curl_free(raw);
  return n;
}

// curl_maprintf() string passed to setopt (which copies it), then freed.
void set_user_agent(CURL *h, int major, int minor) {
  char *ua = curl_maprintf("poolguard-test/%d.%d", major, minor);
  if (!ua)
    return;
  curl_easy_setopt(h, CURLOPT_USERAGENT, ua);
  curl_free(ua);
}

// A part curl_url_get() reported as got, then checked for NULL anyway: on
// the NULL path there is nothing to free.
int has_scheme(CURLU *u) {
  char *scheme = NULL;
  if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
    return 0;
  if (!scheme)
    return 0;
  int https = scheme[0] == 'h';
  curl_free(scheme);
  return https;
}
