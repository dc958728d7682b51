import KubeModels

/// Puts a live object in the shape of the rendered one so the two compare by what the operator
/// declares: fields the server defaults or owns are dropped, purely.
package enum LiveComparison {
    /// Metadata the server writes (and the apply adds) that a render never holds.
    static let serverMetadata: Set<String> = [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp",
        "deletionGracePeriodSeconds", "ownerReferences", "finalizers",
    ]

    /// The live object cut down to the fields `desired` declares: objects keep only `desired`'s keys,
    /// lists of equal length are cut element by element, anything else is taken as it is live.
    /// `status` and server-owned metadata never take part.
    package static func project(_ live: JSONValue, onto desired: JSONValue) -> JSONValue {
        guard case .object(var liveMembers) = live, case .object(let desiredMembers) = desired else { return projectValue(live, desired) }
        liveMembers["status"] = nil
        if case .object(var metadata)? = liveMembers["metadata"] {
            for key in serverMetadata { metadata[key] = nil }
            liveMembers["metadata"] = .object(metadata)
        }
        return projectValue(.object(liveMembers), .object(desiredMembers))
    }

    private static func projectValue(_ live: JSONValue, _ desired: JSONValue) -> JSONValue {
        switch (live, desired) {
        case (.object(let liveMembers), .object(let desiredMembers)):
            var out: [String: JSONValue] = [:]
            for (key, wanted) in desiredMembers {
                if let value = liveMembers[key] { out[key] = projectValue(value, wanted) }
            }
            return .object(out)
        case (.array(let liveItems), .array(let desiredItems)) where liveItems.count == desiredItems.count:
            return .array(zip(liveItems, desiredItems).map { projectValue($0, $1) })
        default:
            return live
        }
    }

    /// The rendered object as the diff shows it: its server-owned metadata (none, normally) dropped.
    package static func declared(_ desired: JSONValue) -> JSONValue {
        guard case .object(var members) = desired else { return desired }
        members["status"] = nil
        if case .object(var metadata)? = members["metadata"] {
            for key in serverMetadata { metadata[key] = nil }
            members["metadata"] = .object(metadata)
        }
        return .object(members)
    }
}
