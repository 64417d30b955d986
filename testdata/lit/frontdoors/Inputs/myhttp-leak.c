// Uses the "myhttp" wrapper library of ../../rules/Inputs/myhttp-kinds.yaml
// and myhttp-functions.yaml: a body from my_http_get() and a libcurl easy
// handle from my_http_client_new(), each leaked on one path.
#include <curl/curl.h>
struct my_http_body;
struct my_http_body *my_http_get(const char *url);
void my_http_free(struct my_http_body *b);
int my_http_status(struct my_http_body *b);
CURL *my_http_client_new(void);

int fetch(const char *url) {
  struct my_http_body *b = my_http_get(url);
  if (!b)
    return -1;
  if (my_http_status(b) != 200)
    return -1;
  my_http_free(b);
  return 0;
}

int client(void) {
  CURL *c = my_http_client_new();
  if (!c)
    return -1;
  return curl_easy_perform(c);
}
