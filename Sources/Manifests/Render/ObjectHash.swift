import KubeModels

/// The stable hash of a desired object stored in `nvidia.com/last-applied-hash`.
package enum ObjectHash {
    /// FNV-1a (32-bit) of the object's canonical JSON (sorted keys), ignoring the hash annotation itself
    /// and ownerReferences, as a decimal string.
    package static func of(_ object: JSONValue) -> String {
        var stripped = object
        if var metadata = stripped["metadata"] {
            metadata["ownerReferences"] = nil
            if var annotations = metadata["annotations"] {
                annotations[OwnershipLabels.hashAnnotation] = nil
                if annotations.objectValue?.isEmpty == true {
                    metadata["annotations"] = nil
                } else {
                    metadata["annotations"] = annotations
                }
            }
            stripped["metadata"] = metadata
        }
        return String(fnv1a32(stripped.serialized()))
    }

    /// FNV-1a, 32 bits.
    package static func fnv1a32(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }
}
