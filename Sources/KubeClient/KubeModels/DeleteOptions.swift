/// The body of a DELETE (`meta/v1` `DeleteOptions`).
package struct DeleteOptions: Codable, Sendable, Hashable {
    /// `v1`.
    package var apiVersion: String? = "v1"
    /// `DeleteOptions`.
    package var kind: String? = "DeleteOptions"
    /// Whether and how dependents are garbage-collected.
    package var propagationPolicy: PropagationPolicy?
    /// Conditions the object must meet to be deleted (else 409 Conflict).
    package var preconditions: Preconditions?
    /// Seconds before the object is removed; `0` deletes immediately.
    package var gracePeriodSeconds: Int64?
    /// `["All"]` for a dry run.
    package var dryRun: [String]?

    /// Creates delete options.
    package init(
        propagationPolicy: PropagationPolicy? = nil, preconditions: Preconditions? = nil,
        gracePeriodSeconds: Int64? = nil, dryRun: [String]? = nil
    ) {
        self.propagationPolicy = propagationPolicy
        self.preconditions = preconditions
        self.gracePeriodSeconds = gracePeriodSeconds
        self.dryRun = dryRun
    }
}

/// How deleting an owner treats its dependents.
package enum PropagationPolicy: String, Codable, Sendable, Hashable {
    /// Leave dependents, removing their owner references.
    case orphan = "Orphan"
    /// Delete the owner now and dependents in the background.
    case background = "Background"
    /// Delete dependents first; the owner goes once they are gone.
    case foreground = "Foreground"
}

/// Conditions a delete must meet (`meta/v1` `Preconditions`).
package struct Preconditions: Codable, Sendable, Hashable {
    /// The object's UID must be this.
    package var uid: String?
    /// The object's resourceVersion must be this.
    package var resourceVersion: String?

    /// Creates preconditions.
    package init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }
}
