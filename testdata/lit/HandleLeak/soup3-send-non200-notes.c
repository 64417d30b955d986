// Path notes for a libsoup 3 response stream that leaks when the status is
// not 200 (the evolution-data-server pattern: the error is set from the
// status and the function returns without unreffing the stream that
// soup_session_send() handed out).
// RUN: %analyze_plugin -analyzer-checker=poolguard.HandleLeak %soup3 -analyzer-output=text -verify %s

#include <libsoup/soup.h>

GInputStream *eds_send_and_check(SoupSession *session, SoupMessage *message,
                                 GCancellable *cancellable, GError **error) {
  GInputStream *input_stream;

  input_stream = soup_session_send(session, message, cancellable, error); // expected-note {{response stream acquired by soup_session_send()}}
  if (!input_stream) // expected-note {{Assuming 'input_stream' is non-null}} expected-note {{Taking false branch}}
    return NULL;

  // SOUP_STATUS_IS_SUCCESSFUL(s) is ((s) >= 200 && (s) < 300).
  if (!SOUP_STATUS_IS_SUCCESSFUL(soup_message_get_status(message))) { // expected-note {{Assuming the condition is false}} expected-note {{Left side of '&&' is false}} expected-note {{Taking true branch}}
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "Failed with HTTP error %d: %s",
                soup_message_get_status(message), soup_message_get_reason_phrase(message));
    // expected-warning@+2 {{response stream 'input_stream' from soup_session_send() is not released on this path (missing g_object_unref())}}
    // expected-note@+1 {{response stream 'input_stream' from soup_session_send() is not released on this path (missing g_object_unref())}}
    return NULL;
  }

  return input_stream;
}
