extension APIRequest {
    /// Completes the request for one server: absolute URL, `Accept`, `Content-Type`, `User-Agent`,
    /// `Authorization`, TLS material (an exec plugin's client certificate overrides the configured one),
    /// proxy and timeouts (streams get no total timeout but an idle limit just above the watch timeout).
    /// - Parameters:
    ///   - configuration: server, TLS, proxy, user agent and timeouts.
    ///   - credentials: this request's credentials.
    package func makeHTTPRequest(configuration: ClientConfiguration, credentials: RequestCredentials) -> HTTPRequest {
        var headers = [HTTPHeader("Accept", accept), HTTPHeader("User-Agent", configuration.userAgent)]
        if let contentType { headers.append(HTTPHeader("Content-Type", contentType)) }
        if let authorization = credentials.authorization { headers.append(HTTPHeader("Authorization", authorization)) }
        var tls = configuration.tls
        if let certificate = credentials.clientCertificatePEM, let key = credentials.clientKeyPEM {
            tls.clientCertificatePEM = certificate
            tls.clientKeyPEM = key
        }
        let timeouts: RequestTimeouts
        if isStreaming {
            let serverTimeout =
                query.first { $0.name == "timeoutSeconds" }.flatMap { Int($0.value) }
                .map { Duration.seconds($0) } ?? configuration.timeouts.watchServerTimeout
            timeouts = RequestTimeouts(
                connect: configuration.timeouts.connect, total: nil,
                idle: configuration.timeouts.watchIdle ?? serverTimeout + configuration.timeouts.watchIdleMargin)
        } else {
            timeouts = RequestTimeouts(connect: configuration.timeouts.connect, total: configuration.timeouts.request)
        }
        return HTTPRequest(
            method: method, url: configuration.server + pathAndQuery, headers: headers, body: body, tls: tls,
            proxyURL: configuration.proxyURL, timeouts: timeouts)
    }
}
