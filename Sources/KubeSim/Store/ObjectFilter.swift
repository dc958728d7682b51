import KubeModels

/// Which objects of a collection a LIST or WATCH selects: namespace, label and field selectors.
package struct ObjectFilter: Sendable {
    /// Restricts to one namespace; `nil` selects every namespace.
    package var namespace: String?
    /// Label selector.
    package var labels: LabelSelector
    /// Field selector.
    package var fields: FieldSelector

    /// Creates a filter.
    package init(namespace: String?, labels: LabelSelector = .everything, fields: FieldSelector = .everything) {
        self.namespace = namespace
        self.labels = labels
        self.fields = fields
    }

    /// Whether `object` is selected.
    package func matches(_ object: StoredObject) -> Bool {
        if let namespace, object.key.namespace != namespace { return false }
        if let name = fields.pinnedName, object.key.name != name { return false }
        if !labels.isEverything, !labels.matches(object.labels) { return false }
        if !fields.isEverything, !fields.matches(object.value) { return false }
        return true
    }

    /// What a watcher with this filter sees of a committed event: the event type (possibly
    /// translated when the change moves the object into or out of the selection), or `nil`.
    package func translate(_ event: StoredEvent) -> WatchEventType? {
        switch event.type {
        case .added:
            return matches(event.object) ? .added : nil
        case .deleted:
            return matches(event.previous ?? event.object) ? .deleted : nil
        default:
            let now = matches(event.object)
            let before = event.previous.map(matches) ?? false
            switch (before, now) {
            case (true, true): return .modified
            case (false, true): return .added
            case (true, false): return .deleted
            case (false, false): return nil
            }
        }
    }
}
