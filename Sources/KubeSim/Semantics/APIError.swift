import KubeModels

/// A failed API request as the Kubernetes API server reports it: an HTTP status code and the
/// `Status` body, plus any extra response headers (`Retry-After`).
///
/// This is the one error type of KubeSim's API layer; every store, patch and validation failure is
/// turned into one of these, so the HTTP edge only serializes `status`.
package struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `Status` body, with `code` set to the HTTP status code.
    package var status: Status
    /// Extra response headers, e.g. `Retry-After`.
    package var headers: [String: String]

    /// Creates an error from a status body.
    package init(_ status: Status, headers: [String: String] = [:]) {
        self.status = status
        self.headers = headers
    }

    /// Creates an error from its parts.
    package init(code: Int, reason: String, message: String, details: StatusDetails? = nil) {
        self.init(Status(code: code, reason: reason, message: message, details: details))
    }

    /// The HTTP status code.
    package var code: Int { status.code ?? 500 }

    /// `<code> <reason>: <message>`.
    package var description: String { "\(code) \(status.reason ?? ""): \(status.message ?? "")" }

    /// 404 for a named object of a resource (`pods "x" not found`).
    package static func notFound(_ resource: GroupResource, name: String) -> APIError {
        APIError(
            code: 404, reason: "NotFound", message: "\(resource) \"\(name)\" not found",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource))
    }

    /// 404 for a path the server does not serve.
    package static func pathNotFound() -> APIError {
        APIError(
            code: 404, reason: "NotFound", message: "the server could not find the requested resource",
            details: StatusDetails(causes: [StatusCause(reason: "UnexpectedServerResponse", message: "404 page not found", field: nil)]))
    }

    /// 409 AlreadyExists.
    package static func alreadyExists(_ resource: GroupResource, name: String) -> APIError {
        APIError(
            code: 409, reason: "AlreadyExists", message: "\(resource) \"\(name)\" already exists",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource))
    }

    /// 409 Conflict with a custom message (stale resourceVersion, failed precondition).
    package static func conflict(_ resource: GroupResource, name: String, message: String, causes: [StatusCause]? = nil) -> APIError {
        APIError(
            code: 409, reason: "Conflict", message: message,
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource, causes: causes))
    }

    /// 409 Conflict for a stale `resourceVersion`.
    package static func staleResourceVersion(_ resource: GroupResource, name: String) -> APIError {
        conflict(
            resource, name: name,
            message:
                "Operation cannot be fulfilled on \(resource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again"
        )
    }

    /// 422 Invalid with per-field causes; the message lists them as the API server does.
    package static func invalid(kind: String, group: String, name: String, causes: [StatusCause]) -> APIError {
        let qualified = group.isEmpty ? kind : "\(kind).\(group)"
        let parts = causes.map { cause in
            let field = cause.field.map { "\($0): " } ?? ""
            return field + (cause.message ?? "")
        }
        let list = parts.count == 1 ? parts[0] : "[" + parts.joined(separator: ", ") + "]"
        return APIError(
            code: 422, reason: "Invalid", message: "\(qualified) \"\(name)\" is invalid: \(list)",
            details: StatusDetails(name: name, group: group, kind: kind, causes: causes))
    }

    /// 422 with a plain message (e.g. a JSON patch that cannot be applied).
    package static func unprocessable(_ message: String) -> APIError {
        APIError(code: 422, reason: "Invalid", message: message)
    }

    /// 400 BadRequest.
    package static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    /// 401 Unauthorized.
    package static let unauthorized = APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    /// 403 Forbidden.
    package static func forbidden(_ message: String) -> APIError {
        APIError(code: 403, reason: "Forbidden", message: message)
    }

    /// 405 MethodNotAllowed.
    package static func methodNotAllowed(_ method: String) -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource")
    }

    /// 406 NotAcceptable.
    package static func notAcceptable(_ accept: String) -> APIError {
        APIError(
            code: 406, reason: "NotAcceptable",
            message: "only the following media types are accepted: application/json, application/yaml (requested \(accept))")
    }

    /// 410 Gone with reason `Expired` (a watch or continue token older than the history window).
    package static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }

    /// 415 UnsupportedMediaType.
    package static func unsupportedMediaType(_ contentType: String, accepted: [String]) -> APIError {
        APIError(
            code: 415, reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format - accepted media types include: " + accepted.joined(separator: ", "))
    }

    /// 429 TooManyRequests with a `Retry-After` header.
    package static func tooManyRequests(retryAfterSeconds: Int) -> APIError {
        APIError(
            Status(
                code: 429, reason: "TooManyRequests", message: "the server has received too many requests and has asked us to try again later",
                details: StatusDetails(retryAfterSeconds: retryAfterSeconds)),
            headers: ["Retry-After": String(retryAfterSeconds)])
    }

    /// 500 InternalError.
    package static func internalError(_ message: String) -> APIError {
        APIError(
            code: 500, reason: "InternalError", message: "Internal error occurred: \(message)",
            details: StatusDetails(causes: [StatusCause(reason: "", message: message, field: nil)]))
    }

    /// 503 ServiceUnavailable.
    package static func serviceUnavailable(_ message: String = "the server is currently unable to handle the request") -> APIError {
        APIError(code: 503, reason: "ServiceUnavailable", message: message)
    }
}
