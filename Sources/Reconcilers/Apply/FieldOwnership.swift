import KubeModels

/// Reads `metadata.managedFields` (server-side apply's record of who set which fields).
package enum FieldOwnership {
    /// Whether `manager` has an `Apply` entry: the object was created or adopted by that field
    /// manager's server-side apply. `Update` entries (a plain create, update or patch, which is how
    /// upstream's operator and `kubectl create` write) do not count.
    /// - Parameters:
    ///   - managedFields: the object's `metadata.managedFields`, as the server sent them.
    ///   - manager: the field manager's name.
    package static func hasApplied(_ managedFields: [JSONValue]?, manager: String) -> Bool {
        (managedFields ?? []).contains { entry in
            entry["manager"]?.stringValue == manager && entry["operation"]?.stringValue == "Apply"
        }
    }
}
