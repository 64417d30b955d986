// goto-based cleanup with libcurl handles: a single `out:` label whose
// releases accept NULL, and kernel-style unwinding with one label per
// acquisition, where jumping to the wrong label skips a release.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <stddef.h>

// One label per acquisition, released in reverse order.
int post_form(const char *url, const char *name, const char *value) {
  int ret = -1;
  CURL *h = curl_easy_init();
  if (!h)
    goto err;
  struct curl_slist *hdrs = curl_slist_append(NULL, "Expect:");
  if (!hdrs)
    goto err_easy;
  curl_mime *form = curl_mime_init(h);
  if (!form)
    goto err_hdrs;
  curl_mimepart *part = curl_mime_addpart(form);
  curl_mime_name(part, name);
  curl_mime_data(part, value, CURL_ZERO_TERMINATED);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form);
  if (curl_easy_perform(h) == CURLE_OK)
    ret = 0;
  curl_mime_free(form);
err_hdrs:
  curl_slist_free_all(hdrs);
err_easy:
  curl_easy_cleanup(h);
err:
  return ret;
}

// The MIME failure jumps one label too far: the header list is not freed.
int post_form_wrong_label(const char *url, const char *value) {
  int ret = -1;
  CURL *h = curl_easy_init();
  if (!h)
    goto err;
  struct curl_slist *hdrs = curl_slist_append(NULL, "Expect:");
  if (!hdrs)
    goto err_easy;
  curl_mime *form = curl_mime_init(h);
  if (!form)
    goto err_easy;
  curl_mime_data(curl_mime_addpart(form), value, CURL_ZERO_TERMINATED);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form);
  if (curl_easy_perform(h) == CURLE_OK)
    ret = 0;
  curl_mime_free(form);
  curl_slist_free_all(hdrs);
err_easy:
  curl_easy_cleanup(h); // expected-warning {{header list 'hdrs' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
err:
  return ret;
}

// A single exit label; every handle starts NULL and every release accepts
// NULL.
int fetch_to_buffer(const char *url, char *query_out, size_t len) {
  int ret = -1;
  CURL *h = NULL;
  CURLU *u = NULL;
  char *query = NULL;

  h = curl_easy_init();
  if (!h)
    goto out;
  u = curl_url();
  if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
    goto out;
  if (curl_url_get(u, CURLUPART_QUERY, &query, 0) != CURLUE_OK)
    goto out;
  curl_easy_setopt(h, CURLOPT_CURLU, u);
  if (curl_easy_perform(h) != CURLE_OK)
    goto out;
  if (len > 0) {
    query_out[0] = query[0];
    ret = 0;
  }
out:
  curl_free(query);
  curl_url_cleanup(u);
  curl_easy_cleanup(h);
  return ret;
}

// The success path returns before the cleanup block.
int fetch_returns_early(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    goto fail;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) != CURLE_OK)
    goto fail;
  return 0; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
fail:
  curl_easy_cleanup(h);
  return -1;
}
