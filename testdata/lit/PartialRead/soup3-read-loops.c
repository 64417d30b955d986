// libsoup 3: the GInputStream from soup_session_send() must be read until a
// read signals the end before it is closed or unreffed; otherwise libsoup
// skips the rest and drops the connection instead of returning it to the
// pool (HTTP/1). g_input_stream_read() signals the end by returning 0,
// g_input_stream_read_all() by reading fewer bytes than asked, and a read
// error ends the stream too. A short g_input_stream_read() is NOT the end.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %soup3 -verify %s

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

// The canonical loop: after it, the last read returned 0 or failed.
gboolean copy_to_file(SoupSession *session, SoupMessage *msg, FILE *out, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  char buf[8192];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, error)) > 0)
    fwrite(buf, 1, (size_t)n, out);
  g_object_unref(in); // no warning: at the end or failed
  return n == 0;
}

// The same loop written with an explicit end test and an error exit.
gssize count_bytes(SoupSession *session, SoupMessage *msg, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return -1;
  char buf[4096];
  gssize total = 0;
  for (;;) {
    gssize n = g_input_stream_read(in, buf, sizeof buf, NULL, error);
    if (n < 0) {
      g_object_unref(in); // no warning: a failed read ends the stream
      return -1;
    }
    if (n == 0)
      break;
    total += n;
  }
  g_input_stream_close(in, NULL, NULL); // no warning
  g_object_unref(in);
  return total;
}

// `!= 0` with the error handled inside the loop.
gboolean read_until_not_zero(SoupSession *session, SoupMessage *msg, GString *out) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  char buf[1024];
  gssize n;
  gboolean ok = TRUE;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL)) != 0) {
    if (n < 0) {
      ok = FALSE;
      break;
    }
    g_string_append_len(out, buf, n);
  }
  g_object_unref(in); // no warning
  return ok;
}

// Leaving the loop early on a size limit: the last read returned data.
gboolean read_limited(SoupSession *session, SoupMessage *msg, GString *out, gsize limit) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  char buf[4096];
  gssize n;
  while ((n = g_input_stream_read(in, buf, sizeof buf, NULL, NULL)) > 0) {
    g_string_append_len(out, buf, n);
    if (out->len > limit)
      break;
  }
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
  return n == 0;
}

// Looking for a marker and stopping there.
gboolean has_marker(SoupSession *session, SoupMessage *msg, const char *marker) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  char buf[4096];
  gboolean found = FALSE;
  gssize n;
  while (!found && (n = g_input_stream_read(in, buf, sizeof buf - 1, NULL, NULL)) > 0) {
    buf[n] = '\0';
    found = strstr(buf, marker) != NULL;
  }
  g_input_stream_close(in, NULL, NULL); // expected-warning {{response stream 'in' is closed by g_input_stream_close() before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
  g_object_unref(in);
  return found;
}

// One fixed-size read of a magic number, then the stream is dropped.
gboolean sniff_magic(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  guchar magic[4];
  gssize n = g_input_stream_read(in, magic, sizeof magic, NULL, NULL);
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end: libsoup drops the connection instead of returning it to the pool}}
  return n == 4 && memcmp(magic, "\x89PNG", 4) == 0;
}

// A single read whose failure and whose end are both handled before the
// release: only the data-returning path is reported.
gssize first_block(SoupSession *session, SoupMessage *msg, char *buf, gsize len) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  gssize n = g_input_stream_read(in, buf, len, NULL, NULL);
  if (n <= 0) {
    g_object_unref(in); // no warning: failed or at the end
    return n;
  }
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
  return n;
}

// A short g_input_stream_read() is not the end: the loop stops too soon.
gsize read_until_short(SoupSession *session, SoupMessage *msg, char *buf) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return 0;
  gsize total = 0;
  gssize n;
  do {
    n = g_input_stream_read(in, buf + total, 512, NULL, NULL);
    if (n > 0)
      total += (gsize)n;
  } while (n == 512 && total < 65536);
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
  return total;
}

// g_input_stream_read_all() until it reads less than asked: the end.
gboolean read_all_until_short(SoupSession *session, SoupMessage *msg, GByteArray *out, GError **error) {
  GInputStream *in = soup_session_send(session, msg, NULL, error);
  if (!in)
    return FALSE;
  guint8 buf[4096];
  gsize n;
  do {
    if (!g_input_stream_read_all(in, buf, sizeof buf, &n, NULL, error)) {
      g_object_unref(in); // no warning: a failed read ends the stream
      return FALSE;
    }
    g_byte_array_append(out, buf, n);
  } while (n == sizeof buf);
  g_object_unref(in); // no warning: n < sizeof buf
  return TRUE;
}

// One read_all into a fixed buffer: when it fills the buffer, the body may
// go on, and nothing read its end.
gboolean read_all_once(SoupSession *session, SoupMessage *msg, char *buf, gsize len) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return FALSE;
  gsize n = 0;
  gboolean ok = g_input_stream_read_all(in, buf, len, &n, NULL, NULL);
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
  return ok && n < len;
}

// Reading exactly Content-Length bytes is not enough: without the final
// read that signals the end, libsoup still drops the connection.
GBytes *read_content_length(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return NULL;
  goffset len = soup_message_headers_get_content_length(soup_message_get_response_headers(msg));
  if (len <= 0 || len > 1 << 20) {
    g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
    return NULL;
  }
  char *data = g_malloc(len);
  gsize n = 0;
  if (!g_input_stream_read_all(in, data, len, &n, NULL, NULL) || n < (gsize)len) {
    g_object_unref(in); // no warning: failed or short (at the end)
    g_free(data);
    return NULL;
  }
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
  return g_bytes_new_take(data, len);
}

// Skipping to the end: g_input_stream_skip() returns 0 there.
void discard_body(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  while (g_input_stream_skip(in, 65536, NULL, NULL) > 0)
    continue;
  g_object_unref(in); // no warning
}

// A single skip is not a drain: it stops after 1024 bytes.
void skip_once(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return;
  g_input_stream_skip(in, 1024, NULL, NULL);
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
}

// At most two blocks are read: the loop can end on its counter.
#define MAX_BLOCKS 2
int read_two_blocks(SoupSession *session, SoupMessage *msg, char blocks[MAX_BLOCKS][512]) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return -1;
  int i;
  for (i = 0; i < MAX_BLOCKS && g_input_stream_read(in, blocks[i], 512, NULL, NULL) > 0; i++)
    ;
  g_object_unref(in); // expected-warning {{response stream 'in' is released by g_object_unref() before it was read to the end}}
  return i;
}

// g_input_stream_read_bytes() loop until an empty GBytes.
gsize read_bytes_loop(SoupSession *session, SoupMessage *msg) {
  GInputStream *in = soup_session_send(session, msg, NULL, NULL);
  if (!in)
    return 0;
  gsize total = 0;
  for (;;) {
    GBytes *chunk = g_input_stream_read_bytes(in, 8192, NULL, NULL);
    if (!chunk)
      break;
    gsize size = g_bytes_get_size(chunk);
    g_bytes_unref(chunk);
    if (size == 0)
      break;
    total += size;
  }
  g_object_unref(in); // no warning
  return total;
}

// soup_session_send_and_read() reads the whole body itself.
gsize body_size(SoupSession *session, SoupMessage *msg) {
  GBytes *body = soup_session_send_and_read(session, msg, NULL, NULL);
  if (!body)
    return 0;
  gsize size = g_bytes_get_size(body);
  g_bytes_unref(body); // no warning: not a stream
  return size;
}

// Two bodies: the first is read to the end, the second is not.
gboolean compare_first_bytes(SoupSession *session, SoupMessage *a, SoupMessage *b) {
  GInputStream *ia = soup_session_send(session, a, NULL, NULL);
  if (!ia)
    return FALSE;
  GInputStream *ib = soup_session_send(session, b, NULL, NULL);
  if (!ib) {
    g_object_unref(ia); // expected-warning {{response stream 'ia' is released by g_object_unref() before it was read to the end}}
    return FALSE;
  }
  char x[64], y[64];
  gssize nx, ny;
  while ((nx = g_input_stream_read(ia, x, sizeof x, NULL, NULL)) > 0)
    ;
  ny = g_input_stream_read(ib, y, sizeof y, NULL, NULL);
  g_object_unref(ia); // no warning
  g_object_unref(ib); // expected-warning {{response stream 'ib' is released by g_object_unref() before it was read to the end}}
  return nx == 0 && ny >= 0;
}
