import KubeModels
import Synchronization

/// One version of an object as the store keeps it: the JSON tree, its canonical serialized bytes
/// (computed on first use, outside the cluster actor, and then reused by every GET, LIST and watch
/// event) and the fields the store indexes on.
///
/// Immutable and `Sendable`; a write replaces the whole value.
package struct StoredObject: Sendable {
    /// The complete object, metadata included.
    package let value: JSONValue
    private let serialization: SerializationCache
    /// `value.serialized()`, computed once.
    package var json: [UInt8] { serialization.bytes(of: value) }
    /// The resourceVersion this version was written at.
    package let resourceVersion: Int64
    /// Namespace and name.
    package let key: ObjectKey
    /// `metadata.uid`.
    package let uid: String
    /// `metadata.labels`.
    package let labels: [String: String]

    /// Wraps a complete object; serializes it and extracts the indexed fields.
    /// - Parameters:
    ///   - value: the object, with `metadata.resourceVersion` already set to `resourceVersion`.
    ///   - resourceVersion: the version it is written at.
    package init(value: JSONValue, resourceVersion: Int64) {
        self.value = value
        self.serialization = SerializationCache()
        self.resourceVersion = resourceVersion
        let metadata = value["metadata"]
        self.key = ObjectKey(namespace: metadata?["namespace"]?.stringValue ?? "", name: metadata?["name"]?.stringValue ?? "")
        self.uid = metadata?["uid"]?.stringValue ?? ""
        self.labels = Self.stringMap(metadata?["labels"])
    }

    /// `metadata.annotations`.
    package var annotations: [String: String] { Self.stringMap(value["metadata"]?["annotations"]) }

    /// `metadata.ownerReferences` as typed references (malformed entries skipped).
    package var ownerReferences: [OwnerReference] {
        guard let list = value["metadata"]?["ownerReferences"]?.arrayValue else { return [] }
        return list.compactMap { entry in
            guard let apiVersion = entry["apiVersion"]?.stringValue, let kind = entry["kind"]?.stringValue,
                let name = entry["name"]?.stringValue, let uid = entry["uid"]?.stringValue
            else { return nil }
            return OwnerReference(
                apiVersion: apiVersion, kind: kind, name: name, uid: uid,
                controller: entry["controller"]?.boolValue, blockOwnerDeletion: entry["blockOwnerDeletion"]?.boolValue)
        }
    }

    /// `metadata.finalizers`.
    package var finalizers: [String] {
        value["metadata"]?["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Whether `metadata.deletionTimestamp` is set.
    package var isDeleting: Bool { value["metadata"]?["deletionTimestamp"] != nil }

    /// `metadata.creationTimestamp`, parsed.
    package var creationTimestamp: Timestamp? {
        value["metadata"]?["creationTimestamp"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
    }

    private static func stringMap(_ value: JSONValue?) -> [String: String] {
        guard let members = value?.objectValue else { return [:] }
        var out: [String: String] = [:]
        out.reserveCapacity(members.count)
        for (key, member) in members {
            if let text = member.stringValue { out[key] = text }
        }
        return out
    }
}

/// The lazily computed serialized form of one stored object version.
///
/// - Important: Thread-safe: the first reader serializes under the lock, later readers share the bytes.
private final class SerializationCache: Sendable {
    private let cached = Mutex<[UInt8]?>(nil)

    func bytes(of value: JSONValue) -> [UInt8] {
        cached.withLock { cached in
            if let cached { return cached }
            let bytes = value.serialized()
            cached = bytes
            return bytes
        }
    }
}
