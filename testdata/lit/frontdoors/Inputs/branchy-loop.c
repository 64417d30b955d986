// A handle held across a loop whose body branches: the analyzer does not
// unroll it, and the leak after it must still be found.
#include <curl/curl.h>
int count_positive(const int *v, int n, const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  int positive = 0;
  for (int i = 0; i < 3; i++)
    if (v[i] > 0)
      positive++;
  if (positive > n)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
  return positive;
}
