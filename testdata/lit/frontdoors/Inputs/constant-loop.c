// Ten transfers added to a multi in a loop with a constant bound: the
// requests after the loop are only analyzed when loops are unrolled.
#include <curl/curl.h>
#define N 10
int main(void) {
  CURLM *m = curl_multi_init();
  CURL *h[N];
  int running = 0;
  for (int i = 0; i < N; i++) {
    h[i] = curl_easy_init();
    curl_easy_setopt(h[i], CURLOPT_URL, "https://example.com/");
    curl_multi_add_handle(m, h[i]);
  }
  do {
    curl_multi_perform(m, &running);
    curl_multi_poll(m, NULL, 0, 1000, NULL);
  } while (running);
  for (int i = 0; i < N; i++) {
    curl_multi_remove_handle(m, h[i]);
    curl_easy_cleanup(h[i]);
  }
  curl_multi_cleanup(m);
  return 0;
}
