#define _GNU_SOURCE
#include "CCurlShim.h"
#include <dlfcn.h>
#include <stdint.h>

/// OpenSSL's OPENSSL_INIT_NO_ATEXIT (openssl/crypto.h), spelled out so no OpenSSL headers are needed.
#define CCURL_OPENSSL_INIT_NO_ATEXIT 0x00080000L

/// OpenSSL 3 frees its global state in an atexit handler. The process's request and watch threads may
/// still be inside libcrypto when exit() runs (closing TLS connections as the transport shuts down),
/// and then the handler crashes the exiting process. Asking OpenSSL not to register the handler,
/// before libcurl initializes it, leaves the clean-up to the kernel. OpenSSL is found through the
/// symbols libcurl already loaded; with another TLS library (rejected at start anyway) nothing happens.
static void ccurl_disable_openssl_atexit(void) {
    typedef int (*init_crypto_function)(uint64_t options, const void *settings);
    init_crypto_function init_crypto = (init_crypto_function)dlsym(RTLD_DEFAULT, "OPENSSL_init_crypto");
    if (init_crypto != NULL) {
        init_crypto(CCURL_OPENSSL_INIT_NO_ATEXIT, NULL);
    }
}

CURLcode ccurl_global_init(void) {
    ccurl_disable_openssl_atexit();
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

unsigned int ccurl_version_number(void) { return curl_version_info(CURLVERSION_NOW)->version_num; }

const char *ccurl_version_text(void) { return curl_version_info(CURLVERSION_NOW)->version; }

const char *ccurl_ssl_version_text(void) { return curl_version_info(CURLVERSION_NOW)->ssl_version; }

int ccurl_supports_http2(void) { return (curl_version_info(CURLVERSION_NOW)->features & CURL_VERSION_HTTP2) != 0; }

size_t ccurl_error_buffer_size(void) { return CURL_ERROR_SIZE; }

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = length;
    blob.flags = CURL_BLOB_COPY;
    return curl_easy_setopt(handle, option, &blob);
}

CURLcode ccurl_setopt_write_function(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

CURLcode ccurl_setopt_header_function(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

CURLcode ccurl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

CURLcode ccurl_setopt_opensocket_function(CURL *handle, curl_opensocket_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
}

CURLcode ccurl_setopt_closesocket_function(CURL *handle, curl_closesocket_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_CLOSESOCKETFUNCTION, callback);
}

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
