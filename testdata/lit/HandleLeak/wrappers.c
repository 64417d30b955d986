// A user rule file (Inputs/wrappers.yaml) models the project's own wrappers:
// my_get() returns a response body that my_free() releases, and other my_*
// functions borrow it. The wrappers are user code declared here. A body not
// freed is reported with the user's kind description and release; correct
// uses stay silent.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -analyzer-config poolguard:Rules=%S/Inputs/wrappers.yaml -verify %s

#include <curl/curl.h>
#include <stddef.h>
#include <string.h>

struct my_body;
struct my_body *my_get(CURL *h, const char *url);
void my_free(struct my_body *b);
size_t my_body_len(const struct my_body *b);
const char *my_body_data(const struct my_body *b);
long my_status(const struct my_body *b);

size_t body_length(CURL *h, const char *url) {
  struct my_body *b = my_get(h, url);
  if (!b)
    return 0;
  size_t n = my_body_len(b);
  my_free(b);
  return n;
}

int fetch_json_leaks_on_status(CURL *h, const char *url, char *out, size_t len) {
  struct my_body *b = my_get(h, url);
  if (!b)
    return -1;
  if (my_status(b) != 200)
    return -1; // expected-warning {{response body 'b' from my_get() is not released on this path (missing my_free())}}
  strncpy(out, my_body_data(b), len);
  my_free(b);
  return 0;
}

// my_free() accepts NULL: no check needed.
long status_of(CURL *h, const char *url) {
  struct my_body *b = my_get(h, url);
  long s = b ? my_status(b) : -1;
  my_free(b);
  return s;
}

// Bodies fetched in a loop, each freed before the next.
size_t total_length(CURL *h, const char *const *urls, int n) {
  size_t total = 0;
  for (int i = 0; i < n; i++) {
    struct my_body *b = my_get(h, urls[i]);
    if (!b)
      continue;
    total += my_body_len(b);
    my_free(b);
  }
  return total;
}
