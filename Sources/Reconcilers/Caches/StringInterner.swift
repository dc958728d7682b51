import Synchronization

/// Keeps one heap copy of strings that repeat across many objects (label keys, OS and kernel versions),
/// so the node cache's thousands of similar snapshots do not hold thousands of copies of
/// `nvidia.com/gpu.deploy.device-plugin` (about 5 MiB at 5,000 GPU nodes).
///
/// Swift strings of up to 15 UTF-8 bytes are stored inline and are returned as they are. The table is
/// bounded: past ``capacity`` distinct strings, new strings are returned un-interned.
package final class StringInterner: Sendable {
    /// The most distinct strings kept.
    package let capacity: Int
    private let strings = Mutex(Set<String>())

    /// Creates an empty interner.
    package init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The number of distinct strings kept.
    package var count: Int { strings.withLock { $0.count } }

    /// The shared copy of `string` (or `string` itself when it is small or the table is full).
    /// Thread-safe; one `Mutex` owns the table.
    package func intern(_ string: String) -> String {
        guard string.utf8.count > 15 else { return string }
        return strings.withLock { table in
            if let existing = table.firstIndex(of: string) { return table[existing] }
            guard table.count < capacity else { return string }
            table.insert(string)
            return string
        }
    }
}
