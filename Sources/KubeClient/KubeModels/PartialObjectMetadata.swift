/// An object reduced to its type and metadata (`meta.k8s.io/v1` `PartialObjectMetadata`), as
/// metadata-only lists and watches return it; also decodes from a full object of any kind.
package struct PartialObjectMetadata: Codable, Sendable, Hashable {
    /// The object's API version (`meta.k8s.io/v1` when the server converted it).
    package var apiVersion: String?
    /// The object's kind (`PartialObjectMetadata` when the server converted it).
    package var kind: String?
    /// The metadata.
    package var metadata: ObjectMeta

    /// Creates metadata of an object.
    package init(apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
    }
}
