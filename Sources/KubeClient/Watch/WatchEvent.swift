import KubeModels

/// One event of a raw watch stream.
package enum WatchEvent<Object: Sendable>: Sendable {
    /// The object was created (or, at the start of a watch without resourceVersion, exists).
    case added(Object)
    /// The object changed.
    case modified(Object)
    /// The object was deleted; this is its last state.
    case deleted(Object)
    /// Nothing changed, but the collection is now at this resourceVersion.
    case bookmark(resourceVersion: String)
    /// The server ended the watch with a failure, e.g. 410 Expired.
    case error(Status)
}

extension WatchEvent: Equatable where Object: Equatable {}

/// Decodes watch lines: the `{type, object}` envelope and its object in one pass over one tree.
package enum WatchEventDecoding {
    /// Decodes one line of a watch body.
    /// - Parameters:
    ///   - line: one JSON document.
    ///   - type: the object type of `ADDED`/`MODIFIED`/`DELETED` events.
    /// - Throws: ``JSONParseError`` when the line is not JSON, `DecodingError` when it is not a watch
    ///   event of `type`.
    package static func decode<Object: Decodable & Sendable>(
        _ line: [UInt8], as type: Object.Type
    ) throws
        -> WatchEvent<Object>
    {
        try JSONEncoding.decode(Envelope<Object>.self, from: line).event
    }

    private struct Envelope<Object: Decodable & Sendable>: Decodable, SkipsUnreadMembers {
        /// The object's unread members: the parser meets them inside `object`, under the same parents.
        static var unreadMembers: UnreadMembers { .of(Object.self) }

        var event: WatchEvent<Object>

        enum CodingKeys: String, CodingKey { case type, object }

        /// Decodes the type, then the object as the type says.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(WatchEventType.self, forKey: .type) {
            case .added: event = .added(try container.decode(Object.self, forKey: .object))
            case .modified: event = .modified(try container.decode(Object.self, forKey: .object))
            case .deleted: event = .deleted(try container.decode(Object.self, forKey: .object))
            case .error: event = .error(try container.decode(Status.self, forKey: .object))
            case .bookmark:
                let object = try container.decode(PartialObjectMetadata.self, forKey: .object)
                event = .bookmark(resourceVersion: object.metadata.resourceVersion ?? "")
            }
        }
    }
}
