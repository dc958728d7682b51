import CCurlShim

/// Typed `curl_easy_setopt` calls that remember the first failure, so configuring a transfer reads
/// as a list of options and is checked once.
struct CurlOptionSetter {
    private let handle: UnsafeMutableRawPointer
    /// The first non-OK result, or `CURLE_OK`.
    private(set) var firstError = CURLE_OK

    /// Creates a setter for one easy handle.
    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
    }

    private mutating func record(_ code: CURLcode) {
        if firstError == CURLE_OK, code != CURLE_OK { firstError = code }
    }

    /// Sets a `long` option.
    mutating func long(_ option: CURLoption, _ value: Int) {
        record(ccurl_setopt_long(handle, option, value))
    }

    /// Sets a `curl_off_t` option.
    mutating func offset(_ option: CURLoption, _ value: Int64) {
        record(ccurl_setopt_off_t(handle, option, curl_off_t(value)))
    }

    /// Sets a string option; libcurl copies it.
    mutating func string(_ option: CURLoption, _ value: String) {
        let code = value.withCString { ccurl_setopt_string(handle, option, $0) }
        record(code)
    }

    /// Sets `CURLOPT_COPYPOSTFIELDS` from bytes (libcurl copies them); `POSTFIELDSIZE_LARGE` must already
    /// be set to `bytes.count`, so the bytes may contain NUL.
    mutating func copyPostFields(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else {
            string(CURLOPT_COPYPOSTFIELDS, "")
            return
        }
        let code = bytes.withUnsafeBytes { buffer in
            ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
        }
        record(code)
    }

    /// Sets a pointer option.
    mutating func pointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        record(ccurl_setopt_pointer(handle, option, value))
    }

    /// Sets a list option; the list must outlive the transfer.
    mutating func slist(_ option: CURLoption, _ value: UnsafeMutablePointer<curl_slist>?) {
        record(ccurl_setopt_slist(handle, option, value))
    }

    /// Sets a `*_BLOB` option; libcurl copies the bytes.
    mutating func blob(_ option: CURLoption, _ bytes: [UInt8]) {
        let code = bytes.withUnsafeBytes { ccurl_setopt_blob(handle, option, $0.baseAddress, $0.count) }
        record(code)
    }

    /// Sets the write callback.
    mutating func writeFunction(_ callback: curl_write_callback) {
        record(ccurl_setopt_write_function(handle, callback))
    }

    /// Sets the header callback.
    mutating func headerFunction(_ callback: curl_write_callback) {
        record(ccurl_setopt_header_function(handle, callback))
    }

    /// Sets the progress callback.
    mutating func progressFunction(_ callback: curl_xferinfo_callback) {
        record(ccurl_setopt_xferinfo_function(handle, callback))
    }

    /// Sets the socket open and close callbacks.
    mutating func socketFunctions(open: curl_opensocket_callback, close: curl_closesocket_callback) {
        record(ccurl_setopt_opensocket_function(handle, open))
        record(ccurl_setopt_closesocket_function(handle, close))
    }
}
