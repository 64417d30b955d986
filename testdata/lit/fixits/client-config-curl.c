// Fix-its of NoTimeout, ReuseDisabled and PoolLimits for libcurl: the
// timeout is set before the request (before the add, for a handle that
// runs in a multi), the call that disables reuse is removed, and a
// per-host limit is set right after curl_multi_init(). Applying all of them
// gives code that compiles and analyzes clean.
// RUN: %build -fplugin-arg-poolguard-enable=NoTimeout -c %s -o /dev/null \
// RUN:   -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// RUN: cp %s %t.c
// RUN: %clang --analyze -fplugin=%plugin -Xclang -analyzer-checker=poolguard \
// RUN:   -Xclang -analyzer-checker=poolguard.NoTimeout \
// RUN:   -Xclang -analyzer-config -Xclang apply-fixits=true %t.c -o /dev/null
// RUN: %clang -fsyntax-only -Wall -Werror %t.c
// RUN: %analyze -analyzer-checker=poolguard.NoTimeout %t.c 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CLEAN --allow-empty
// CLEAN-NOT: warning:

#include <curl/curl.h>
#include <stddef.h>

int fetch(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  // CHECK-DAG: fix-it:"{{.*}}client-config-curl.c":{[[@LINE+1]]:3-[[@LINE+1]]:3}:"curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);\n  "
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

int fetch_checked(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 0L);
  // CHECK-DAG: fix-it:"{{.*}}client-config-curl.c":{[[@LINE+1]]:3-[[@LINE+1]]:3}:"curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);\n  "
  if (curl_easy_perform(h) != CURLE_OK) {
    curl_easy_cleanup(h);
    return -1;
  }
  curl_easy_cleanup(h);
  return 0;
}

int fetch_all(const char *const *urls, int n) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
  // CHECK-DAG: fix-it:"{{.*}}client-config-curl.c":{[[@LINE]]:{{[0-9]+}}-[[@LINE+1]]:{{[0-9]+}}}:""
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    curl_easy_perform(h);
  }
  curl_easy_cleanup(h);
  return 0;
}

int fetch_pair(const char *a, const char *b) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  CURL *first = curl_easy_init();
  CURL *second = curl_easy_init();
  if (!first || !second) {
    curl_easy_cleanup(first);
    curl_easy_cleanup(second);
    curl_multi_cleanup(m);
    return -1;
  }
  curl_easy_setopt(first, CURLOPT_URL, a);
  curl_easy_setopt(second, CURLOPT_URL, b);
  // CHECK-DAG: fix-it:"{{.*}}client-config-curl.c":{[[@LINE+1]]:3-[[@LINE+1]]:3}:"curl_easy_setopt(first, CURLOPT_TIMEOUT, 30L);\n  "
  curl_multi_add_handle(m, first);
  // CHECK-DAG: fix-it:"{{.*}}client-config-curl.c":{[[@LINE+1]]:3-[[@LINE+1]]:3}:"curl_easy_setopt(second, CURLOPT_TIMEOUT, 30L);\n  "
  curl_multi_add_handle(m, second);
  int running = 1;
  curl_multi_perform(m, &running);
  curl_multi_remove_handle(m, first);
  curl_multi_remove_handle(m, second);
  curl_easy_cleanup(first);
  curl_easy_cleanup(second);
  curl_multi_cleanup(m);
  return 0;
}

int fetch_many(CURL **hs, int n) {
  // CHECK-DAG: fix-it:"{{.*}}client-config-curl.c":{[[@LINE+1]]:32-[[@LINE+1]]:32}:"\n  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, 4L);"
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  for (int i = 0; i < n; i++)
    curl_multi_add_handle(m, hs[i]);
  int running = 1;
  curl_multi_perform(m, &running);
  for (int i = 0; i < n; i++)
    curl_multi_remove_handle(m, hs[i]);
  curl_multi_cleanup(m);
  return 0;
}
