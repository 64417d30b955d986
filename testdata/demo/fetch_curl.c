/* Fetch a price feed with libcurl: the error paths leak. */
#include <curl/curl.h>
#include <stdio.h>

static size_t sink(char *data, size_t size, size_t nmemb, void *user)
{
  (void)data;
  (void)user;
  return size * nmemb;
}

int fetch_prices(const char *url, const char *token)
{
  struct curl_slist *headers = NULL;
  char auth[256];
  CURL *h = curl_easy_init();
  if(!h)
    return -1;

  snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
  headers = curl_slist_append(headers, auth);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);

  if(curl_easy_perform(h) != CURLE_OK)
    return -1;

  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  return 0;
}

int ping(const char *url)
{
  CURL *h = curl_easy_init();
  CURLcode rc;
  if(!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  if(rc != CURLE_OK)
    fprintf(stderr, "ping: %s\n", curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  return (int)status;
}
