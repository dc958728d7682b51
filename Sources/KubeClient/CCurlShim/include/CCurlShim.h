#ifndef CCURLSHIM_H
#define CCURLSHIM_H
#include <curl/curl.h>

/// Calls curl_global_init(CURL_GLOBAL_DEFAULT); must run once before any thread uses libcurl.
CURLcode ccurl_global_init(void);

#endif
