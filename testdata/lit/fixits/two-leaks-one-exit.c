// Handles that leak at the same exit share one fix-it, on the first of
// their reports, that releases them all: separate fix-its would each
// rewrite the same unbraced statement (`{ a; return 1; }{ b; return 1; }`
// under -fixit, whose second block always runs) or insert at the same
// place (refused by the analyzer's applier). Both appliers give code that
// compiles and analyzes clean.
// RUN: %build -c %s -o /dev/null -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s --check-prefix=FIX
// RUN: cp %s %t.c
// RUN: %clang --analyze -fplugin=%plugin -Xclang -analyzer-checker=poolguard \
// RUN:   -Xclang -analyzer-config -Xclang apply-fixits=true %t.c -o /dev/null 2>/dev/null
// RUN: %clang -fsyntax-only -Wall -Werror %t.c
// RUN: %analyze %t.c 2>&1 | FileCheck %s --allow-empty
// RUN: cp %s %t2.c
// RUN: %build -Xclang -fixit -c %t2.c -o /dev/null 2>/dev/null || true
// RUN: %clang -fsyntax-only -Wall -Werror %t2.c
// RUN: %analyze %t2.c 2>&1 | FileCheck %s --allow-empty
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
  // FIX: fix-it:"{{.*}}":{[[@LINE-1]]:5-[[@LINE-1]]:14}:"{ curl_easy_cleanup(e); curl_multi_cleanup(m); return 1; }"
  // FIX-NOT: fix-it:"{{.*}}":{[[@LINE-2]]:5-[[@LINE-2]]:14}:"{ curl_{{easy|multi}}_cleanup({{.}}); return 1; }"
  curl_multi_remove_handle(m, e);
  curl_easy_cleanup(e);
  curl_multi_cleanup(m);
  return 0;
}

// Braced: one insertion with both releases.
int fetch_braced(const char *url) {
  CURLM *m = curl_multi_init();
  if (!m)
    return 1;
  CURL *e = curl_easy_init();
  if (!e) {
    curl_multi_cleanup(m);
    return 1;
  }
  curl_easy_setopt(e, CURLOPT_URL, url);
  if (curl_multi_add_handle(m, e)) {
    return 1;
    // FIX: fix-it:"{{.*}}":{[[@LINE-1]]:5-[[@LINE-1]]:5}:"curl_easy_cleanup(e);\n    curl_multi_cleanup(m);\n    "
  }
  curl_multi_remove_handle(m, e);
  curl_easy_cleanup(e);
  curl_multi_cleanup(m);
  return 0;
}
