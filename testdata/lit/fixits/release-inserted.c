// HandleLeak fix-its insert the release from the rule before the leaking
// exit; applying all of them gives code that compiles and analyzes clean.
// RUN: %build -c %s -o /dev/null -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// RUN: cp %s %t.c
// RUN: %clang --analyze -fplugin=%plugin -Xclang -analyzer-checker=poolguard \
// RUN:   -Xclang -analyzer-config -Xclang apply-fixits=true %t.c -o /dev/null
// RUN: %clang -fsyntax-only -Wall -Werror %t.c
// RUN: %analyze %t.c 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// CLEAN-NOT: warning:

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

int unbraced_branch(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) != CURLE_OK)
    return -1;
  // CHECK-DAG: fix-it:"{{.*}}release-inserted.c":{[[@LINE-1]]:5-[[@LINE-1]]:15}:"{ curl_easy_cleanup(h); return -1; }"
  curl_easy_cleanup(h);
  return 0;
}

int braced_block(const char *url) {
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: */*");
  CURL *h = curl_easy_init();
  if (!h) {
    curl_slist_free_all(hdrs);
    return -1;
  }
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  if (curl_easy_perform(h) != CURLE_OK) {
    curl_easy_cleanup(h);
    return -1;
  }
  // CHECK-DAG: fix-it:"{{.*}}release-inserted.c":{[[@LINE-2]]:5-[[@LINE-2]]:5}:"curl_slist_free_all(hdrs);\n    "
  curl_slist_free_all(hdrs);
  curl_easy_cleanup(h);
  return 0;
}

void falls_off_the_end(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
}
// CHECK-DAG: fix-it:"{{.*}}release-inserted.c":{[[@LINE-1]]:1-[[@LINE-1]]:1}:"    curl_easy_cleanup(h);\n"

// The first handle is lost where its only variable is assigned again: the
// release goes before that store.
int second_try(const char *url, const char *mirror) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) == CURLE_OK) {
    curl_easy_cleanup(h);
    return 0;
  }
  h = curl_easy_init();
  // CHECK-DAG: fix-it:"{{.*}}release-inserted.c":{[[@LINE-1]]:3-[[@LINE-1]]:3}:"curl_easy_cleanup(h);\n  "
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, mirror);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}

// A leak on `continue`: reported there (not at the loop's increment), and
// last iteration's release does not make this iteration's fix-it unsafe.
int lookup_all(CURL *h, const char **names, int n) {
  for (int i = 0; i < n; i++) {
    char *e = curl_easy_escape(h, names[i], 0);
    if (!e)
      continue;
    if (e[0] == '\0')
      continue;
    // CHECK-DAG: fix-it:"{{.*}}release-inserted.c":{[[@LINE-1]]:7-[[@LINE-1]]:16}:"{ curl_free(e); continue; }"
    curl_easy_setopt(h, CURLOPT_URL, e);
    curl_free(e);
    curl_easy_perform(h);
  }
  return 0;
}

// The struct holding the handle is freed on an error path: the release goes
// before the free, and names the handle through the struct.
struct conn {
  CURL *easy;
  char *url;
};

struct conn *conn_new(const char *url) {
  struct conn *c = malloc(sizeof *c);
  if (!c)
    return NULL;
  c->easy = curl_easy_init();
  if (!c->easy) {
    free(c);
    return NULL;
  }
  c->url = strdup(url);
  if (!c->url) {
    free(c);
    // CHECK-DAG: fix-it:"{{.*}}release-inserted.c":{[[@LINE-1]]:5-[[@LINE-1]]:5}:"curl_easy_cleanup(c->easy);\n    "
    return NULL;
  }
  return c;
}

// A header list the easy handle uses is freed after the handle is cleaned
// up, not after the setopt that last mentions it.
int header_list_outlives_transfer(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: */*");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
  // CHECK-DAG: fix-it:"{{.*}}release-inserted.c":{[[@LINE-1]]:3-[[@LINE-1]]:3}:"curl_slist_free_all(hdrs);\n  "
}
