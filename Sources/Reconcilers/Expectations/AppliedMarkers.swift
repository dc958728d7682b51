import Synchronization

/// The change marker (generation, or resourceVersion for kinds without one) each owned object had
/// right after our last apply — the baseline drift is measured against. Owned by the applier, not by
/// the watch cache: a first sighting without an apply of ours adopts the live marker, so a restarted
/// operator does not mistake existing objects for edited ones.
///
/// Thread-safe; one `Mutex` owns the markers.
package final class AppliedMarkers: Sendable {
    private let markers = Mutex<[ObjectIdentity: String]>([:])

    /// Creates an empty record.
    package init() {}

    /// The baseline of `identity`, adopting `live` when none is recorded yet.
    package func baseline(_ identity: ObjectIdentity, adopting live: String?) -> String? {
        markers.withLock { markers in
            if let known = markers[identity] { return known }
            markers[identity] = live
            return live
        }
    }

    /// Records the marker our apply produced.
    package func record(_ identity: ObjectIdentity, marker: String?) {
        markers.withLock { $0[identity] = marker }
    }

    /// Forgets an object (deleted).
    package func forget(_ identity: ObjectIdentity) { markers.withLock { _ = $0.removeValue(forKey: identity) } }
}
