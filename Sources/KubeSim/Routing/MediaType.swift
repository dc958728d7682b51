/// The response representations KubeSim can produce, negotiated from the `Accept` header.
package enum ResponseFormat: Sendable, Hashable {
    /// The object(s) as JSON.
    case json
    /// `PartialObjectMetadata` / `PartialObjectMetadataList`.
    case metadata
    /// A `meta.k8s.io` `Table`.
    case table

    /// Picks the first acceptable representation of an `Accept` header.
    /// - Returns: `nil` when nothing acceptable is offered (406).
    package static func negotiate(_ accept: String?) -> ResponseFormat? {
        guard let accept, !accept.isEmpty else { return .json }
        for candidate in accept.split(separator: ",") {
            let parts = candidate.split(separator: ";").map { String($0).trimming(" ") }
            guard let type = parts.first?.lowercased() else { continue }
            var parameters: [String: String] = [:]
            for part in parts.dropFirst() {
                let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimming(" ") }
                if pair.count == 2 { parameters[pair[0].lowercased()] = pair[1] }
            }
            guard type == "application/json" || type == "*/*" || type == "application/*" else { continue }
            switch parameters["as"] {
            case nil: return .json
            case "Table" where parameters["g"] == "meta.k8s.io": return .table
            case "PartialObjectMetadata", "PartialObjectMetadataList": return .metadata
            default: continue
            }
        }
        return nil
    }
}

/// The patch kinds a `Content-Type` selects.
package enum PatchContentType: String, Sendable, CaseIterable {
    /// RFC 7386.
    case merge = "application/merge-patch+json"
    /// RFC 6902.
    case json = "application/json-patch+json"
    /// Strategic merge patch.
    case strategic = "application/strategic-merge-patch+json"
    /// Server-side apply.
    case apply = "application/apply-patch+yaml"

    /// Reads a `Content-Type` header (parameters ignored).
    package init?(header: String?) {
        guard let header else { return nil }
        let type = header.split(separator: ";").first.map { String($0).trimming(" ").lowercased() } ?? ""
        self.init(rawValue: type)
    }
}
