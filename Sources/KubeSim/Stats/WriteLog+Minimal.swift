import KubeModels

extension WriteLog {
    /// The least a client must send to reach the state a recorded client reached: the
    /// benchmark's write floor (`bench/WriteFloor` replays it).
    package struct MinimalWrites: Sendable, Hashable {
        /// Object writes (applies, creates, deletes), one per object, in the order first seen.
        package var objects: [Entry]
        /// One merge patch per node: every patch the client sent to the node, composed.
        package var nodes: [Entry]
        /// One status write per object whose status was written: the patches composed.
        package var statuses: [Entry]
        /// The DaemonSets the object writes create or change (`namespace/name`).
        package var daemonSets: [String]

        /// The uid of the owner the objects name in their ownerReferences with `kind`, if any.
        /// - Throws: `JSONParseError` when an object write is not JSON.
        package func ownerUID(kind: String) throws(JSONParseError) -> String? {
            for entry in objects {
                let body = try JSONValue(parsingUTF8: Array(entry.body.utf8))
                let owners = body["metadata"]?["ownerReferences"]?.arrayValue ?? []
                if let owner = owners.first(where: { $0["kind"]?.stringValue == kind }) { return owner["uid"]?.stringValue }
            }
            return nil
        }

        /// The same writes with every occurrence of one uid replaced: replayed against another
        /// server, objects must name the owner that exists there, or its garbage collector deletes them.
        package func replacingUID(_ old: String, with new: String) -> MinimalWrites {
            func replace(_ entries: [Entry]) -> [Entry] {
                entries.map { entry in
                    var entry = entry
                    entry.body = entry.body.replacing(old, with: new)
                    return entry
                }
            }
            return MinimalWrites(objects: replace(objects), nodes: replace(nodes), statuses: replace(statuses), daemonSets: daemonSets)
        }
    }

    /// Reduces recorded writes to the minimal ones: keeps only those of clients whose User-Agent
    /// starts with `userAgentPrefix`, drops Events and Leases (bookkeeping, not state), keeps the
    /// last apply per object, and composes successive JSON merge patches of one path (RFC 7386),
    /// so a node patched twice is patched once with both changes.
    /// - Parameters:
    ///   - entries: the log, in the order the server answered.
    ///   - userAgentPrefix: whose writes count, e.g. `swift-gpu-operator/`.
    /// - Throws: `JSONParseError` when a merge patch to compose is not JSON.
    package static func minimal(_ entries: [Entry], userAgentPrefix: String) throws(JSONParseError) -> MinimalWrites {
        var order: [String] = []
        var byPath: [String: Entry] = [:]
        for entry in entries where entry.userAgent?.hasPrefix(userAgentPrefix) == true {
            if entry.path.contains("/events") || entry.path.contains("/leases") { continue }
            // Creates go to the collection path; each created object is its own write.
            let key = entry.method == "POST" ? "\(entry.path)#\(order.count)" : entry.path
            if let previous = byPath[key], previous.method == "PATCH", entry.method == "PATCH",
                previous.contentType == mergePatch, entry.contentType == mergePatch
            {
                var composed = entry
                composed.body = try compose(previous.body, entry.body)
                byPath[key] = composed
                continue
            }
            if byPath[key] == nil { order.append(key) }
            byPath[key] = entry
        }
        var result = MinimalWrites(objects: [], nodes: [], statuses: [], daemonSets: [])
        for key in order {
            guard let entry = byPath[key] else { continue }
            if entry.path.hasSuffix("/status") {
                result.statuses.append(entry)
            } else if entry.path.hasPrefix("/api/v1/nodes/") {
                result.nodes.append(entry)
            } else {
                result.objects.append(entry)
                let parts = entry.path.split(separator: "/")
                if entry.method == "PATCH", parts.count >= 7, parts[parts.count - 2] == "daemonsets", parts[parts.count - 4] == "namespaces" {
                    result.daemonSets.append("\(parts[parts.count - 3])/\(parts[parts.count - 1])")
                }
            }
        }
        return result
    }

    private static let mergePatch = "application/merge-patch+json"

    /// Composes two JSON merge patches into one with the effect of applying both in order.
    static func compose(_ first: String, _ second: String) throws(JSONParseError) -> String {
        let composed = compose(try JSONValue(parsingUTF8: Array(first.utf8)), try JSONValue(parsingUTF8: Array(second.utf8)))
        return composed.serializedString()
    }

    private static func compose(_ first: JSONValue, _ second: JSONValue) -> JSONValue {
        guard case .object(var members) = first, case .object(let changes) = second else { return second }
        for (key, change) in changes {
            if case .object = change, let existing = members[key], case .object = existing {
                members[key] = compose(existing, change)
            } else {
                members[key] = change
            }
        }
        return .object(members)
    }
}
