// Path notes for the php-src#18711 header-list leak (ext/curl's header loop):
// where the list was acquired, the loop and branch decisions, and the
// failed append whose NULL overwrites the list.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -analyzer-output=text -verify %s

#include <curl/curl.h>
#include <stddef.h>

struct curl_slist *php_curl_headers(const char *const *h, int n) {
  struct curl_slist *slist = NULL;
  for (int i = 0; i < n; i++) {
    // expected-note@-1 2 {{Assuming 'i' is < 'n'}}
    // expected-note@-2 2 {{Loop condition is true.  Entering loop body}}
    slist = curl_slist_append(slist, h[i]); // expected-note {{header list acquired by curl_slist_append()}}
    if (!slist) // expected-note {{Assuming 'slist' is non-null}} expected-note {{Taking false branch}} expected-note {{Assuming 'slist' is null}} expected-note {{Taking true branch}}
      return NULL; // expected-warning {{header list 'slist' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}} expected-note {{header list 'slist' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
  }
  return slist;
}
