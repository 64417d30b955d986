// PartialRead fix-its insert the rule's drain before the call that closes or
// releases a body early: a bounded g_input_stream_skip() loop for GIO
// streams, ne_discard_response() for neon. Applying them gives code that
// compiles cleanly and that every poolguard checker accepts.
// RUN: %build %soup3 %neon -c %s -o /dev/null -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// RUN: cp %s %t.c
// RUN: %clang --analyze -fplugin=%plugin -Xclang -analyzer-checker=poolguard \
// RUN:   -Xclang -analyzer-config -Xclang apply-fixits=true %soup3 %neon %t.c -o /dev/null
// RUN: %clang -fsyntax-only -Wall -Werror %soup3 %neon %t.c
// RUN: %analyze %soup3 %neon %t.c 2>&1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// CLEAN-NOT: warning:

#include <libsoup/soup.h>
#include <neon/ne_request.h>

// A braced error branch: the drain goes on its own line before the unref.
gboolean fetch_if_ok(SoupSession *session, SoupMessage *msg, GString *out) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK) {
    g_object_unref(in);
    // CHECK-DAG: fix-it:"{{.*}}drain-inserted.c":{[[@LINE-1]]:5-[[@LINE-1]]:5}:"while (g_input_stream_skip(in, 65536, NULL, NULL) > 0) continue;\n    "
    return FALSE;
  }
  char buf[4096];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len(out, buf, n);
  g_object_unref(in);
  return n == 0;
}

// An unbraced branch: drain and close become one braced statement.
void close_on_error(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  if (!SOUP_STATUS_IS_SUCCESSFUL(soup_message_get_status(msg)))
    g_input_stream_close(in, NULL, NULL);
  // CHECK-DAG: fix-it:"{{.*}}drain-inserted.c":{[[@LINE-1]]:5-[[@LINE-1]]:42}:"{ while (g_input_stream_skip(in, 65536, NULL, NULL) > 0) continue; g_input_stream_close(in, NULL, NULL); }"
  else
    while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
      continue;
  g_object_unref(in);
}

// neon: the status is all that is wanted, but the body must be discarded
// before ne_end_request() or the next request on the session fails.
int status_only(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int code = -1;
  if (ne_begin_request(req) == NE_OK) {
    code = ne_get_status(req)->code;
    ne_end_request(req);
    // CHECK-DAG: fix-it:"{{.*}}drain-inserted.c":{[[@LINE-1]]:5-[[@LINE-1]]:5}:"ne_discard_response(req);\n    "
  }
  ne_request_destroy(req);
  return code;
}

// neon, unbraced: a request begun and ended without reading the response.
void ping(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "POST", path);
  if (ne_begin_request(req) == NE_OK)
    ne_end_request(req);
  // CHECK-DAG: fix-it:"{{.*}}drain-inserted.c":{[[@LINE-1]]:5-[[@LINE-1]]:25}:"{ ne_discard_response(req); ne_end_request(req); }"
  ne_request_destroy(req);
}

// A leaked body that may still hold data gets its drain with the release:
// the HandleLeak fix-it must not leave a PartialRead behind.
GInputStream *open_feed(SoupSession *session, SoupMessage *msg,
                        GError **error) {
  GInputStream *stream = soup_session_send(session, msg, NULL, error);
  if (!stream)
    return NULL;
  if (soup_message_get_status(msg) == SOUP_STATUS_SERVICE_UNAVAILABLE) {
    g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_BUSY, "busy");
    return NULL;
    // CHECK-DAG: fix-it:"{{.*}}drain-inserted.c":{[[@LINE-1]]:5-[[@LINE-1]]:5}:"while (g_input_stream_skip(stream, 65536, NULL, NULL) > 0) continue; g_object_unref(stream);\n    "
  }
  return stream;
}

static int drain_and_unref(GInputStream *in) {
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    ;
  g_object_unref(in);
  return 1;
}

// The statement right after a `case` label gets its fix-it too.
int status_switch(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  switch (soup_message_get_status(msg)) {
  case SOUP_STATUS_NOT_FOUND:
    g_object_unref(in);
    // CHECK-DAG: fix-it:"{{.*}}drain-inserted.c":{[[@LINE-1]]:5-[[@LINE-1]]:24}:"{ while (g_input_stream_skip(in, 65536, NULL, NULL) > 0) continue; g_object_unref(in); }"
    return 0;
  default:
    return drain_and_unref(in);
  }
}

// g_clear_object (&in) NULLs the variable before the unref inside the
// macro: the drain goes before the whole invocation.
void clear_unread(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  g_clear_object(&in);
  // CHECK-DAG: fix-it:"{{.*}}drain-inserted.c":{[[@LINE-1]]:3-[[@LINE-1]]:3}:"while (g_input_stream_skip(in, 65536, NULL, NULL) > 0) continue;\n  "
}
