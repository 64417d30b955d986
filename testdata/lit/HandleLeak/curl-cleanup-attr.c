// systemd-style scope cleanup: __attribute__((cleanup(fn))) with helpers
// defined in this file that call curl_easy_cleanup / curl_slist_free_all
// (systemd's DEFINE_TRIVIAL_CLEANUP_FUNC_FULL and TAKE_PTR, src/import).
// The variable's final value is released at scope exit: early returns are
// fine, a value stolen with TAKE_PTR belongs to the caller. The cleanup frees
// only what the variable holds when the scope ends, so a handle overwritten
// before that still leaks.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <errno.h>
#include <stddef.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
#define TAKE_PTR(ptr)                                                          \
  ({                                                                           \
    __typeof__(ptr) *_pptr_ = &(ptr);                                          \
    __typeof__(ptr) _ptr_ = *_pptr_;                                           \
    *_pptr_ = NULL;                                                            \
    _ptr_;                                                                     \
  })

static inline void curl_easy_cleanupp(CURL **p) {
  if (*p)
    curl_easy_cleanup(*p);
}

static inline void curl_slist_free_allp(struct curl_slist **p) {
  if (*p)
    curl_slist_free_all(*p);
}

int fetch_with_cleanup(const char *url) {
  _cleanup_(curl_easy_cleanupp) CURL *c = curl_easy_init();
  if (!c)
    return -ENOMEM;
  if (curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK)
    return -EIO;
  if (curl_easy_perform(c) != CURLE_OK)
    return -EIO;
  return 0;
}

int fetch_with_headers(const char *url, const char *accept) {
  _cleanup_(curl_easy_cleanupp) CURL *c = NULL;
  _cleanup_(curl_slist_free_allp) struct curl_slist *l = NULL;
  struct curl_slist *t;

  c = curl_easy_init();
  if (!c)
    return -ENOMEM;
  t = curl_slist_append(l, accept);
  if (!t)
    return -ENOMEM;
  l = t;
  t = curl_slist_append(l, "Connection: keep-alive");
  if (!t)
    return -ENOMEM;
  l = t;
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, l);
  curl_easy_setopt(c, CURLOPT_URL, url);
  return curl_easy_perform(c) == CURLE_OK ? 0 : -EIO;
}

// TAKE_PTR hands the handle to the caller; the cleanup then sees NULL.
int make_easy(const char *url, CURL **ret) {
  _cleanup_(curl_easy_cleanupp) CURL *c = curl_easy_init();
  if (!c)
    return -ENOMEM;
  if (curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK)
    return -EINVAL;
  *ret = TAKE_PTR(c);
  return 0;
}

// The cleanup variable only frees its final value: the failed append
// overwrote the list with NULL (php-src#18711 again).
int cleanup_does_not_save_overwritten_list(CURL *c, const char *accept) {
  _cleanup_(curl_slist_free_allp) struct curl_slist *l = NULL;
  l = curl_slist_append(l, accept);
  if (!l)
    return -ENOMEM;
  l = curl_slist_append(l, "Connection: keep-alive");
  if (!l)
    return -ENOMEM; // expected-warning {{header list 'l' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, l);
  return curl_easy_perform(c) == CURLE_OK ? 0 : -EIO;
}

// Reassigning the cleanup variable for a retry drops the first handle: only
// the second one is cleaned up at scope exit.
int cleanup_variable_reassigned(const char *url) {
  _cleanup_(curl_easy_cleanupp) CURL *c = curl_easy_init();
  if (!c)
    return -ENOMEM;
  curl_easy_setopt(c, CURLOPT_URL, url);
  if (curl_easy_perform(c) == CURLE_OK)
    return 0;
  c = curl_easy_init(); // expected-warning {{easy handle 'c' from curl_easy_init() is not released before 'c' is overwritten (missing curl_easy_cleanup())}}
  curl_easy_setopt(c, CURLOPT_URL, url);
  return curl_easy_perform(c) == CURLE_OK ? 0 : -EIO;
}

// A string filled in through `&host` by curl_url_get() into a cleanup
// variable is freed at scope exit like one assigned there.
static inline void curl_freep(char **p) { curl_free(*p); }
static inline void curl_url_cleanupp(CURLU **p) { curl_url_cleanup(*p); }

int print_host(const char *url) {
  _cleanup_(curl_url_cleanupp) CURLU *u = curl_url();
  _cleanup_(curl_freep) char *host = NULL;
  if (!u)
    return -ENOMEM;
  if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
    return -EINVAL;
  if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
    return -EINVAL;
  return host[0] ? 0 : -EINVAL;
}

// The cleanup variable is filled in by curl_url_get(), but the string of
// the first call is lost when the second overwrites it.
int host_then_path_leaks(CURLU *u) {
  _cleanup_(curl_freep) char *part = NULL;
  if (curl_url_get(u, CURLUPART_HOST, &part, 0) != CURLUE_OK)
    return -EINVAL;
  if (curl_url_get(u, CURLUPART_PATH, &part, 0) != CURLUE_OK) // expected-warning {{URL part string 'part' from curl_url_get() is not released before 'part' is overwritten (missing curl_free())}}
    return -EINVAL;
  return 0;
}
