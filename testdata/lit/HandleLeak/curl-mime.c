// libcurl MIME forms: curl_mime_init/curl_mime_free. CURLOPT_MIMEPOST only
// borrows the form, so the caller still frees it after the transfer. A form
// given to curl_mime_subparts() belongs to the part once the call succeeds;
// if it fails, the caller still owns it.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>

int upload_file(CURL *h, const char *path) {
  curl_mime *form = curl_mime_init(h);
  if (!form)
    return -1;
  curl_mimepart *part = curl_mime_addpart(form);
  curl_mime_name(part, "file");
  curl_mime_filedata(part, path);
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form);
  CURLcode rc = curl_easy_perform(h);
  curl_mime_free(form);
  return rc == CURLE_OK ? 0 : -1;
}

// The form leaks when filling a part fails.
int upload_leaks_on_filedata_error(CURL *h, const char *path) {
  curl_mime *form = curl_mime_init(h);
  if (!form)
    return -1;
  curl_mimepart *part = curl_mime_addpart(form);
  if (curl_mime_filedata(part, path) != CURLE_OK)
    return -1; // expected-warning {{MIME form 'form' from curl_mime_init() is not released on this path (missing curl_mime_free())}}
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form);
  CURLcode rc = curl_easy_perform(h);
  curl_mime_free(form);
  return rc == CURLE_OK ? 0 : -1;
}

// multipart/alternative: the inner form becomes the part's on success.
int alternative_body(CURL *h, const char *text, const char *html) {
  curl_mime *form = curl_mime_init(h);
  curl_mime *alt = curl_mime_init(h);
  if (!form || !alt) {
    curl_mime_free(alt);
    curl_mime_free(form);
    return -1;
  }
  curl_mime_data(curl_mime_addpart(alt), text, CURL_ZERO_TERMINATED);
  curl_mime_data(curl_mime_addpart(alt), html, CURL_ZERO_TERMINATED);
  curl_mimepart *part = curl_mime_addpart(form);
  if (curl_mime_subparts(part, alt) != CURLE_OK) {
    curl_mime_free(alt);
    curl_mime_free(form);
    return -1;
  }
  curl_mime_type(part, "multipart/alternative");
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form);
  CURLcode rc = curl_easy_perform(h);
  curl_mime_free(form); // frees 'alt' with it
  return rc == CURLE_OK ? 0 : -1;
}

// When curl_mime_subparts() fails the inner form is still ours.
int subparts_failure_leaks_inner(CURL *h, const char *text) {
  curl_mime *form = curl_mime_init(h);
  if (!form)
    return -1;
  curl_mime *alt = curl_mime_init(h);
  if (!alt) {
    curl_mime_free(form);
    return -1;
  }
  curl_mime_data(curl_mime_addpart(alt), text, CURL_ZERO_TERMINATED);
  if (curl_mime_subparts(curl_mime_addpart(form), alt) != CURLE_OK) {
    curl_mime_free(form); // expected-warning@+1 {{MIME form 'alt' from curl_mime_init() is not released on this path (missing curl_mime_free())}}
    return -1;
  }
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form);
  CURLcode rc = curl_easy_perform(h);
  curl_mime_free(form);
  return rc == CURLE_OK ? 0 : -1;
}

// A header list given to a part with take_ownership set belongs to the part.
int part_owns_headers(CURL *h, const char *data) {
  curl_mime *form = curl_mime_init(h);
  if (!form)
    return -1;
  curl_mimepart *part = curl_mime_addpart(form);
  struct curl_slist *ph = curl_slist_append(NULL, "X-Part: 1");
  curl_mime_headers(part, ph, 1);
  curl_mime_data(part, data, CURL_ZERO_TERMINATED);
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form);
  CURLcode rc = curl_easy_perform(h);
  curl_mime_free(form);
  return rc == CURLE_OK ? 0 : -1;
}
