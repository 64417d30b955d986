// Where the path decides that a request failed, the notes say so in the
// library's terms, from each request's `fails-when` in the rules.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -analyzer-output=text %neon -verify %s

#include <curl/curl.h>
#include <neon/ne_request.h>

int curl_error_path(const char *url) {
  CURL *h = curl_easy_init(); // expected-note {{easy handle acquired by curl_easy_init()}}
  if (!h) // expected-note {{Assuming 'h' is non-null}} expected-note {{Taking false branch}}
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) // expected-note {{Assuming 'rc' is not equal to CURLE_OK}} expected-note {{Assuming curl_easy_perform() failed}} expected-note {{Taking true branch}}
    return -1; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}} expected-note {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  curl_easy_cleanup(h);
  return 0;
}

int neon_error_path(ne_session *sess) {
  ne_request *req = ne_request_create(sess, "GET", "/"); // expected-note {{neon request acquired by ne_request_create()}}
  if (ne_request_dispatch(req) != NE_OK) // expected-note {{Assuming the condition is true}} expected-note {{Assuming ne_request_dispatch() failed}} expected-note {{Taking true branch}}
    return -1; // expected-warning {{neon request 'req' from ne_request_create() is not released on this path (missing ne_request_destroy())}} expected-note {{neon request 'req' from ne_request_create() is not released on this path (missing ne_request_destroy())}}
  ne_request_destroy(req);
  return 0;
}

// A request that succeeded gets no such note.
int curl_success_path_leak(const char *url) {
  CURL *h = curl_easy_init(); // expected-note {{easy handle acquired by curl_easy_init()}}
  if (!h) // expected-note {{Assuming 'h' is non-null}} expected-note {{Taking false branch}}
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) == CURLE_OK) // expected-note {{Assuming the condition is true}} expected-note {{Taking true branch}}
    return 0; // expected-warning {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}} expected-note {{easy handle 'h' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  curl_easy_cleanup(h);
  return -1;
}

// A leak of the request after ne_begin_request() failed: no "body opened"
// note (there is no body, and the leak is the request's).
int neon_begin_failed(ne_session *sess) {
  ne_request *req = ne_request_create(sess, "GET", "/"); // expected-note {{neon request acquired by ne_request_create()}}
  int ret = ne_begin_request(req);
  if (ret != NE_OK) // expected-note {{Assuming 'ret' is not equal to NE_OK}} expected-note {{Assuming ne_begin_request() failed}} expected-note {{Taking true branch}}
    return -1; // expected-warning {{neon request 'req' from ne_request_create() is not released on this path (missing ne_request_destroy())}} expected-note {{neon request 'req' from ne_request_create() is not released on this path (missing ne_request_destroy())}}
  ne_discard_response(req);
  ne_end_request(req);
  ne_request_destroy(req);
  return 0;
}
