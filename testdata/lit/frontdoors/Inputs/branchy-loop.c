// A loop that branches inside (`if (!h) continue;`) is not unrolled; the
// request after it is only analyzed when loops are widened.
#include <curl/curl.h>
int main(void) {
  for (int i = 0; i < 10; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      continue;
    curl_easy_setopt(h, CURLOPT_URL, "https://example.com/");
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
    curl_easy_perform(h);
    curl_easy_cleanup(h);
  }
  CURL *last = curl_easy_init();
  if (!last)
    return 1;
  curl_easy_setopt(last, CURLOPT_URL, "https://example.com/summary");
  curl_easy_perform(last);
  curl_easy_cleanup(last);
  return 0;
}
