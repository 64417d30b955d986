// The analyzer invalidates whatever a call can reach through its pointer
// arguments. A curl call that is given a pointer to the struct holding a
// handle (user data, a field to write a count into) does not store over the
// handle: it stays followed, silent when released and reported when lost.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <stdlib.h>

struct app {
  CURLM *multi;
  int running;
};

int count_field_is_written(void) {
  struct app a;
  a.multi = curl_multi_init();
  curl_multi_perform(a.multi, &a.running);
  curl_multi_cleanup(a.multi);
  return a.running;
}

struct transfer {
  CURL *easy;
  FILE *out;
};

static void setup(struct transfer *t) {
  CURL *hnd;
  hnd = t->easy = curl_easy_init();
  curl_easy_setopt(hnd, CURLOPT_PRIVATE, t);
  curl_easy_setopt(hnd, CURLOPT_DEBUGDATA, t);
}

int two_holders(void) {
  struct transfer t;
  setup(&t);
  curl_easy_perform(t.easy);
  curl_easy_cleanup(t.easy);
  return 0;
}

int still_lost_when_forgotten(void) {
  struct transfer t;
  setup(&t);
  return curl_easy_perform(t.easy); // expected-warning {{easy handle 't.easy' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
}

// What a dying process holds is no pool problem.
void exits_on_error(const char *url) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url);
  if (curl_easy_perform(h) != CURLE_OK)
    exit(1);
  curl_easy_cleanup(h);
}
