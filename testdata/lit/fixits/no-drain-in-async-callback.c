// A body handed out in an asynchronous callback (soup_session_send_finish,
// the rules' `async-result`) gets no drain fix-it: a blocking skip loop
// there would stall the main loop. The warning stays.
// RUN: %build %soup3 -c %s -o /dev/null -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// CHECK: warning: response stream 'in' is released by g_object_unref() before it was read to the end
// CHECK-NOT: fix-it:

#include <libsoup/soup.h>

static void on_sent(GObject *source, GAsyncResult *res, gpointer data) {
  GInputStream *in = soup_session_send_finish(SOUP_SESSION(source), res, NULL);
  (void)data;
  if (!in)
    return;
  g_object_unref(in);
}

void start(SoupSession *session, SoupMessage *msg) {
  soup_session_send_async(session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, NULL);
}
