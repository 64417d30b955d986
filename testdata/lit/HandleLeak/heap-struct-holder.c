// A handle stored in a struct the function allocated itself (malloc,
// calloc, g_new0, g_slice_new0) is still the function's: nobody else can
// reach that memory yet. Freeing the struct on an error path without
// releasing the handle loses it; returning the struct, storing it where
// others can reach it, or passing it to unknown code hands the handle on.
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak %soup3 %neon -verify %s
// With the analyzer's own malloc model on (as under `clang --analyze`):
// RUN: %analyze_plugin -analyzer-checker=core,unix.Malloc,poolguard.HandleLeak %soup3 %neon -verify=expected,malloc %s

#include <curl/curl.h>
#include <libsoup/soup.h>
#include <neon/ne_request.h>
#include <stdlib.h>

struct conn {
  CURL *easy;
  struct curl_slist *headers;
  char error[CURL_ERROR_SIZE];
};

// ---- reported ---------------------------------------------------------------

struct conn *conn_new(const char *url) {
  struct conn *c = malloc(sizeof *c);
  if (!c)
    return NULL;
  c->easy = curl_easy_init();
  if (!c->easy) {
    free(c);
    return NULL;
  }
  c->headers = curl_slist_append(NULL, "Accept: application/json");
  if (!c->headers) {
    free(c); // expected-warning {{easy handle 'c->easy' from curl_easy_init() is not released before the memory holding it is freed (missing curl_easy_cleanup())}}
    return NULL;
  }
  curl_easy_setopt(c->easy, CURLOPT_URL, url);
  curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, c->headers);
  return c;
}

typedef struct {
  SoupSession *session;
  char *base;
} Client;

Client *client_new(const char *base) {
  Client *self = g_new0(Client, 1);
  self->session = soup_session_new();
  if (!base) {
    g_free(self); // expected-warning {{SoupSession 'self->session' from soup_session_new() is not released before the memory holding it is freed (missing g_object_unref())}}
    return NULL;
  }
  self->base = g_strdup(base);
  return self;
}

struct dav {
  struct {
    ne_session *sess;
  } io;
  int depth;
};

struct dav *dav_open(const char *host, int depth) {
  struct dav *d = calloc(1, sizeof *d);
  if (!d)
    return NULL;
  d->io.sess = ne_session_create("https", host, 443);
  if (depth < 0) {
    free(d); // expected-warning {{neon session 'd->io.sess' from ne_session_create() is not released before the memory holding it is freed (missing ne_session_destroy())}}
    return NULL;
  }
  d->depth = depth;
  return d;
}

// Neither freed nor handed on: lost when `c` goes out of scope.
void conn_probe(void) {
  struct conn *c = malloc(sizeof *c);
  if (!c)
    return;
  c->easy = curl_easy_init();
  c->headers = NULL;
} // expected-warning {{easy handle 'c->easy' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}} \
  // malloc-warning {{Potential leak of memory pointed to by 'c'}}

// The struct goes to curl as the transfer's private pointer and its buffer
// as the error buffer, but when the multi handle refuses the easy handle
// nothing owns either of them.
int conn_start(CURLM *multi) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return -1;
  c->easy = curl_easy_init();
  if (!c->easy) {
    free(c);
    return -1;
  }
  curl_easy_setopt(c->easy, CURLOPT_PRIVATE, c);
  curl_easy_setopt(c->easy, CURLOPT_ERRORBUFFER, c->error);
  if (curl_multi_add_handle(multi, c->easy) != CURLM_OK)
    return -1; // expected-warning {{easy handle 'c->easy' from curl_easy_init() is not released on this path (missing curl_easy_cleanup())}}
  return 0;
}

// The struct is the easy handle's private pointer, but the easy handle is
// cleaned up: nothing reaches the struct's header list any more.
int conn_run_once(const char *url) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return -1;
  c->easy = curl_easy_init();
  if (!c->easy) {
    free(c);
    return -1;
  }
  c->headers = curl_slist_append(NULL, "Accept: */*");
  curl_easy_setopt(c->easy, CURLOPT_PRIVATE, c);
  curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, c->headers);
  curl_easy_setopt(c->easy, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(c->easy);
  curl_easy_cleanup(c->easy);
  return rc == CURLE_OK ? 0 : -1; // expected-warning {{header list 'c->headers' from curl_slist_append() is not released on this path (missing curl_slist_free_all())}}
}

// ---- silent -----------------------------------------------------------------

// The struct is the easy handle's private pointer (curl's multi examples):
// once the multi has the easy handle, the struct and its header list are
// reached through CURLINFO_PRIVATE when the transfer is done.
int conn_queue(CURLM *multi, const char *url) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return -1;
  c->easy = curl_easy_init();
  if (!c->easy) {
    free(c);
    return -1;
  }
  c->headers = curl_slist_append(NULL, "Accept: */*");
  curl_easy_setopt(c->easy, CURLOPT_URL, url);
  curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, c->headers);
  curl_easy_setopt(c->easy, CURLOPT_PRIVATE, c);
  if (curl_multi_add_handle(multi, c->easy) != CURLM_OK) {
    curl_slist_free_all(c->headers);
    curl_easy_cleanup(c->easy);
    free(c);
    return -1;
  }
  return 0;
}

// The struct goes to the easy handle as its private pointer and is taken
// back with CURLINFO_PRIVATE to be freed after the transfer.
int conn_with_private(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  struct conn *c = calloc(1, sizeof *c);
  if (!c) {
    curl_easy_cleanup(h);
    return -1;
  }
  c->headers = curl_slist_append(NULL, "Accept: application/json");
  curl_easy_setopt(h, CURLOPT_PRIVATE, c);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->headers);
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  struct conn *back = NULL;
  curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)&back);
  curl_easy_cleanup(h);
  if (back) {
    curl_slist_free_all(back->headers);
    free(back);
  }
  return rc == CURLE_OK ? 0 : -1;
}

// The same, with the easy handle returned to the caller.
CURL *conn_prepare(const char *url) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->easy = curl_easy_init();
  if (!c->easy) {
    free(c);
    return NULL;
  }
  c->headers = curl_slist_append(NULL, "Accept: */*");
  curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, c->headers);
  curl_easy_setopt(c->easy, CURLOPT_WRITEDATA, c);
  curl_easy_setopt(c->easy, CURLOPT_URL, url);
  return c->easy;
}

// The variable's address goes to the library (curl's ghiper.c passes
// `&conn` as WRITEDATA): what `c` points to is no longer known here.
void conn_start_by_address(CURLM *multi) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return;
  c->easy = curl_easy_init();
  if (!c->easy) {
    free(c);
    return;
  }
  curl_easy_setopt(c->easy, CURLOPT_WRITEDATA, &c);
  curl_easy_setopt(c->easy, CURLOPT_VERBOSE, 1L);
  curl_multi_add_handle(multi, c->easy);
}

static void conn_free(struct conn *c) {
  if (!c)
    return;
  curl_slist_free_all(c->headers);
  curl_easy_cleanup(c->easy);
  free(c);
}

// goto-cleanup constructor: every error path releases what it holds.
struct conn *conn_new_checked(const char *url) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    goto fail;
  c->easy = curl_easy_init();
  if (!c->easy)
    goto fail;
  c->headers = curl_slist_append(NULL, "Accept: */*");
  if (!c->headers)
    goto fail;
  curl_easy_setopt(c->easy, CURLOPT_URL, url);
  return c;
fail:
  conn_free(c);
  return NULL;
}

static struct conn *global_conn;

void conn_install(void) {
  struct conn *c = malloc(sizeof *c);
  if (!c)
    return;
  c->easy = curl_easy_init();
  c->headers = NULL;
  global_conn = c;
}

int conn_open_out(struct conn **out) {
  struct conn *c = malloc(sizeof *c);
  if (!c)
    return -1;
  c->easy = curl_easy_init();
  c->headers = NULL;
  *out = c;
  return 0;
}

void pool_add(struct conn *c); // defined elsewhere: it may keep `c`

void conn_register(void) {
  struct conn *c = malloc(sizeof *c);
  if (!c)
    return;
  c->easy = curl_easy_init();
  c->headers = NULL;
  pool_add(c);
}

// The handle is still named by a local after the struct is freed.
void conn_swap_out(void) {
  struct conn *c = malloc(sizeof *c);
  if (!c)
    return;
  c->easy = curl_easy_init();
  CURL *easy = c->easy;
  free(c);
  curl_easy_cleanup(easy);
}

typedef struct {
  SoupSession *session;
} Job;

static void job_done(GObject *source, GAsyncResult *res, gpointer user_data) {
  Job *job = user_data;
  g_object_unref(job->session);
  g_slice_free(Job, job);
}

// The job goes to the callback as its user data: the callback releases.
void job_start(SoupMessage *msg) {
  Job *job = g_slice_new0(Job);
  job->session = soup_session_new();
  soup_session_send_async(job->session, msg, G_PRIORITY_DEFAULT, NULL,
                          job_done, job);
}

// g_slice memory released the same way as it was allocated.
void job_cancel(void) {
  Job *job = g_slice_new0(Job);
  job->session = soup_session_new();
  g_object_unref(job->session);
  g_slice_free(Job, job);
}
