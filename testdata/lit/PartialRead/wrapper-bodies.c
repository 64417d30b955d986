// Body kinds of a user's rule file: a wrapper that drains and frees in one
// call leaves nothing unread, and a body kind whose library models no read
// (a plain buffer) is never partly read.
// RUN: %analyze -analyzer-config poolguard:Rules=%S/Inputs/stream-wrappers.yaml -verify=stream %s
// RUN: %analyze -analyzer-config poolguard:Rules=%S/../HandleLeak/Inputs/wrappers.yaml -verify=plain %s
// plain-no-diagnostics

#include <stddef.h>
#include <sys/types.h>

struct my_stream;
struct my_stream *my_open(const char *url);
ssize_t my_read(struct my_stream *s, char *buf, size_t len);
void my_drain(struct my_stream *s);
void my_close(struct my_stream *s);
void my_finish(struct my_stream *s);

struct my_body;
struct my_body *my_get(void *client, const char *url);
void my_free(struct my_body *b);

int peek(const char *url, char *out, size_t len) {
  struct my_stream *s = my_open(url);
  if (!s)
    return -1;
  ssize_t n = my_read(s, out, len);
  my_close(s); // stream-warning {{stream 's' is released by my_close() before it was read to the end: the wrapper drops its connection}}
  return n > 0 ? 0 : -1;
}

int peek_and_finish(const char *url, char *out, size_t len) {
  struct my_stream *s = my_open(url);
  if (!s)
    return -1;
  ssize_t n = my_read(s, out, len);
  my_finish(s);
  return n > 0 ? 0 : -1;
}

int read_all(const char *url, char *buf, size_t len) {
  struct my_stream *s = my_open(url);
  if (!s)
    return -1;
  while (my_read(s, buf, len) > 0)
    ;
  my_close(s);
  return 0;
}

int fetch_buffer(void *client, const char *url) {
  struct my_body *b = my_get(client, url);
  if (!b)
    return -1;
  my_free(b);
  return 0;
}
