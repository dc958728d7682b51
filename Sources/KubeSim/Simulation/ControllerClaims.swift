import KubeModels

/// The controller-reference decisions of `pkg/controller/controller_ref_manager.go` (`claimObject`),
/// as a pure function: whether a controller adopts an orphan that its selector matches, keeps what
/// it controls, or releases what it controls but no longer matches.
package enum ControllerClaims {
    /// What a controller does with one object in its namespace.
    package enum Decision: Sendable, Hashable {
        /// Controlled by someone else, or an orphan the controller may not adopt: leave it alone.
        case ignore
        /// Controlled by this controller and still selected.
        case keep
        /// An orphan the controller takes: add a controller ownerReference to it.
        case adopt
        /// Controlled by this controller but no longer selected: remove the ownerReference.
        case release
    }

    /// Decides one object.
    /// - Parameters:
    ///   - object: the candidate (a pod or ControllerRevision in the controller's namespace).
    ///   - controllerUID: the controller's uid.
    ///   - controllerIsDeleting: the controller has a `deletionTimestamp` (it neither adopts nor releases).
    ///   - selector: the controller's selector.
    package static func decide(
        _ object: StoredObject, controllerUID: String, controllerIsDeleting: Bool, selector: LabelSelector
    ) -> Decision {
        let matches = selector.matches(object.labels)
        if let controller = controllerReference(of: object) {
            guard controller.uid == controllerUID else { return .ignore }
            if matches { return .keep }
            return controllerIsDeleting ? .ignore : .release
        }
        guard !controllerIsDeleting, matches, !object.isDeleting else { return .ignore }
        return .adopt
    }

    /// The ownerReference with `controller: true`, if any.
    package static func controllerReference(of object: StoredObject) -> OwnerReference? {
        object.ownerReferences.first { $0.controller == true }
    }

    /// An object with a controller ownerReference to `owner` added (the adoption patch: existing
    /// references stay).
    package static func adopting(_ object: JSONValue, by owner: JSONValue) -> JSONValue {
        var references = object["metadata"]?["ownerReferences"]?.arrayValue ?? []
        references.removeAll { $0["uid"] == owner["uid"] }
        references.append(owner)
        return object.setting(["metadata", "ownerReferences"], to: .array(references))
    }

    /// An object without its ownerReferences to `uid` (the release patch, and the garbage
    /// collector's orphaning); `ownerReferences` is dropped when none remain.
    package static func releasing(_ object: JSONValue, from uid: String) -> JSONValue {
        let kept = (object["metadata"]?["ownerReferences"]?.arrayValue ?? []).filter { $0["uid"]?.stringValue != uid }
        return object.setting(["metadata", "ownerReferences"], to: kept.isEmpty ? nil : .array(kept))
    }

    /// The selector of a workload (`spec.selector`); `nil` when it is missing, empty or malformed,
    /// which selects nothing (a controller with such a selector adopts nothing and releases
    /// nothing).
    package static func selector(of workload: JSONValue) -> LabelSelector? {
        guard let object = workload["spec"]?["selector"], let selector = LabelSelector(labelSelectorObject: object), !selector.isEverything
        else { return nil }
        return selector
    }
}
