// A handle lost by a store over its variable gets its release before the
// store. Where the release does not take NULL (neon's ne_request_destroy)
// and the variable may hold NULL when another path reaches the store (the
// first iteration), the release is guarded. Applying the fix-its gives code
// that compiles and analyzes clean.
// RUN: %build %neon -c %s -o /dev/null -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// RUN: cp %s %t.c
// RUN: %clang --analyze -fplugin=%plugin -Xclang -analyzer-checker=poolguard %neon \
// RUN:   -Xclang -analyzer-config -Xclang apply-fixits=true %t.c -o /dev/null
// RUN: %clang -fsyntax-only -Wall -Werror %neon %t.c
// RUN: %analyze %neon %t.c 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// CLEAN-NOT: warning:

#include <ne_request.h>
#include <ne_session.h>

int delete_all(ne_session *sess, const char *const *paths, int n) {
  ne_request *req = NULL;
  int failed = 0;
  for (int i = 0; i < n; i++) {
    // CHECK: fix-it:"{{.*}}release-guarded.c":{[[@LINE+1]]:5-[[@LINE+1]]:5}:"if (req) ne_request_destroy(req);\n    "
    req = ne_request_create(sess, "DELETE", paths[i]);
    if (ne_request_dispatch(req) != NE_OK)
      failed++;
  }
  if (req)
    ne_request_destroy(req);
  return failed;
}
