// A libcurl write or header callback that returns anything but the amount it
// was given (size * nmemb; size is always 1) aborts the transfer: libcurl
// closes the connection instead of keeping it for reuse. Returns on error
// paths (a failed allocation, a short fwrite) and the documented magic
// values are fine.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead -verify %s
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify=leak %s
// leak-no-diagnostics

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
  char *data;
  size_t len;
  int paused;
  int failed;
};

// ---- reported -------------------------------------------------------------

static size_t forgot_count(char *ptr, size_t size, size_t nmemb, void *ud) {
  struct buf *b = ud;
  memcpy(b->data, ptr, size * nmemb);
  return 0; // expected-warning {{CURLOPT_WRITEFUNCTION callback 'forgot_count' returns 0, not size * nmemb: libcurl aborts the transfer and closes the connection instead of keeping it for reuse}}
}

static size_t stop_when_enough(char *ptr, size_t size, size_t nmemb,
                               void *ud) {
  struct buf *b = ud;
  (void)ptr;
  b->len += size * nmemb;
  if (b->len >= 512)
    return 0; // expected-warning {{'stop_when_enough' returns 0, not size * nmemb}}
  return size * nmemb;
}

static size_t returns_size(char *ptr, size_t size, size_t nmemb, void *ud) {
  (void)ptr;
  (void)ud;
  (void)nmemb;
  return size; // expected-warning {{CURLOPT_HEADERFUNCTION callback 'returns_size' returns 'size', not size * nmemb}}
}

static size_t minus_one(char *contents, size_t sz, size_t n, void *ud) {
  (void)contents;
  (void)ud;
  (void)sz;
  (void)n;
  return -1; // expected-warning {{'minus_one' returns -1, not sz * n}}
}

// The loop gives 'i + 1' a different value on each path: one report, named
// by what the return spells.
static size_t first_line(char *ptr, size_t size, size_t nmemb, void *ud) {
  char *line = ud;
  for (size_t i = 0; i < size * nmemb; i++)
    if (ptr[i] == '\n') {
      memcpy(line, ptr, i);
      line[i] = 0;
      return i + 1; // expected-warning {{CURLOPT_WRITEFUNCTION callback 'first_line' returns 'i + 1', not size * nmemb}}
    }
  return size * nmemb;
}

// A comparison's result is no failure: returning 0 for every header but one
// aborts every transfer.
static size_t content_type_only(char *buf, size_t size, size_t nitems,
                                void *ud) {
  if (strncmp(buf, "Content-Type:", 13) != 0)
    return 0; // expected-warning {{CURLOPT_HEADERFUNCTION callback 'content_type_only' returns 0, not size * nitems}}
  memcpy(ud, buf, size * nitems);
  return size * nitems;
}

// Chosen at run time between two callbacks: both are checked.
static size_t quiet_sink(char *ptr, size_t size, size_t nmemb, void *ud) {
  (void)ptr;
  (void)ud;
  (void)size;
  return 0; // expected-warning {{CURLOPT_WRITEFUNCTION callback 'quiet_sink' returns 0, not size * nmemb}}
}

// ---- silent -----------------------------------------------------------------

// curl's getinmemory.c: the early return is the realloc failure.
static size_t grow(void *contents, size_t size, size_t nmemb, void *userp) {
  size_t realsize = size * nmemb;
  struct buf *mem = userp;
  char *ptr = realloc(mem->data, mem->len + realsize + 1);
  if (!ptr) {
    fprintf(stderr, "not enough memory\n");
    return 0;
  }
  mem->data = ptr;
  memcpy(&(mem->data[mem->len]), contents, realsize);
  mem->len += realsize;
  mem->data[mem->len] = 0;
  return realsize;
}

static size_t to_file(void *ptr, size_t size, size_t nmemb, void *stream) {
  return fwrite(ptr, size, nmemb, (FILE *)stream);
}

static size_t checked_write(char *ptr, size_t size, size_t nmemb, void *fp) {
  size_t n = size * nmemb;
  if (fwrite(ptr, 1, n, fp) != n)
    return 0;
  return n;
}

static size_t just_nmemb(char *ptr, size_t size, size_t nmemb, void *ud) {
  (void)ptr;
  (void)size;
  ((struct buf *)ud)->len += nmemb;
  return nmemb;
}

static size_t reversed(char *ptr, size_t size, size_t nmemb, void *ud) {
  (void)ptr;
  (void)ud;
  return nmemb * size;
}

static size_t pausing(char *ptr, size_t size, size_t nmemb, void *ud) {
  struct buf *b = ud;
  (void)ptr;
  if (b->paused)
    return CURL_WRITEFUNC_PAUSE;
  if (b->failed)
    return CURL_WRITEFUNC_ERROR; // aborting on purpose, said so
  return size * nmemb;
}

static size_t empty_chunk(char *ptr, size_t size, size_t nmemb, void *ud) {
  (void)ptr;
  (void)ud;
  if (nmemb == 0)
    return 0; // zero is the amount given
  return size * nmemb;
}

// Never handed to libcurl: not a write callback.
static size_t not_a_callback(char *ptr, size_t size, size_t nmemb, void *ud) {
  (void)ptr;
  (void)size;
  (void)nmemb;
  (void)ud;
  return 0;
}

int fetch(const char *url, FILE *out) {
  struct buf b = {0};
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, forgot_count); // expected-note {{'forgot_count' is set as the CURLOPT_WRITEFUNCTION callback here}}
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, stop_when_enough); // expected-note {{'stop_when_enough' is set}}
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, returns_size); // expected-note {{'returns_size' is set as the CURLOPT_HEADERFUNCTION callback here}}
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &minus_one); // expected-note {{'minus_one' is set}}
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, first_line); // expected-note {{'first_line' is set}}
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, content_type_only); // expected-note {{'content_type_only' is set}}
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, out ? just_nmemb : quiet_sink); // expected-note {{'quiet_sink' is set}}
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, grow);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, (curl_write_callback)to_file);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, checked_write);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, just_nmemb);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, reversed);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, pausing);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, empty_chunk);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, out ? (void *)out : (void *)&b);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  free(b.data);
  (void)not_a_callback;
  return rc == CURLE_OK ? 0 : -1;
}
