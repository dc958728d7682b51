/// What a ``Watcher`` tells its consumer.
///
/// A (re-)list is reported as ``initStarted``, one ``initApply(_:)`` per object, then ``initDone``:
/// between those, consumers that keep state (the operator's caches) buffer and swap in the new set at
/// ``initDone``, so objects deleted while the watch was down disappear. After that, every change is
/// an ``apply(_:)`` or a ``delete(_:)``.
package enum WatcherEvent<Object: Sendable>: Sendable {
    /// A full list begins.
    case initStarted
    /// An object that exists, reported during a list.
    case initApply(Object)
    /// The list is complete.
    case initDone
    /// An object was created or changed.
    case apply(Object)
    /// An object was deleted (its last state).
    case delete(Object)
}

extension WatcherEvent: Equatable where Object: Equatable {}
extension WatcherEvent: Hashable where Object: Hashable {}
