// libcurl calls on released multi, share, header-list, MIME, URL and string
// handles, and second releases of them. Silent: handles set to NULL after
// the release (every libcurl cleanup accepts NULL) and handles reassigned.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease -verify %s

#include <curl/curl.h>
#include <stddef.h>

// Cleaning up the multi before removing its easy handles (the order the
// curl_multi_cleanup man page warns about).
void multi_cleanup_before_remove(void) {
  CURLM *m = curl_multi_init();
  CURL *e = curl_easy_init();
  if (!m || !e) {
    curl_easy_cleanup(e);
    curl_multi_cleanup(m);
    return;
  }
  curl_multi_add_handle(m, e);
  int running;
  curl_multi_perform(m, &running);
  curl_multi_cleanup(m);
  curl_multi_remove_handle(m, e); // expected-warning {{multi handle 'm' is used by curl_multi_remove_handle() after it was released}}
  curl_easy_cleanup(e);
}

// The header list freed while the handle still points at it.
CURLcode headers_freed_before_perform(CURL *h) {
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: text/plain");
  if (!hdrs)
    return CURLE_OUT_OF_MEMORY;
  curl_slist_free_all(hdrs);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs); // expected-warning {{header list 'hdrs' is used by curl_easy_setopt() after it was released}}
  return curl_easy_perform(h);
}

void share_double_cleanup(void) {
  CURLSH *sh = curl_share_init();
  if (!sh)
    return;
  curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
  curl_share_cleanup(sh);
  curl_share_cleanup(sh); // expected-warning {{share handle 'sh' is released again by curl_share_cleanup() after it was released}}
}

// The string from curl_url_get() freed twice on the error path.
int url_part_double_free(CURLU *u, char *out, size_t len) {
  char *host;
  if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
    return -1;
  if (len < 8) {
    curl_free(host);
    goto fail;
  }
  out[0] = host[0];
  curl_free(host);
  return 0;
fail:
  curl_free(host); // expected-warning {{URL part string 'host' is released again by curl_free() after it was released}}
  return -1;
}

// The URL handle used after cleanup.
int url_used_after_cleanup(const char *url) {
  CURLU *u = curl_url();
  if (!u)
    return -1;
  CURLUcode rc = curl_url_set(u, CURLUPART_URL, url, 0);
  curl_url_cleanup(u);
  if (rc != CURLUE_OK)
    return -1;
  char *scheme;
  if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) // expected-warning {{URL handle 'u' is used by curl_url_get() after it was released}}
    return -1;
  curl_free(scheme);
  return 0;
}

// The form freed, then attached again.
void mime_used_after_free(CURL *h) {
  curl_mime *form = curl_mime_init(h);
  curl_mime_data(curl_mime_addpart(form), "x", CURL_ZERO_TERMINATED);
  curl_mime_free(form);
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form); // expected-warning {{MIME form 'form' is used by curl_easy_setopt() after it was released}}
}

// Set to NULL after the release and released again: curl_slist_free_all(NULL)
// does nothing.
void list_cleared_after_free(CURL *h, int again) {
  struct curl_slist *hdrs = curl_slist_append(NULL, "X-A: 1");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all(hdrs);
  hdrs = NULL;
  if (again)
    curl_slist_free_all(hdrs);
}

// A fresh list after the old one was freed.
void list_rebuilt(CURL *h, const char *a, const char *b) {
  struct curl_slist *hdrs = curl_slist_append(NULL, a);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_perform(h);
  curl_slist_free_all(hdrs);
  hdrs = curl_slist_append(NULL, b);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all(hdrs);
}
