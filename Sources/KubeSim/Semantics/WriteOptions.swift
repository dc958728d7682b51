import KubeModels

/// How the server treats fields a custom resource's schema does not declare (`fieldValidation`).
package enum FieldValidation: String, Sendable, Hashable {
    /// Drop them silently.
    case ignore = "Ignore"
    /// Drop them and answer with `Warning` headers (the API server's default).
    case warn = "Warn"
    /// Reject the request with 400 BadRequest.
    case strict = "Strict"
}

/// Per-request parameters of a write (create, update, patch, apply, delete).
package struct WriteOptions: Sendable, Hashable {
    /// The field manager recorded in managedFields (`fieldManager`, else derived from the user agent).
    package var fieldManager: String
    /// `dryRun=All`: validate and answer without persisting.
    package var dryRun = false
    /// Unknown-field handling.
    package var fieldValidation: FieldValidation = .warn
    /// Server-side apply `force`.
    package var force = false

    /// Creates options for a manager.
    package init(fieldManager: String, dryRun: Bool = false, fieldValidation: FieldValidation = .warn, force: Bool = false) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
        self.fieldValidation = fieldValidation
        self.force = force
    }
}

/// The answer to a successful write.
package struct WriteOutcome: Sendable {
    /// The object as stored (or as it would be, for a dry run).
    package var object: StoredObject
    /// Whether the write created the object (201 rather than 200).
    package var created: Bool
    /// `Warning` header texts (pruned unknown fields).
    package var warnings: [String]
}

/// The body of a PATCH request, by content type.
package enum PatchBody: Sendable {
    /// `application/merge-patch+json`.
    case merge(JSONValue)
    /// `application/json-patch+json`.
    case json(JSONValue)
    /// `application/strategic-merge-patch+json`.
    case strategic(JSONValue)
    /// `application/apply-patch+yaml` (server-side apply).
    case apply(JSONValue)
}

/// DELETE parameters (query string or `DeleteOptions` body).
package struct DeleteOptions: Sendable, Hashable {
    /// `Foreground`, `Background` or `Orphan`; `nil` uses the resource default (Background).
    package var propagationPolicy: String?
    /// Precondition on `metadata.uid`.
    package var preconditionUID: String?
    /// Precondition on `metadata.resourceVersion`.
    package var preconditionResourceVersion: String?
    /// `dryRun=All`.
    package var dryRun = false

    /// Creates delete options.
    package init(propagationPolicy: String? = nil, preconditionUID: String? = nil, preconditionResourceVersion: String? = nil, dryRun: Bool = false) {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.dryRun = dryRun
    }
}

/// The answer to a DELETE.
package enum DeleteOutcome: Sendable {
    /// The object is gone; carries its last state.
    case deleted(StoredObject)
    /// Finalizers keep the object; carries it with `deletionTimestamp` set.
    case pending(StoredObject)
}

/// LIST and WATCH parameters.
package struct ListOptions: Sendable {
    /// Label selector.
    package var labelSelector = LabelSelector.everything
    /// Field selector.
    package var fieldSelector = FieldSelector.everything
    /// Page size; `nil` or 0 for everything.
    package var limit: Int?
    /// Continue token from a previous page.
    package var continueToken: String?
    /// `resourceVersion` parameter.
    package var resourceVersion: String?
    /// `allowWatchBookmarks`.
    package var allowBookmarks = false
    /// `sendInitialEvents` (streaming list through a watch).
    package var sendInitialEvents = false

    /// Creates options that select everything.
    package init() {}
}
