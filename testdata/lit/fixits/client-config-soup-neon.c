// Fix-its of PoolLimits, NoTimeout and ReuseDisabled for libsoup 3 and
// neon: the per-host limit goes into the constructor (a constructor
// without a property list becomes soup_session_new_with_options(), a
// property list gets the pair or a higher value), a construct-only
// property set later moves into the constructor, a zero timeout gets a
// soup_session_set_timeout() before the request, and the call that
// disables reuse is removed. Applying all of them gives code that compiles
// and analyzes clean.
// RUN: %build -fplugin-arg-poolguard-enable=NoTimeout %soup3 %neon -c %s -o /dev/null \
// RUN:   -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// RUN: cp %s %t.c
// RUN: %clang --analyze -fplugin=%plugin -Xclang -analyzer-checker=poolguard \
// RUN:   -Xclang -analyzer-checker=poolguard.NoTimeout \
// RUN:   -Xclang -analyzer-config -Xclang apply-fixits=true %soup3 %neon %t.c -o /dev/null
// RUN: %clang -fsyntax-only -Wall -Werror %soup3 %neon %t.c
// RUN: %analyze -analyzer-checker=poolguard.NoTimeout %soup3 %neon %t.c 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CLEAN --allow-empty
// CLEAN-NOT: warning:

#include <libsoup/soup.h>
#include <ne_request.h>
#include <ne_session.h>

static GBytes *get(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return NULL;
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  return body;
}

GBytes *plain_constructor(const char *uri) {
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:26-[[@LINE+1]]:44}:"soup_session_new_with_options(\"max-conns-per-host\", 4, NULL)"
  SoupSession *session = soup_session_new();
  GBytes *body = get(session, uri);
  g_object_unref(session);
  return body;
}

GBytes *low_value(const char *uri) {
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:78-[[@LINE+1]]:79}:"4"
  SoupSession *session = soup_session_new_with_options("max-conns-per-host", 1, NULL);
  GBytes *body = get(session, uri);
  g_object_unref(session);
  return body;
}

GBytes *other_properties(const char *uri) {
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:77-[[@LINE+1]]:77}:"\"max-conns-per-host\", 4, "
  SoupSession *session = soup_session_new_with_options("user-agent", "t/1", NULL);
  GBytes *body = get(session, uri);
  g_object_unref(session);
  return body;
}

GBytes *gobject_new(const char *uri) {
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:58-[[@LINE+1]]:58}:"\"max-conns-per-host\", 4, "
  SoupSession *session = g_object_new(SOUP_TYPE_SESSION, NULL);
  GBytes *body = get(session, uri);
  g_object_unref(session);
  return body;
}

GBytes *limit_set_late(const char *uri) {
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:26-[[@LINE+1]]:44}:"soup_session_new_with_options(\"max-conns-per-host\", 8, NULL)"
  SoupSession *session = soup_session_new();
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE]]:{{[0-9]+}}-[[@LINE+1]]:{{[0-9]+}}}:""
  g_object_set(session, "max-conns-per-host", 8, NULL);
  GBytes *body = get(session, uri);
  g_object_unref(session);
  return body;
}

GBytes *total_set_late(const char *uri) {
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:81-[[@LINE+1]]:81}:"\"max-conns\", 40, "
  SoupSession *session = soup_session_new_with_options("max-conns-per-host", 6, NULL);
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:40-[[@LINE+1]]:57}:""
  g_object_set(session, "timeout", 30, "max-conns", 40, NULL);
  GBytes *body = get(session, uri);
  g_object_unref(session);
  return body;
}

// Both construct-only properties of one g_object_set() move to the
// constructor (one already there gets the new value), and the rest of the
// call stays.
GBytes *two_set_late(const char *uri) {
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+2]]:78-[[@LINE+2]]:79}:"8"
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:81-[[@LINE+1]]:81}:"\"max-conns\", 40, "
  SoupSession *session = soup_session_new_with_options("max-conns-per-host", 6, NULL);
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:25-[[@LINE+1]]:67}:""
  g_object_set(session, "max-conns", 40, "max-conns-per-host", 8, "timeout", 30, NULL);
  GBytes *body = get(session, uri);
  g_object_unref(session);
  return body;
}

GBytes *zero_timeout(const char *uri) {
  SoupSession *session = soup_session_new_with_options("max-conns-per-host", 6, "timeout", 0, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg) {
    g_object_unref(session);
    return NULL;
  }
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE+1]]:3-[[@LINE+1]]:3}:"soup_session_set_timeout(session, 30);\n  "
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

GBytes *new_connection_twice(const char *uri) {
  SoupSession *session = soup_session_new_with_options("max-conns-per-host", 6, NULL);
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg) {
    g_object_unref(session);
    return NULL;
  }
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE]]:{{[0-9]+}}-[[@LINE+1]]:{{[0-9]+}}}:""
  soup_message_add_flags(msg, SOUP_MESSAGE_NEW_CONNECTION);
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  if (body)
    g_bytes_unref(body);
  body = soup_session_send_and_read(session, msg, NULL, NULL);
  g_object_unref(msg);
  g_object_unref(session);
  return body;
}

int neon_no_persist(const char *host, const char *const *paths, int n) {
  ne_session *sess = ne_session_create("https", host, 443);
  // CHECK-DAG: fix-it:"{{.*}}client-config-soup-neon.c":{[[@LINE]]:{{[0-9]+}}-[[@LINE+1]]:{{[0-9]+}}}:""
  ne_set_session_flag(sess, NE_SESSFLAG_PERSIST, 0);
  for (int i = 0; i < n; i++) {
    ne_request *req = ne_request_create(sess, "GET", paths[i]);
    ne_request_dispatch(req);
    ne_request_destroy(req);
  }
  ne_session_destroy(sess);
  return 0;
}
