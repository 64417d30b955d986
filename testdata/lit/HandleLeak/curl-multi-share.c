// libcurl multi and share handles. curl_multi_init/curl_multi_cleanup and
// curl_share_init/curl_share_cleanup pair up like any handle. An easy handle
// added to a multi (curl_multi_add_handle) is only borrowed by it: the multi
// never frees it, so curl_multi_cleanup() leaves it to curl_easy_cleanup()
// (curl-multi-easy-ownership.c). A handle added to the caller's multi and
// cleaned up after curl_multi_info_read() (curl's 10-at-a-time.c) is fine.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak -verify %s

#include <curl/curl.h>
#include <stddef.h>

static int drive(CURLM *m) {
  int running = 1;
  while (running) {
    if (curl_multi_perform(m, &running) != CURLM_OK)
      return -1;
    if (running && curl_multi_poll(m, NULL, 0, 1000, NULL) != CURLM_OK)
      return -1;
  }
  return 0;
}

// The full multi lifecycle: add, drive, remove, clean up both.
int multi_single_transfer(const char *url) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  CURL *e = curl_easy_init();
  if (!e) {
    curl_multi_cleanup(m);
    return -1;
  }
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_multi_add_handle(m, e);
  int rc = drive(m);
  curl_multi_remove_handle(m, e);
  curl_easy_cleanup(e);
  curl_multi_cleanup(m);
  return rc;
}

// The multi is forgotten when the easy handle cannot be created.
int multi_leaks_when_easy_init_fails(const char *url) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  CURL *e = curl_easy_init();
  if (!e)
    return -1; // expected-warning {{multi handle 'm' from curl_multi_init() is not released on this path (missing curl_multi_cleanup())}}
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_multi_add_handle(m, e);
  drive(m);
  curl_multi_remove_handle(m, e);
  curl_easy_cleanup(e);
  curl_multi_cleanup(m);
  return 0;
}

// curl's docs/examples/10-at-a-time.c: the easy handle is added to the
// caller's multi and recovered later from curl_multi_info_read(), where it is
// removed and cleaned up. Still reachable through the multi: not a leak.
static void add_transfer(CURLM *cm, const char *url, int *left) {
  CURL *eh = curl_easy_init();
  curl_easy_setopt(eh, CURLOPT_URL, url);
  curl_easy_setopt(eh, CURLOPT_PRIVATE, url);
  curl_multi_add_handle(cm, eh);
  (*left)++;
}

int ten_at_a_time(const char *const *urls, int n) {
  CURLM *cm = curl_multi_init();
  if (!cm)
    return -1;
  int left = 0;
  for (int i = 0; i < n && i < 10; i++)
    add_transfer(cm, urls[i], &left);
  do {
    int still_alive = 1;
    curl_multi_perform(cm, &still_alive);
    CURLMsg *msg;
    int msgs_left = -1;
    while ((msg = curl_multi_info_read(cm, &msgs_left))) {
      if (msg->msg == CURLMSG_DONE) {
        CURL *done = msg->easy_handle;
        curl_multi_remove_handle(cm, done);
        curl_easy_cleanup(done);
        left--;
      }
    }
    if (left)
      curl_multi_wait(cm, NULL, 0, 1000, NULL);
  } while (left);
  curl_multi_cleanup(cm);
  return 0;
}

// One easy handle reused for several transfers through the same multi.
int multi_reuses_easy(const char *const *urls, int n) {
  CURLM *m = curl_multi_init();
  CURL *e = curl_easy_init();
  int rc = -1;
  if (!m || !e)
    goto out;
  for (int i = 0; i < n; i++) {
    curl_easy_setopt(e, CURLOPT_URL, urls[i]);
    curl_multi_add_handle(m, e);
    if (drive(m) != 0) {
      curl_multi_remove_handle(m, e);
      goto out;
    }
    curl_multi_remove_handle(m, e);
  }
  rc = 0;
out:
  curl_easy_cleanup(e);
  curl_multi_cleanup(m);
  return rc;
}

// A share holding the connection pool for several easy handles.
int share_connection_pool(const char *const *urls, int n) {
  CURLSH *sh = curl_share_init();
  if (!sh)
    return -1;
  curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  for (int i = 0; i < n; i++) {
    CURL *e = curl_easy_init();
    if (!e)
      break;
    curl_easy_setopt(e, CURLOPT_SHARE, sh);
    curl_easy_setopt(e, CURLOPT_URL, urls[i]);
    curl_easy_perform(e);
    curl_easy_cleanup(e);
  }
  curl_share_cleanup(sh);
  return 0;
}

// The share is not cleaned up when configuring it fails.
CURLSH *share_leaks_on_setopt_error(void) {
  CURLSH *sh = curl_share_init();
  if (!sh)
    return NULL;
  if (curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK)
    return NULL; // expected-warning {{share handle 'sh' from curl_share_init() is not released on this path (missing curl_share_cleanup())}}
  if (curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT) != CURLSHE_OK) {
    curl_share_cleanup(sh);
    return NULL;
  }
  return sh;
}

// curl's own loop: the finished handles come back through
// curl_multi_info_read(); a path on which no message arrives before the
// multi is cleaned up does not happen for a finished transfer.
int crawl(char **urls, int n) {
  CURLM *cm = curl_multi_init();
  CURLMsg *msg;
  int running = 0, left;
  if (!cm)
    return -1;
  for (int i = 0; i < n; i++) {
    CURL *eh = curl_easy_init();
    if (!eh)
      break;
    curl_easy_setopt(eh, CURLOPT_URL, urls[i]);
    if (curl_multi_add_handle(cm, eh) != CURLM_OK) {
      curl_easy_cleanup(eh);
      break;
    }
  }
  do {
    curl_multi_perform(cm, &running);
    while ((msg = curl_multi_info_read(cm, &left))) {
      if (msg->msg == CURLMSG_DONE) {
        curl_multi_remove_handle(cm, msg->easy_handle);
        curl_easy_cleanup(msg->easy_handle);
      }
    }
    if (running)
      curl_multi_poll(cm, NULL, 0, 1000, NULL);
  } while (running);
  curl_multi_cleanup(cm);
  return 0;
}
