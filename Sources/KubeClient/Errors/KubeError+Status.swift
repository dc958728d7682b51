import Foundation
import KubeModels

extension KubeError {
    /// Maps a non-2xx answer to an error: decodes the body as a `Status` (synthesizing one from the
    /// status code and body text when it is not a Status), classifies it and reads `Retry-After`.
    /// - Parameters:
    ///   - response: the answer.
    ///   - request: method and path, for the message.
    package init(response: HTTPResponse, request: String?) {
        let decoded = Self.decodeStatus(response.body)
        let status: Status
        if let decoded, decoded.kind == "Status" || decoded.reason != nil || decoded.code != nil {
            status = decoded
        } else {
            let text = String(decoding: response.body.prefix(512), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            status = Status(
                code: response.status, reason: Self.defaultStatusReason(forCode: response.status),
                message: text.isEmpty ? "HTTP \(response.status)" : text)
        }
        let retryAfter =
            Self.parseRetryAfter(response.headers["retry-after"])
            ?? status.details?.retryAfterSeconds.map { Duration.seconds($0) }
        self.init(
            reason: Self.classify(code: response.status, statusReason: status.reason), code: response.status,
            status: status, retryAfter: retryAfter, request: request)
    }

    /// The body as a `Status`, or `nil` when it is something else (a proxy's HTML page, plain text), in
    /// which case the caller synthesizes one from the status code.
    private static func decodeStatus(_ body: [UInt8]) -> Status? {
        do {
            return try JSONEncoding.decode(Status.self, from: body)
        } catch {
            return nil
        }
    }

    /// Maps a `Status` received as a watch `ERROR` event (where there is no HTTP status line).
    /// - Parameters:
    ///   - status: the event's object.
    ///   - request: method and path of the watch.
    package init(status: Status, request: String?) {
        let code = status.code ?? 500
        self.init(
            reason: Self.classify(code: code, statusReason: status.reason), code: code, status: status,
            retryAfter: status.details?.retryAfterSeconds.map { Duration.seconds($0) }, request: request)
    }

    /// Classifies an answer by its `Status.reason` first (it disambiguates 409) and its code second.
    /// - Parameters:
    ///   - code: the HTTP status code (or `Status.code`).
    ///   - statusReason: the `Status.reason`, e.g. `AlreadyExists`, `Expired`.
    package static func classify(code: Int, statusReason: String?) -> Reason {
        switch statusReason {
        case "NotFound": return .notFound
        case "AlreadyExists": return .alreadyExists
        case "Conflict": return .conflict
        case "Invalid": return .invalid
        case "Gone", "Expired": return .gone
        case "Forbidden": return .forbidden
        case "Unauthorized": return .unauthorized
        case "TooManyRequests": return .tooManyRequests
        case "MethodNotAllowed": return .methodNotAllowed
        case "UnsupportedMediaType": return .unsupportedMediaType
        default: break
        }
        switch code {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 409: return .conflict
        case 410: return .gone
        case 415: return .unsupportedMediaType
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 500...599: return .serverError
        default: return .unexpectedStatus
        }
    }

    /// The `Status.reason` the API server would send for a bare HTTP status code.
    package static func defaultStatusReason(forCode code: Int) -> String {
        switch code {
        case 400: "BadRequest"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 409: "Conflict"
        case 410: "Gone"
        case 415: "UnsupportedMediaType"
        case 422: "Invalid"
        case 429: "TooManyRequests"
        case 503: "ServiceUnavailable"
        case 504: "Timeout"
        case 500...599: "InternalError"
        default: "Unknown"
        }
    }

    /// Parses a `Retry-After` header given in seconds (the form the API server uses).
    /// - Returns: the delay, or `nil` when absent or not a non-negative number of seconds.
    package static func parseRetryAfter(_ header: String?) -> Duration? {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        if let seconds = Double(trimmed), seconds >= 0, seconds.isFinite { return .milliseconds(Int(seconds * 1000)) }
        return nil
    }
}
