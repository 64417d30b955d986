// Two handles that leak at the same unbraced exit get one fix-it each, each
// a replacement of the whole statement. An applier takes one and refuses
// the other whole, so the code stays valid; the next analysis reports the
// one that is left.
// RUN: cp %s %t.c
// RUN: %clang --analyze -fplugin=%plugin -Xclang -analyzer-checker=poolguard \
// RUN:   -Xclang -analyzer-config -Xclang apply-fixits=true %t.c -o /dev/null 2>/dev/null
// RUN: %clang -fsyntax-only -Wall -Werror %t.c
// RUN: %analyze %t.c 2>&1 | FileCheck %s
// CHECK-COUNT-1: warning: {{.*}} is not released on this path
// CHECK-NOT: warning:

#include <curl/curl.h>

int fetch(const char *url) {
  CURLM *m = curl_multi_init();
  if (!m)
    return 1;
  CURL *e = curl_easy_init();
  if (!e) {
    curl_multi_cleanup(m);
    return 1;
  }
  curl_easy_setopt(e, CURLOPT_URL, url);
  if (curl_multi_add_handle(m, e))
    return 1;
  curl_multi_remove_handle(m, e);
  curl_easy_cleanup(e);
  curl_multi_cleanup(m);
  return 0;
}
