// libcurl keeps using a header list, mime form, CURLU or share set on an
// easy handle until the handle is cleaned up, reset or given another value
// for that option ("the list must remain valid until the transfer is
// done"); string options are copied. A list freed while still set is read
// by the next transfer.
// RUN: %analyze_plugin -analyzer-checker=poolguard.UseAfterRelease -verify %s

#include <curl/curl.h>
#include <stddef.h>
#include <stdio.h>

int headers_freed_too_early(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: application/json");
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_slist_free_all(hdrs);
  CURLcode rc = curl_easy_perform(h); // expected-warning {{header list 'hdrs' is used by curl_easy_perform() after it was released}}
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

// The caller's handle keeps the list just the same.
int form_freed_too_early(CURL *h, const char *path) {
  curl_mime *mime = curl_mime_init(h);
  if (!mime)
    return -1;
  curl_mimepart *part = curl_mime_addpart(mime);
  curl_mime_name(part, "file");
  curl_mime_filedata(part, path);
  curl_easy_setopt(h, CURLOPT_MIMEPOST, mime);
  curl_mime_free(mime);
  return curl_easy_perform(h) == CURLE_OK ? 0 : -1; // expected-warning {{MIME form 'mime' is used by curl_easy_perform() after it was released}}
}

// ---- silent -----------------------------------------------------------------

// Unset before it is freed.
int headers_unset_then_freed(CURL *h, const char *url) {
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: */*");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all(hdrs);
  rc = curl_easy_perform(h);
  return rc == CURLE_OK ? 0 : -1;
}

// A reset forgets every option.
int headers_reset_then_freed(CURL *h, const char *url) {
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: */*");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_perform(h);
  curl_easy_reset(h);
  curl_slist_free_all(hdrs);
  curl_easy_setopt(h, CURLOPT_URL, url);
  return curl_easy_perform(h) == CURLE_OK ? 0 : -1;
}

// Strings are copied: freeing one right after setting it is fine.
int escaped_path(CURL *h, const char *base, const char *name) {
  char *e = curl_easy_escape(h, name, 0);
  if (!e)
    return -1;
  char url[512];
  snprintf(url, sizeof url, "%s/%s", base, e);
  curl_free(e);
  curl_easy_setopt(h, CURLOPT_URL, url);
  return curl_easy_perform(h) == CURLE_OK ? 0 : -1;
}

// Freed after the handle that used it.
int headers_freed_last(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: */*");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  curl_slist_free_all(hdrs);
  return rc == CURLE_OK ? 0 : -1;
}
