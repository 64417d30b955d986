// With -analyzer-output=text the analyzer applies the fix-its of the warning
// and of its last path note, the same piece: poolguard puts them on a note of
// their own in that mode, so each is applied once.
// RUN: cp %s %t.c
// RUN: %clang --analyze -fplugin=%plugin -Xclang -analyzer-checker=poolguard \
// RUN:   -Xclang -analyzer-output=text \
// RUN:   -Xclang -analyzer-config -Xclang apply-fixits=true %t.c -o /dev/null
// RUN: FileCheck %s --input-file=%t.c
// RUN: %clang -fsyntax-only -Wall -Werror %t.c
// RUN: %analyze %t.c 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// CLEAN-NOT: warning:

#include <curl/curl.h>

int fetch(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) != CURLE_OK)
    return -1;
  // CHECK: {{^}}    { curl_easy_cleanup(h); return -1; }{{$}}
  curl_easy_cleanup(h);
  return 0;
}
