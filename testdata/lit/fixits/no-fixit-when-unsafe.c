// No fix-it where inserting the release could free a handle that another
// path reaching the same statement has already released.
// RUN: %build -c %s -o /dev/null -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// CHECK: warning: easy handle 'h' from curl_easy_init() is not released on this path
// CHECK-NOT: fix-it:
// CHECK: warning: easy handle 'e' from curl_easy_init() is not released on this path
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

// The finished handle comes back from curl_multi_info_read() under another
// name and is released there: a release of 'e' before the return would
// free it twice on the normal path.
int multi_release_through_message(void) {
  CURLM *m = curl_multi_init();
  CURL *e = curl_easy_init();
  CURLMsg *msg;
  int running = 1, left;
  curl_easy_setopt(e, CURLOPT_URL, "https://example.com/");
  curl_multi_add_handle(m, e);
  do {
    if (curl_multi_perform(m, &running))
      break;
    while ((msg = curl_multi_info_read(m, &left))) {
      if (msg->msg == CURLMSG_DONE) {
        CURL *d = msg->easy_handle;
        curl_multi_remove_handle(m, d);
        curl_easy_cleanup(d);
      }
    }
  } while (running);
  curl_multi_cleanup(m);
  return 0;
}
