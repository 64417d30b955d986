// libsoup 2.4 and neon: a SoupSessionSync, or an ne_session (one connection,
// no pool), made for each request. Silent for one session per host reused
// for every path.
// RUN: %analyze_plugin -analyzer-checker=poolguard.ClientPerRequest %soup2 %neon \
// RUN:   -Wno-deprecated-declarations -verify %s

#include <libsoup/soup.h>
#include <ne_basic.h>
#include <ne_request.h>
#include <ne_session.h>

guint status_of_each(const char *const *uris, int n) {
  guint last = 0;
  for (int i = 0; i < n; i++) {
    SoupSession *session = soup_session_sync_new(); // expected-warning {{SoupSession 'session' is created again here after the previous one from this soup_session_sync_new() was used and destroyed}}
    SoupMessage *msg = soup_message_new(SOUP_METHOD_GET, uris[i]);
    if (msg) {
      last = soup_session_send_message(session, msg);
      g_object_unref(msg);
    }
    g_object_unref(session);
  }
  return last;
}

int get_each(const char *host, const char *const *paths, int n) {
  for (int i = 0; i < n; i++) {
    ne_session *sess = ne_session_create("https", host, 443); // expected-warning {{neon session 'sess' is created again here after the previous one from this ne_session_create() was used and destroyed: every request pays for a new connection (TCP and TLS handshake); keep one neon session per ne_session_create() destination and reuse it for every request to it}}
    ne_request *req = ne_request_create(sess, "GET", paths[i]);
    int rc = ne_request_dispatch(req);
    ne_request_destroy(req);
    ne_session_destroy(sess);
    if (rc != NE_OK)
      return rc;
  }
  return NE_OK;
}

// ---- silent ---------------------------------------------------------------

int get_all_one_session(const char *host, const char *const *paths, int n) {
  ne_session *sess = ne_session_create("https", host, 443);
  int rc = NE_OK;
  for (int i = 0; i < n && rc == NE_OK; i++) {
    ne_request *req = ne_request_create(sess, "GET", paths[i]);
    rc = ne_request_dispatch(req);
    ne_request_destroy(req);
  }
  ne_session_destroy(sess);
  return rc;
}

int delete_all_one_session(const char *host, const char *const *paths, int n) {
  ne_session *sess = ne_session_create("https", host, 443);
  for (int i = 0; i < n; i++)
    ne_delete(sess, paths[i]);
  ne_session_destroy(sess);
  return 0;
}

// One session per destination: each iteration talks to another host.
struct job {
  const char *host;
  const char *path;
};

int run_jobs(const struct job *jobs, int njobs) {
  int failed = 0;
  for (int j = 0; j < njobs; j++) {
    ne_session *sess = ne_session_create("https", jobs[j].host, 443);
    if (ne_delete(sess, jobs[j].path) != NE_OK)
      failed++;
    ne_session_destroy(sess);
  }
  return failed;
}

// A mirror after the first host failed.
int get_with_fallback(const char *primary, const char *mirror,
                      const char *path) {
  const char *hosts[2] = {primary, mirror};
  int rc = NE_ERROR;
  for (int i = 0; i < 2 && rc != NE_OK; i++) {
    ne_session *sess = ne_session_create("https", hosts[i], 443);
    ne_request *req = ne_request_create(sess, "GET", path);
    rc = ne_request_dispatch(req);
    ne_request_destroy(req);
    ne_session_destroy(sess);
  }
  return rc;
}

// A new session only after the request failed: a retry, whose old
// connection neon has usually dropped.
int get_with_retries(const char *host, const char *path) {
  for (int attempt = 0; attempt < 3; attempt++) {
    ne_session *sess = ne_session_create("https", host, 443);
    int rc = ne_get(sess, path, 1);
    ne_session_destroy(sess);
    if (rc == NE_OK)
      return 0;
  }
  return -1;
}
