#!/usr/bin/env bash
# Writes a large, loop- and branch-heavy libcurl client to stdout: N
# functions, each with error paths, a retry loop and a planted leak on one
# error path. Input for bench/run (bounded analysis on huge files).
set -euo pipefail
n=${1:-150}
echo '#include <curl/curl.h>'
echo '#include <stdio.h>'
for i in $(seq 1 "$n"); do
  cat <<EOC
int fetch_$i(const char *url, int retries) {
  struct curl_slist *hdrs = curl_slist_append(NULL, "X-Id: $i");
  CURL *h = curl_easy_init();
  CURLcode rc = CURLE_OK;
  if (!h) {
    curl_slist_free_all(hdrs);
    return -1;
  }
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  for (int attempt = 0; attempt < retries; attempt++) {
    rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
      break;
    if (rc == CURLE_COULDNT_RESOLVE_HOST)
      return -2;
    fprintf(stderr, "retry %d: %s\n", attempt, curl_easy_strerror(rc));
  }
  curl_easy_cleanup(h);
  curl_slist_free_all(hdrs);
  return rc == CURLE_OK ? 0 : -1;
}
EOC
done
