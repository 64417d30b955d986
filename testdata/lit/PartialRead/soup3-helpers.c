// libsoup 3: bodies read or drained by helpers in the same file (the
// analyzer follows them), and bodies that leave the function: returned to
// the caller or stored where the caller can reach them. Those are the
// caller's to read and close, so nothing is reported here.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>

static gboolean read_into(GInputStream *in, GString *out, GError **error) {
  char buf[4096];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, error)) > 0)
    g_string_append_len(out, buf, n);
  return n == 0;
}

static void drain(GInputStream *in) {
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    continue;
}

// Reads only a fixed-size header.
static gboolean read_header(GInputStream *in, guint8 hdr[8]) {
  gsize n = 0;
  return g_input_stream_read_all(in, hdr, 8, &n, NULL, NULL) && n == 8;
}

// The helper reads to the end.
GString *fetch_text(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return NULL;
  GString *text = g_string_new(NULL);
  gboolean ok = read_into(in, text, error);
  g_object_unref(in); // no warning
  if (!ok) {
    g_string_free(text, TRUE);
    return NULL;
  }
  return text;
}

// The helper drains an error body.
gboolean fetch_if_ok(SoupSession *session, SoupMessage *msg, GString *out, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  gboolean ok;
  if (soup_message_get_status(msg) == SOUP_STATUS_OK)
    ok = read_into(in, out, error);
  else {
    drain(in);
    ok = FALSE;
  }
  g_object_unref(in); // no warning
  return ok;
}

// The helper reads 8 bytes: the rest of the body is still there.
gboolean has_header(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  guint8 hdr[8];
  gboolean ok = read_header(in, hdr);
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
  return ok;
}

// Header first, then the rest: silent.
gboolean header_then_rest(SoupSession *session, SoupMessage *msg, GString *out) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  guint8 hdr[8];
  gboolean ok = read_header(in, hdr) && read_into(in, out, NULL);
  if (!ok)
    drain(in);
  g_object_unref(in); // no warning
  return ok;
}

// A helper that closes the stream it is given without reading it: reported
// inside the helper, on the path that comes from this caller.
static void give_up(GInputStream *in) {
  g_input_stream_close(in, NULL, NULL); // expected-warning {{response stream 'in' is closed by g_input_stream_close() before it was read to the end}}
}

void fetch_or_give_up(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  if (soup_message_get_status(msg) != SOUP_STATUS_OK)
    give_up(in);
  else
    drain(in);
  g_object_unref(in);
}

// Returned to the caller unread.
GInputStream *open_body(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return NULL;
  return in; // no warning
}

// Stored in a struct the caller owns.
typedef struct {
  SoupMessage *msg;
  GInputStream *body;
} Download;

gboolean download_start(Download *d, SoupSession *session, GError **error) {
  d->body = soup_session_send(session, d->msg, NULL, error);
  return d->body != NULL; // no warning
}

// Stored through an out parameter after a peek at the first bytes.
gboolean open_and_peek(SoupSession *session, SoupMessage *msg, GInputStream **out, char *first) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  gssize n = g_input_stream_read(in, first, 1, NULL, NULL);
  *out = in; // no warning: the caller goes on reading
  return n == 1;
}

// Handed to a function defined elsewhere, which may read it.
extern void consume_stream(GInputStream *in);

void hand_off(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  consume_stream(in);
  g_object_unref(in); // no warning: unknown reads
}
