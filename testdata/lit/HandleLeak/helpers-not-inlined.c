// Helpers of the same file that the analyzer evaluates without inlining
// them: variadic functions, and functions whose inlined analysis once ran
// out of budget (a polling loop called from two places). Their bodies show
// which handle arguments they only borrow: passing a handle there is no
// escape, so a leak after the call is still found. A helper that stores,
// releases or reads the handle still counts as taking it.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <stdarg.h>

static int set_long(CURL *h, int n, ...) {
  va_list ap;
  va_start(ap, n);
  long v = va_arg(ap, long);
  va_end(ap);
  return curl_easy_setopt(h, CURLOPT_TIMEOUT, v) != CURLE_OK;
}

int fetch_with_variadic_helper(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  if (set_long(h, 1, 10L))
    return -1; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

static void pump(CURLM *m) {
  int running = 1;
  while (running) {
    if (curl_multi_perform(m, &running) != CURLM_OK)
      break;
    if (running)
      curl_multi_poll(m, NULL, 0, 1000, NULL);
  }
}

void pump_other(CURLM *m) { pump(m); }

int fetch_pumped(const char *url) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  CURL *e = curl_easy_init();
  if (!e) {
    curl_multi_cleanup(m);
    return -1;
  }
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_multi_add_handle(m, e);
  pump(m);
  curl_multi_remove_handle(m, e);
  curl_easy_cleanup(e);
  return 0; // expected-warning {{multi handle 'm' from curl_multi_init() is not released on this path (missing curl_multi_cleanup())}}
}

// ---- silent -----------------------------------------------------------------

// A variadic helper that releases the handle takes it.
static void finish(CURL *h, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  va_end(ap);
  curl_easy_cleanup(h);
}

int fetch_then_finish(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  finish(h, "%s done", url);
  return 0;
}
