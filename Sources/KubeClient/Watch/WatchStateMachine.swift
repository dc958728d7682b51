import KubeModels

/// The watcher's protocol logic, without I/O: list (page by page), then watch from the list's
/// resourceVersion; re-watch when a stream ends; re-list when the version expired (410); back off on
/// failures. The I/O shell (``Watcher``) asks ``nextAction()`` what to do and reports what happened.
///
/// - Important: Not thread-safe; owned by one iterator.
package struct WatchStateMachine<Object: KubeResource>: Sendable {
    /// Where the watcher is.
    package enum State: Sendable, Hashable {
        /// Nothing is listed, or the resourceVersion expired: the next step is a full list.
        /// Transitions: a page with a continue token → `listing`; the last page → `listed`.
        case empty
        /// A paged list is in progress; the next page follows `continueToken`.
        /// Transitions: next page → `listing`; last page → `listed`; 410 → `empty`.
        case listing(continueToken: String)
        /// The collection is known at `resourceVersion`: the next step is a watch from it.
        /// Transitions: watch opened → `watching`.
        case listed(resourceVersion: String)
        /// A watch from `resourceVersion` is open; events and bookmarks advance the version.
        /// Transitions: stream ended or failed → `listed`; 410 → `empty`.
        case watching(resourceVersion: String)
    }

    /// What the shell should do next.
    package enum Action: Sendable, Hashable {
        /// List a page (the first page when `continueToken` is `nil`).
        case list(continueToken: String?)
        /// Open a watch from `resourceVersion`.
        case watch(resourceVersion: String)
        /// Wait, then ask again.
        case wait(Duration)
    }

    /// The current state.
    package private(set) var state: State = .empty
    /// The retry delay policy and its failure count.
    package private(set) var backoff: WatchBackoff
    private var pendingDelay: Duration?
    private var eventsInCurrentWatch = 0

    /// Creates a machine in the `empty` state.
    package init(backoff: WatchBackoff = WatchBackoff()) {
        self.backoff = backoff
    }

    /// The next step: a pending backoff wait first, then list or watch depending on the state.
    package mutating func nextAction() -> Action {
        if let delay = pendingDelay {
            pendingDelay = nil
            return .wait(delay)
        }
        switch state {
        case .empty: return .list(continueToken: nil)
        case .listing(let token): return .list(continueToken: token)
        case .listed(let version), .watching(let version): return .watch(resourceVersion: version)
        }
    }

    /// Reports a list page.
    /// - Parameters:
    ///   - items: the page's objects.
    ///   - continueToken: the token for the next page, `nil` or empty on the last page.
    ///   - resourceVersion: the list's resourceVersion.
    /// - Returns: `initStarted` (first page only), one `initApply` per item, and `initDone` after the
    ///   last page.
    package mutating func pageListed(
        _ items: [Object], continueToken: String?, resourceVersion: String?
    )
        -> [WatcherEvent<Object>]
    {
        var events: [WatcherEvent<Object>] = []
        if case .empty = state { events.append(.initStarted) }
        events.reserveCapacity(items.count + 2)
        for item in items { events.append(.initApply(item)) }
        if let continueToken, !continueToken.isEmpty {
            state = .listing(continueToken: continueToken)
        } else {
            state = .listed(resourceVersion: resourceVersion ?? "")
            events.append(.initDone)
        }
        return events
    }

    /// Reports that a watch was opened from the current version.
    package mutating func watchOpened() {
        if case .listed(let version) = state { state = .watching(resourceVersion: version) }
        eventsInCurrentWatch = 0
    }

    /// Reports one watch event.
    /// - Parameters:
    ///   - event: the event.
    ///   - now: the current time (an `ERROR` event counts as a failure for the backoff).
    ///   - jitter: a random number in `0..<1`.
    /// - Returns: the consumer events (`apply`/`delete`; none for bookmarks and errors).
    package mutating func received(
        _ event: WatchEvent<Object>, at now: Duration, jitter: Double
    )
        -> [WatcherEvent<Object>]
    {
        eventsInCurrentWatch += 1
        switch event {
        case .added(let object), .modified(let object):
            advance(to: object.metadata.resourceVersion)
            return [.apply(object)]
        case .deleted(let object):
            advance(to: object.metadata.resourceVersion)
            return [.delete(object)]
        case .bookmark(let version):
            advance(to: version)
            return []
        case .error(let status):
            failed(KubeError(status: status, request: nil), at: now, jitter: jitter)
            return []
        }
    }

    /// Reports that the watch stream ended cleanly (server timeout): re-watch from the last version.
    ///
    /// A stream that ended without delivering anything (not even a bookmark) is re-opened after a
    /// backoff wait, so a server or proxy that closes watches at once cannot make the watcher spin.
    /// - Parameters:
    ///   - now: the current time.
    ///   - jitter: a random number in `0..<1`.
    package mutating func streamEnded(at now: Duration, jitter: Double) {
        if case .watching(let version) = state { state = .listed(resourceVersion: version) }
        if eventsInCurrentWatch == 0 { pendingDelay = backoff.nextDelay(at: now, jitter: jitter) }
    }

    /// Reports a failed list, watch or stream.
    ///
    /// 410 Gone/Expired empties the state (full re-list); any other failure keeps the position (the same
    /// page, or a watch from the same version). Either way the next action is a backoff wait.
    /// - Parameters:
    ///   - error: what failed.
    ///   - now: the current time.
    ///   - jitter: a random number in `0..<1`.
    package mutating func failed(_ error: any Error, at now: Duration, jitter: Double) {
        if let kubeError = error as? KubeError, kubeError.isGone {
            state = .empty
        } else if case .watching(let version) = state {
            state = .listed(resourceVersion: version)
        }
        pendingDelay = backoff.nextDelay(at: now, jitter: jitter)
    }

    private mutating func advance(to version: String?) {
        guard let version, !version.isEmpty else { return }
        switch state {
        case .watching, .listed: state = .watching(resourceVersion: version)
        case .empty, .listing: break
        }
    }
}
