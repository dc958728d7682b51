import Foundation

/// Rewrites a request URL so libcurl verifies and sends SNI for `tls-server-name` while still
/// connecting to the URL's real host, using `CURLOPT_CONNECT_TO`.
///
/// libcurl has no separate SNI option: it verifies the certificate against the URL's host. Putting
/// the server name in the URL and mapping `name:port` to the real `host:port` achieves what kubeconfig's
/// `tls-server-name` means. Pure, so it is unit-tested.
package struct TLSServerNameOverride: Sendable, Hashable {
    /// The URL to hand to libcurl.
    package var url: String
    /// The `CONNECT_TO` entry (`name:port:host:port`), or `nil` when no override applies.
    package var connectTo: String?

    /// Computes the URL and connect-to entry.
    /// - Parameters:
    ///   - url: an absolute `http(s)://host[:port]/path?query` URL.
    ///   - serverName: the name to verify, or `nil`.
    package init(url: String, serverName: String?) {
        self.url = url
        self.connectTo = nil
        guard let serverName, !serverName.isEmpty, let schemeEnd = url.range(of: "://") else { return }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        let (host, port) = Self.split(authority: authority, defaultPort: scheme == "http" ? "80" : "443")
        guard host.lowercased() != serverName.lowercased() else { return }
        self.url = "\(scheme)://\(serverName):\(port)\(afterScheme[authorityEnd...])"
        self.connectTo = "\(serverName):\(port):\(host):\(port)"
    }

    private static func split(authority: Substring, defaultPort: String) -> (host: String, port: String) {
        let withoutUser = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        if withoutUser.hasPrefix("["), let close = withoutUser.firstIndex(of: "]") {
            let host = String(withoutUser[...close])
            let rest = withoutUser[withoutUser.index(after: close)...]
            return (host, rest.hasPrefix(":") ? String(rest.dropFirst()) : defaultPort)
        }
        if let colon = withoutUser.lastIndex(of: ":") {
            return (String(withoutUser[..<colon]), String(withoutUser[withoutUser.index(after: colon)...]))
        }
        return (String(withoutUser), defaultPort)
    }
}
