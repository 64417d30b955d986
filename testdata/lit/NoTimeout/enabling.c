// NoTimeout is off unless named: the package name (-analyzer-checker=
// poolguard, what %analyze and scan-build's -enable-checker poolguard pass)
// leaves it off, naming it turns it on, and the last entry that names it
// wins. In an ordinary build it is off unless enabled by plugin argument.
// RUN: %analyze -verify=package %s
// RUN: %analyze -analyzer-checker=poolguard.NoTimeout -verify=named %s
// RUN: %analyze_plugin -analyzer-checker=poolguard.NoTimeout \
// RUN:   -analyzer-disable-checker=poolguard.NoTimeout -verify=package %s
// RUN: %build -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BUILD --allow-empty
// RUN: %build -fplugin-arg-poolguard-enable=NoTimeout -c %s -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BUILD-ON
// package-no-diagnostics
// BUILD-NOT: warning:
// BUILD-ON: warning: easy handle 'h' performs a request with no timeout {{.*}}[poolguard.NoTimeout]

#include <curl/curl.h>

int fetch(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h); // named-warning {{easy handle 'h' performs a request with no timeout}}
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? 0 : -1;
}
