/// A position inside a document being decoded from or encoded to a ``JSONValue`` tree.
///
/// Kept as a linked list from the leaf to the root so that descending one level costs one small node
/// rather than a copy of an array; ``codingPath`` is built only when someone asks (errors, custom
/// `init(from:)` implementations that read it).
indirect enum JSONCodingPathNode {
    /// The top-level value.
    case root
    /// The member named by a key of the parent object.
    case key(any CodingKey, JSONCodingPathNode)
    /// An element of the parent array.
    case index(Int, JSONCodingPathNode)

    /// The path from the root, as `Decoder.codingPath` and `DecodingError` want it.
    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = self
        while true {
            switch node {
            case .root:
                return keys.reversed()
            case .key(let key, let parent):
                keys.append(key)
                node = parent
            case .index(let index, let parent):
                keys.append(JSONCodingKey(index: index))
                node = parent
            }
        }
    }

    /// The path of a child reached through `key` (built only on the error path or when descending).
    func appending(_ key: any CodingKey) -> [any CodingKey] { codingPath + [key] }
}

/// The coding keys this package makes up: array positions (`Index 3`, like Foundation's) and `super`.
struct JSONCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    /// A key naming an object member.
    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    /// A key naming an array position.
    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }

    /// The key of an array element, as Foundation's coders name it in coding paths.
    init(index: Int) {
        self.stringValue = "Index \(index)"
        self.intValue = index
    }

    /// The key `superDecoder()` and `superEncoder()` use.
    static let superKey = JSONCodingKey(stringValue: "super")
}
