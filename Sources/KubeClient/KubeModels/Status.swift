/// The API server's `Status` object (`metav1.Status`), returned with every non-2xx answer and as the
/// object of a watch `ERROR` event.
package struct Status: Codable, Sendable, Hashable, Error {
    package var kind: String?
    package var apiVersion: String?
    package var metadata: ListMeta?
    /// `Success` or `Failure`.
    package var status: String?
    package var message: String?
    /// A machine-readable reason such as `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Expired`.
    package var reason: String?
    package var details: StatusDetails?
    package var code: Int?

    /// Creates a failure status as the API server would send it.
    package init(code: Int, reason: String, message: String, details: StatusDetails? = nil) {
        self.kind = "Status"
        self.apiVersion = "v1"
        self.metadata = ListMeta()
        self.status = "Failure"
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

/// Extra detail of a `Status`: which object, and for `Invalid` the per-field causes.
package struct StatusDetails: Codable, Sendable, Hashable {
    package var name: String?
    package var group: String?
    package var kind: String?
    package var uid: String?
    package var causes: [StatusCause]?
    package var retryAfterSeconds: Int?

    /// Creates status details.
    package init(
        name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
        causes: [StatusCause]? = nil, retryAfterSeconds: Int? = nil
    ) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// One cause of a failure, usually a field that failed validation.
package struct StatusCause: Codable, Sendable, Hashable {
    /// e.g. `FieldValueInvalid`, `FieldValueRequired`, `FieldValueNotSupported`, `FieldValueTypeInvalid`.
    package var reason: String?
    package var message: String?
    /// The field path, e.g. `spec.driver.version`.
    package var field: String?

    /// Creates a cause.
    package init(reason: String?, message: String?, field: String?) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
