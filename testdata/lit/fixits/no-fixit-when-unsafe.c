// No fix-it where inserting the release could free a handle that another
// path reaching the same statement has already released.
// RUN: %build -c %s -o /dev/null -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// CHECK: warning: easy handle 'h' from curl_easy_init() is not released on this path
// CHECK-NOT: fix-it:

#include <curl/curl.h>

int released_on_one_branch_only(int quick) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  if (quick)
    curl_easy_cleanup(h);
  return 0;
}
