// Ownership across the functions of one file, with libcurl handles:
// acquisition in a helper that returns the handle (the caller leaks it),
// release in a static helper, a helper that fills a caller's struct (released
// later by the caller, or forgotten in a local struct), handles handed to the
// caller (returned, stored in a global or in caller-visible memory), and a
// handle given to a function declared here but defined elsewhere (it escapes:
// nothing can be said). Also NULL-safe releases: curl_easy_cleanup(NULL) and
// curl_slist_free_all(NULL) do nothing.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <stdlib.h>

static CURL *new_easy(const char *url, long timeout) {
  CURL *h = curl_easy_init();
  if (!h)
    return NULL;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
  return h;
}

static void free_easy(CURL *h) { curl_easy_cleanup(h); }

// Acquired in a helper, leaked by the caller on the error path.
int helper_acquires_caller_leaks(const char *url) {
  CURL *h = new_easy(url, 10);
  if (!h)
    return -1;
  if (curl_easy_perform(h) != CURLE_OK)
    return -1; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  free_easy(h);
  return 0;
}

// Acquired in one helper, released in another.
int helpers_pair_up(const char *url) {
  CURL *h = new_easy(url, 10);
  if (!h)
    return -1;
  CURLcode rc = curl_easy_perform(h);
  free_easy(h);
  return rc == CURLE_OK ? 0 : -1;
}

struct fetcher {
  CURL *easy;
  struct curl_slist *headers;
};

static int fetcher_init(struct fetcher *f, const char *url) {
  f->easy = curl_easy_init();
  if (!f->easy)
    return -1;
  f->headers = curl_slist_append(NULL, "Accept: application/json");
  if (!f->headers) {
    curl_easy_cleanup(f->easy);
    f->easy = NULL;
    return -1;
  }
  curl_easy_setopt(f->easy, CURLOPT_URL, url);
  curl_easy_setopt(f->easy, CURLOPT_HTTPHEADER, f->headers);
  return 0;
}

static void fetcher_fini(struct fetcher *f) {
  curl_easy_cleanup(f->easy);
  curl_slist_free_all(f->headers);
  f->easy = NULL;
  f->headers = NULL;
}

// The helper fills the caller's struct; the caller releases it later.
int fetch_once(const char *url) {
  struct fetcher f;
  if (fetcher_init(&f, url) != 0)
    return -1;
  CURLcode rc = curl_easy_perform(f.easy);
  fetcher_fini(&f);
  return rc == CURLE_OK ? 0 : -1;
}

// The caller forgets fetcher_fini(): the local struct dies with both handles.
int fetch_forgets_fini(const char *url) {
  struct fetcher f;
  if (fetcher_init(&f, url) != 0)
    return -1;
  // Reported after the last use of 'f'. The handles are named by the fields
  // that hold them, not by the struct.
  CURLcode rc = curl_easy_perform(f.easy); // expected-warning {{easy handle 'f.easy' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}} expected-warning {{header list 'f.headers' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
  return rc == CURLE_OK ? 0 : -1;
}

// A heap struct returned to the caller owns the handles.
struct fetcher *fetcher_new(const char *url) {
  struct fetcher *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
  if (fetcher_init(f, url) != 0) {
    free(f);
    return NULL;
  }
  return f;
}

static CURL *shared_easy;

int shared_easy_init(void) {
  shared_easy = new_easy("https://example.org/", 5);
  return shared_easy ? 0 : -1;
}

// Defined in another translation unit: what it does with the handle is
// unknown, so the handle escapes.
void transfer_queue_push(CURL *h);

int enqueue(const char *url) {
  CURL *h = new_easy(url, 30);
  if (!h)
    return -1;
  transfer_queue_push(h);
  return 0;
}

// Released on every path without a NULL check: the cleanups accept NULL.
void null_safe_releases(const char *url) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: */*");
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  curl_slist_free_all(hdrs);
}

// A helper that only releases when asked to: the caller that keeps the
// handle must release it itself.
static void maybe_release(CURL *h, int keep) {
  if (!keep)
    curl_easy_cleanup(h);
}

int kept_but_not_released(const char *url) {
  CURL *h = new_easy(url, 10);
  if (!h)
    return -1;
  curl_easy_perform(h);
  maybe_release(h, 1);
  return 0; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
}
