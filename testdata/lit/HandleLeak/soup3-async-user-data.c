// A handle given to an async call as the callback's user data, or as the
// source object of a GIO read, is the callback's to release: the starter
// keeps no responsibility for it.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak %soup3 -verify %s

#include <libsoup/soup.h>

typedef struct {
  guint8 buf[4096];
  GString *out;
} Ctx;

// ---- silent -------------------------------------------------------------------

static void on_read_bytes(GObject *source, GAsyncResult *res, gpointer user_data) {
  SoupMessage *msg = user_data;
  GBytes *body = soup_session_send_and_read_finish(SOUP_SESSION(source), res, NULL);
  if (body)
    g_bytes_unref(body);
  g_object_unref(msg);
}

void start_fetch(SoupSession *session, const char *uri) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return;
  soup_session_send_and_read_async(session, msg, G_PRIORITY_DEFAULT, NULL,
                                   on_read_bytes, msg);
}

static void on_chunk(GObject *source, GAsyncResult *res, gpointer user_data) {
  GInputStream *in = G_INPUT_STREAM(source);
  Ctx *ctx = user_data;
  gssize n = g_input_stream_read_finish(in, res, NULL);
  if (n > 0) {
    g_string_append_len(ctx->out, (const char *)ctx->buf, n);
    g_input_stream_read_async(in, ctx->buf, sizeof ctx->buf, G_PRIORITY_DEFAULT,
                              NULL, on_chunk, ctx);
    return;
  }
  g_object_unref(in);
}

static void on_sent(GObject *source, GAsyncResult *res, gpointer user_data) {
  Ctx *ctx = user_data;
  GInputStream *in = soup_session_send_finish(SOUP_SESSION(source), res, NULL);
  if (!in)
    return;
  g_input_stream_read_async(in, ctx->buf, sizeof ctx->buf, G_PRIORITY_DEFAULT,
                            NULL, on_chunk, ctx);
}

void start_stream(SoupSession *session, SoupMessage *msg, Ctx *ctx) {
  soup_session_send_async(session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, ctx);
}

// ---- reported -----------------------------------------------------------------

// Only the cancellable (typed) is passed on: the message is still ours.
void start_and_forget(SoupSession *session, const char *uri,
                      GCancellable *cancellable) {
  SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uri);
  if (!msg)
    return;
  soup_session_send_and_read_async(session, msg, G_PRIORITY_DEFAULT,
                                   cancellable, on_read_bytes, NULL);
} // expected-warning {{SoupMessage 'msg' from soup_message_new() is not released on this path (missing g_object_unref())}}
