/// How status messages name a list of things (nodes, objects, pods) without growing with the cluster.
package enum NameList {
    /// The first `limit` names joined with ", ", followed by " and N more" when some were left out.
    package static func abbreviated(_ names: [String], limit: Int) -> String {
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
    }
}
