// neon's caller-pulls interface: after ne_begin_request() returns NE_OK
// the body must be read to its end (ne_read_response_block() until 0,
// ne_discard_response(), ne_read_response_to_fd()) before ne_end_request().
// ne_end_request() does not drain: with a Content-Length the unread bytes
// stay on the persistent connection and the next request on the session
// reads them as its status line. A failed read has already closed the
// connection (neon's aborted()); ne_close_connection() is the documented
// follow-up. ne_request_destroy() does not drain either.
// RUN: %analyze_plugin -analyzer-checker=poolguard.PartialRead %neon -verify %s

#include <neon/ne_basic.h>
#include <neon/ne_request.h>
#include <neon/ne_session.h>
#include <neon/ne_utils.h>
#include <stdio.h>
#include <string.h>

// The documented loop.
int get_to_file(ne_session *sess, const char *path, FILE *out) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = ne_begin_request(req);
  if (ret == NE_OK) {
    char buf[8192];
    ssize_t n;
    while ((n = ne_read_response_block(req, buf, sizeof buf)) > 0)
      fwrite(buf, 1, (size_t)n, out);
    if (n < 0)
      ret = NE_ERROR;
    else
      ret = ne_end_request(req); // no warning
  }
  ne_request_destroy(req); // no warning
  return ret;
}

// The same inside the NE_RETRY loop (ne_end_request() asks for a retry
// after an authentication challenge).
int get_with_retry(ne_session *sess, const char *path, ne_buffer *body) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret;
  do {
    ret = ne_begin_request(req);
    if (ret != NE_OK)
      break;
    char buf[4096];
    ssize_t n;
    ne_buffer_clear(body);
    while ((n = ne_read_response_block(req, buf, sizeof buf)) > 0)
      ne_buffer_append(body, buf, (size_t)n);
    if (n < 0) {
      ret = NE_ERROR;
      break;
    }
    ret = ne_end_request(req); // no warning
  } while (ret == NE_RETRY);
  ne_request_destroy(req); // no warning
  return ret;
}

// Only the status is wanted: the body is left on the connection.
int status_only(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int code = -1;
  if (ne_begin_request(req) == NE_OK) {
    code = ne_get_status(req)->code;
    ne_end_request(req); // expected-warning {{neon request 'req' is closed by ne_end_request() before it was read to the end: the unread response stays on the connection and the next request on the session fails}}
  }
  ne_request_destroy(req);
  return code;
}

// The same, discarding the body first.
int status_only_discarded(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int code = -1;
  if (ne_begin_request(req) == NE_OK) {
    code = ne_get_status(req)->code;
    if (ne_discard_response(req) == NE_OK)
      ne_end_request(req); // no warning
  }
  ne_request_destroy(req);
  return code;
}

// A non-2xx body discarded, a 2xx body written to a file descriptor.
int get_to_fd(ne_session *sess, const char *path, int fd) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = ne_begin_request(req);
  if (ret != NE_OK) {
    ne_request_destroy(req); // no warning: nothing was opened
    return ret;
  }
  if (ne_get_status(req)->klass != 2) {
    ne_discard_response(req);
    ret = NE_ERROR;
  } else {
    ret = ne_read_response_to_fd(req, fd);
  }
  if (ret == NE_OK)
    ret = ne_end_request(req); // no warning
  ne_request_destroy(req); // no warning
  return ret;
}

// An error status ends the request without reading the error page.
int get_if_ok(ne_session *sess, const char *path, int fd) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = ne_begin_request(req);
  if (ret != NE_OK) {
    ne_request_destroy(req);
    return ret;
  }
  if (ne_get_status(req)->klass != 2) {
    ne_end_request(req); // expected-warning {{neon request 'req' is closed by ne_end_request() before it was read to the end}}
    ne_request_destroy(req);
    return NE_ERROR;
  }
  ret = ne_read_response_to_fd(req, fd);
  if (ret == NE_OK)
    ret = ne_end_request(req); // no warning
  ne_request_destroy(req);
  return ret;
}

// A read error: neon closed the connection; the caller closes it too and
// destroys the request. Nothing is left on a connection.
int read_error_close(ne_session *sess, const char *path, char *buf, size_t len) {
  ne_request *req = ne_request_create(sess, "GET", path);
  if (ne_begin_request(req) != NE_OK) {
    ne_request_destroy(req);
    return -1;
  }
  ssize_t n, total = 0;
  while ((n = ne_read_response_block(req, buf + total, len - (size_t)total)) > 0) {
    total += n;
    if ((size_t)total == len)
      break;
  }
  if (n < 0) {
    ne_close_connection(sess);
    ne_request_destroy(req); // no warning: the read failed
    return -1;
  }
  if (n > 0) {
    // The buffer is full and the body goes on.
    ne_request_destroy(req); // expected-warning {{neon request 'req' is released by ne_request_destroy() before it was read to the end: the unread response stays on the connection and the next request on the session fails}}
    return -1;
  }
  ne_end_request(req); // no warning
  ne_request_destroy(req);
  return (int)total;
}

// Breaking out of the loop once a line is found.
int find_line(ne_session *sess, const char *path, const char *needle) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int found = 0;
  if (ne_begin_request(req) == NE_OK) {
    char buf[1024];
    ssize_t n;
    while ((n = ne_read_response_block(req, buf, sizeof buf - 1)) > 0) {
      buf[n] = '\0';
      if (strstr(buf, needle)) {
        found = 1;
        break;
      }
    }
    ne_end_request(req); // expected-warning {{neon request 'req' is closed by ne_end_request() before it was read to the end}}
  }
  ne_request_destroy(req);
  return found;
}

// One block read for a preview.
int preview(ne_session *sess, const char *path, char *buf, size_t len) {
  ne_request *req = ne_request_create(sess, "GET", path);
  ssize_t n = -1;
  if (ne_begin_request(req) == NE_OK) {
    n = ne_read_response_block(req, buf, len);
    ne_end_request(req); // expected-warning {{neon request 'req' is closed by ne_end_request() before it was read to the end}}
  }
  ne_request_destroy(req);
  return (int)n;
}

// Begun but never ended: destroyed with the body unread.
void fire_and_forget(ne_session *sess, const char *path) {
  ne_request *req = ne_request_create(sess, "POST", path);
  ne_set_request_body_buffer(req, "ping", 4);
  if (ne_begin_request(req) == NE_OK)
    ne_request_destroy(req); // expected-warning {{neon request 'req' is released by ne_request_destroy() before it was read to the end}}
  else
    ne_request_destroy(req); // no warning
}

// ne_request_dispatch() reads the body itself; a request never begun has
// no body.
int dispatch_and_unused(ne_session *sess, const char *path) {
  ne_request *unused = ne_request_create(sess, "GET", path);
  ne_request_destroy(unused); // no warning
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = ne_request_dispatch(req);
  ne_request_destroy(req); // no warning
  return ret;
}

// A helper that reads the body to the end.
static int slurp(ne_request *req, ne_buffer *out) {
  char buf[2048];
  ssize_t n;
  while ((n = ne_read_response_block(req, buf, sizeof buf)) > 0)
    ne_buffer_append(out, buf, (size_t)n);
  return n == 0 ? NE_OK : NE_ERROR;
}

int get_via_helper(ne_session *sess, const char *path, ne_buffer *out) {
  ne_request *req = ne_request_create(sess, "GET", path);
  int ret = ne_begin_request(req);
  if (ret == NE_OK) {
    ret = slurp(req, out);
    if (ret == NE_OK)
      ret = ne_end_request(req); // no warning
  }
  ne_request_destroy(req);
  return ret;
}

// A preview that closes the connection before giving up on the rest: the
// unread bytes go with the socket, and the next request opens a new one.
int preview_and_hang_up(ne_session *sess, const char *path, char *buf,
                        size_t len) {
  ne_request *req = ne_request_create(sess, "GET", path);
  ssize_t n = -1;
  if (ne_begin_request(req) == NE_OK) {
    n = ne_read_response_block(req, buf, len);
    ne_close_connection(sess);
    ne_end_request(req);
  }
  ne_request_destroy(req);
  return (int)n;
}
