#ifndef CCURLSHIM_H
#define CCURLSHIM_H
#include <curl/curl.h>
#include <stddef.h>

/// Calls curl_global_init(CURL_GLOBAL_DEFAULT), first telling OpenSSL not to clean up in an atexit
/// handler (see shim.c); must run once before any thread uses libcurl.
CURLcode ccurl_global_init(void);

/// The running libcurl's version as 0xXXYYZZ (major, minor, patch), from curl_version_info(CURLVERSION_NOW).
unsigned int ccurl_version_number(void);

/// The running libcurl's version text, e.g. "7.88.1".
const char *ccurl_version_text(void);

/// The TLS backend libcurl was built with, e.g. "OpenSSL/3.0.11"; NULL when built without TLS.
const char *ccurl_ssl_version_text(void);

/// Whether the running libcurl supports HTTP/2.
int ccurl_supports_http2(void);

/// The size an error buffer handed to CURLOPT_ERRORBUFFER must have (CURL_ERROR_SIZE).
size_t ccurl_error_buffer_size(void);

/// Sets an option that takes a C `long`.
CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);

/// Sets an option that takes a `curl_off_t`.
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);

/// Sets an option that takes a NUL-terminated string (libcurl copies it, except POSTFIELDS).
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);

/// Sets an option that takes an opaque pointer (WRITEDATA, HEADERDATA, XFERINFODATA, ERRORBUFFER).
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);

/// Sets an option that takes a `struct curl_slist *` (HTTPHEADER, CONNECT_TO); the list must outlive the transfer.
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

/// Sets a `*_BLOB` option from memory with CURL_BLOB_COPY, so `data` only needs to live for this call.
CURLcode ccurl_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);

/// Sets CURLOPT_WRITEFUNCTION.
CURLcode ccurl_setopt_write_function(CURL *handle, curl_write_callback callback);

/// Sets CURLOPT_HEADERFUNCTION.
CURLcode ccurl_setopt_header_function(CURL *handle, curl_write_callback callback);

/// Sets CURLOPT_XFERINFOFUNCTION.
CURLcode ccurl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback);

/// Sets CURLOPT_OPENSOCKETFUNCTION.
CURLcode ccurl_setopt_opensocket_function(CURL *handle, curl_opensocket_callback callback);

/// Sets CURLOPT_CLOSESOCKETFUNCTION.
CURLcode ccurl_setopt_closesocket_function(CURL *handle, curl_closesocket_callback callback);

/// Reads a `long` transfer info (e.g. CURLINFO_RESPONSE_CODE).
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);

#endif
