import KubeModels

/// A failed Kubernetes API call: the API server's answer (a ``Status``), or why no usable answer came.
///
/// ``reason`` is what callers branch on (`catch let error as KubeError where error.reason == .conflict`,
/// or the `is…` shorthands); ``status`` carries the server's own explanation, including per-field
/// causes for `Invalid` and `retryAfterSeconds`; ``underlying`` carries a transport or decoding cause.
package struct KubeError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    package enum Reason: Sendable, Hashable {
        /// 400: the request was malformed.
        case badRequest
        /// 401: no or bad credentials.
        case unauthorized
        /// 403: the credentials may not do this.
        case forbidden
        /// 404: the object or collection does not exist.
        case notFound
        /// 405: the verb is not supported on this resource.
        case methodNotAllowed
        /// 409 `AlreadyExists`: create of an object that exists.
        case alreadyExists
        /// 409 `Conflict`: the resourceVersion or a precondition did not match.
        case conflict
        /// 410 `Gone`/`Expired`: the resourceVersion (or continue token) is too old; re-list.
        case gone
        /// 415: the patch or body content type is not supported.
        case unsupportedMediaType
        /// 422 `Invalid`: validation failed; see ``KubeError/causes``.
        case invalid
        /// 429: API Priority and Fairness rejected the request; see ``KubeError/retryAfter``.
        case tooManyRequests
        /// 5xx: the server failed (`InternalError`, `ServiceUnavailable`, `Timeout`, …).
        case serverError
        /// Another HTTP status.
        case unexpectedStatus
        /// No HTTP answer: connection, TLS or timeout failure; see ``KubeError/underlying``.
        case transport
        /// The answer could not be decoded as the expected type.
        case decoding
        /// The object to send could not be encoded.
        case encoding
        /// Credentials could not be obtained (token file unreadable, exec plugin failed).
        case authentication
    }

    /// The failure kind.
    package var reason: Reason
    /// The HTTP status code, when the server answered.
    package var code: Int?
    /// The server's `Status` body (synthesized from the status line when the body was not a Status).
    package var status: Status?
    /// How long the server asked us to wait (429/503 `Retry-After`, or `details.retryAfterSeconds`).
    package var retryAfter: Duration?
    /// Method and path of the request that failed (never credentials).
    package var request: String?
    /// The lower-level cause: a ``CurlError``, a `DecodingError`, a ``ConfigurationError``.
    package var underlying: (any Error)?

    /// Creates an error.
    package init(
        reason: Reason, code: Int? = nil, status: Status? = nil, retryAfter: Duration? = nil,
        request: String? = nil, underlying: (any Error)? = nil
    ) {
        self.reason = reason
        self.code = code
        self.status = status
        self.retryAfter = retryAfter
        self.request = request
        self.underlying = underlying
    }

    /// The server's message, or the underlying error's description.
    package var message: String {
        if let message = status?.message, !message.isEmpty { return message }
        if let underlying { return String(describing: underlying) }
        if let code { return "HTTP \(code)" }
        return "\(reason)"
    }

    /// Per-field validation failures of an `Invalid` answer.
    package var causes: [StatusCause] { status?.details?.causes ?? [] }

    /// Whether the object did not exist.
    package var isNotFound: Bool { reason == .notFound }
    /// Whether a create hit an existing object.
    package var isAlreadyExists: Bool { reason == .alreadyExists }
    /// Whether an update lost a resourceVersion race or a precondition failed.
    package var isConflict: Bool { reason == .conflict }
    /// Whether the resourceVersion expired (re-list needed).
    package var isGone: Bool { reason == .gone }
    /// Whether validation rejected the object.
    package var isInvalid: Bool { reason == .invalid }

    /// `<request>: <reason> (<code>): <message>[; field: cause …]`.
    package var description: String {
        var text = request.map { "\($0): " } ?? ""
        text += "\(reason)"
        if let code { text += " (\(code))" }
        text += ": \(message)"
        let fieldCauses = causes.compactMap { cause -> String? in
            guard let field = cause.field else { return cause.message }
            return "\(field): \(cause.message ?? cause.reason ?? "invalid")"
        }
        if !fieldCauses.isEmpty { text += "; " + fieldCauses.joined(separator: "; ") }
        return text
    }
}
