import Synchronization

/// Keeps one heap copy of values that repeat across many objects, so the node cache's thousands of
/// similar snapshots share storage instead of each holding its own:
/// - strings (label keys, OS and kernel versions): without it, 5,000 GPU nodes hold 5,000 copies of
///   `nvidia.com/gpu.deploy.device-plugin` (about 5 MiB);
/// - whole label sets: after convergence every node of one GPU model carries the same projected
///   labels, so 15,000 nodes share a handful of dictionaries (``NodeCache``).
///
/// The table is bounded: past ``capacity`` distinct values, new values are returned un-interned
/// (correct, only not shared). Values the `worthInterning` rule declines are returned as they are.
///
/// - Important: Thread-safe; one `Mutex` owns the table.
package final class Interner<Value: Hashable & Sendable>: Sendable {
    /// The most distinct values kept.
    package let capacity: Int
    private let worthInterning: @Sendable (Value) -> Bool
    private let values = Mutex(Set<Value>())

    /// Creates an empty interner.
    /// - Parameters:
    ///   - capacity: the most distinct values kept.
    ///   - worthInterning: whether a value has heap storage worth sharing.
    package init(capacity: Int, worthInterning: @escaping @Sendable (Value) -> Bool = { _ in true }) {
        self.capacity = capacity
        self.worthInterning = worthInterning
    }

    /// The number of distinct values kept.
    package var count: Int { values.withLock { $0.count } }

    /// The shared copy of `value` (or `value` itself when it is not worth interning or the table is full).
    package func intern(_ value: Value) -> Value {
        guard worthInterning(value) else { return value }
        return values.withLock { table in
            if let existing = table.firstIndex(of: value) { return table[existing] }
            guard table.count < capacity else { return value }
            table.insert(value)
            return value
        }
    }
}

/// Shares label keys, label values and version strings. Swift strings of up to 15 UTF-8 bytes are
/// stored inline and are returned as they are.
package typealias StringInterner = Interner<String>

extension Interner where Value == String {
    /// Creates a string interner (strings longer than 15 UTF-8 bytes are shared).
    /// - Parameter capacity: the most distinct strings kept.
    package convenience init(capacity: Int = 20_000) {
        self.init(capacity: capacity) { $0.utf8.count > 15 }
    }
}
