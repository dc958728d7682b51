import KubeModels

/// Serializes stored objects for one request's resource version and negotiated representation
/// (JSON, metadata-only, Table), reusing each object's cached bytes whenever possible.
package struct ObjectEncoding: Sendable {
    /// The addressed resource (its version is what objects are shown as).
    package var resource: APIResource
    /// The representation.
    package var format: ResponseFormat
    /// What Table rows embed.
    package var includeObject: TableRenderer.IncludeObject
    /// For ages in tables.
    package var now: Timestamp

    /// Creates an encoding.
    package init(resource: APIResource, format: ResponseFormat, includeObject: TableRenderer.IncludeObject = .metadata, now: Timestamp) {
        self.resource = resource
        self.format = format
        self.includeObject = includeObject
        self.now = now
    }

    /// An object as JSON in the requested version.
    package func objectJSON(_ object: StoredObject) -> [UInt8] {
        if object.value["apiVersion"]?.stringValue == resource.apiVersion { return object.json }
        return object.value.setting(["apiVersion"], to: .string(resource.apiVersion)).serialized()
    }

    /// One object in the negotiated representation.
    package func object(_ object: StoredObject) -> [UInt8] {
        switch format {
        case .json: return objectJSON(object)
        case .metadata: return TableRenderer.partialMetadata(object.value).serialized()
        case .table: return table([object], listMetadata: .object([:]), includeColumns: true).serialized()
        }
    }

    /// A list page in the negotiated representation.
    package func list(_ page: ListPage) -> [UInt8] {
        var metadata: [String: JSONValue] = ["resourceVersion": .string(String(page.resourceVersion))]
        if let token = page.continueToken { metadata["continue"] = .string(token) }
        if let remaining = page.remainingItemCount { metadata["remainingItemCount"] = .int(remaining) }
        switch format {
        case .table:
            return table(page.items, listMetadata: .object(metadata), includeColumns: true).serialized()
        case .metadata:
            var out = Array(#"{"apiVersion":"meta.k8s.io/v1","items":["#.utf8)
            for (index, item) in page.items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                TableRenderer.partialMetadata(item.value).write(into: &out)
            }
            out.append(contentsOf: #"],"kind":"PartialObjectMetadataList","metadata":"#.utf8)
            JSONValue.object(metadata).write(into: &out)
            out.append(UInt8(ascii: "}"))
            return out
        case .json:
            var out: [UInt8] = []
            out.reserveCapacity(page.items.reduce(256) { $0 + $1.json.count + 1 })
            out.append(contentsOf: #"{"apiVersion":"#.utf8)
            JSONValue.writeString(resource.apiVersion, into: &out)
            out.append(contentsOf: #","items":["#.utf8)
            for (index, item) in page.items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: objectJSON(item))
            }
            out.append(contentsOf: #"],"kind":"#.utf8)
            JSONValue.writeString(resource.listKind, into: &out)
            out.append(contentsOf: #","metadata":"#.utf8)
            JSONValue.object(metadata).write(into: &out)
            out.append(UInt8(ascii: "}"))
            return out
        }
    }

    /// One watch event line (with its trailing newline).
    /// - Parameter isFirst: whether this is the first event of the stream (Tables carry column
    ///   definitions only then).
    package func watchEvent(_ type: WatchEventType, _ object: StoredObject, isFirst: Bool) -> [UInt8] {
        var out = Array(#"{"type":""#.utf8)
        out.append(contentsOf: type.rawValue.utf8)
        out.append(contentsOf: #"","object":"#.utf8)
        switch format {
        case .json: out.append(contentsOf: objectJSON(object))
        case .metadata: TableRenderer.partialMetadata(object.value).write(into: &out)
        case .table:
            table([object], listMetadata: ["resourceVersion": .string(String(object.resourceVersion))], includeColumns: isFirst).write(into: &out)
        }
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    /// A `BOOKMARK` event line.
    package func bookmark(resourceVersion: Int64, initialEventsEnd: Bool) -> [UInt8] {
        var metadata: [String: JSONValue] = ["resourceVersion": .string(String(resourceVersion)), "creationTimestamp": .null]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        let object: JSONValue
        switch format {
        case .json: object = ["apiVersion": .string(resource.apiVersion), "kind": .string(resource.type.kind), "metadata": .object(metadata)]
        case .metadata, .table: object = ["apiVersion": "meta.k8s.io/v1", "kind": "PartialObjectMetadata", "metadata": .object(metadata)]
        }
        var out = JSONValue.object(["type": "BOOKMARK", "object": object]).serialized()
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// An `ERROR` event line carrying a Status.
    package static func errorEvent(_ error: APIError) -> [UInt8] {
        var out = Array(#"{"type":"ERROR","object":"#.utf8)
        out.append(contentsOf: StatusEncoding.bytes(error.status))
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    private func table(_ objects: [StoredObject], listMetadata: JSONValue, includeColumns: Bool) -> JSONValue {
        let values = objects.map { $0.value.setting(["apiVersion"], to: .string(resource.apiVersion)) }
        return TableRenderer.table(
            resource: resource, objects: values, now: now, includeObject: includeObject,
            includeColumns: includeColumns, listMetadata: listMetadata)
    }
}

/// Serializes `Status` bodies.
package enum StatusEncoding {
    /// A Status as JSON bytes.
    package static func bytes(_ status: Status) -> [UInt8] {
        do {
            return try JSONValue(encoding: status).serialized()
        } catch {
            return Array(
                #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"internal error encoding status","reason":"InternalError","code":500}"#
                    .utf8)
        }
    }

    /// A success Status for a deleted object.
    package static func deleted(_ object: StoredObject, resource: APIResource) -> [UInt8] {
        let status: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success",
            "details": [
                "name": .string(object.key.name), "group": .string(resource.type.group),
                "kind": .string(resource.type.plural), "uid": .string(object.uid),
            ],
        ]
        return status.serialized()
    }
}
