import KubeModels
import Logging

/// Settings of a ``Watcher``.
package struct WatcherConfiguration: Sendable {
    /// Items per list page; `nil` uses the client's ``ClientConfiguration/listPageSize``.
    package var pageSize: Int?
    /// The `timeoutSeconds` of each watch request.
    package var timeoutSeconds: Int = 290
    /// Whether to ask for bookmarks.
    package var allowBookmarks = true
    /// Retry delays after failures.
    package var backoff = WatchBackoff()
    /// Called with every failure the watcher recovers from (for metrics); never with cancellation.
    package var onError: (@Sendable (any Error) -> Void)?

    /// Creates the default configuration.
    package init() {}
}

/// A watch that never gives up: lists, then watches from the list's resourceVersion, re-watches when
/// the server ends a stream, re-lists when the version expired (410), and backs off on failures.
///
/// An `AsyncSequence` of ``WatcherEvent``s that ends only when the iterating task is cancelled. The
/// logic lives in ``WatchStateMachine``; this type only performs its actions.
///
/// Guarantees: after every `initDone` the consumer has seen every object that existed at the list's
/// resourceVersion; events after it arrive in resourceVersion order. Caveats: an object may be
/// reported again after a reconnect (consumers must be idempotent); failures are logged, passed to
/// ``WatcherConfiguration/onError``, and retried, never thrown.
package struct Watcher<R: KubeResource>: AsyncSequence, Sendable {
    /// The events.
    package typealias Element = WatcherEvent<R>
    /// A watcher does not fail; it retries.
    package typealias Failure = Never

    private let client: KubeClient
    private let resourceType: ResourceType
    private let namespace: String?
    private let labelSelector: String?
    private let fieldSelector: String?
    private let configuration: WatcherConfiguration
    private let time: TimeSource

    /// Creates a watcher; nothing is sent until iteration starts.
    /// - Parameters:
    ///   - client: the client.
    ///   - namespace: a namespace, or `nil` for all namespaces.
    ///   - labelSelector: only objects matching it.
    ///   - fieldSelector: only objects matching it.
    ///   - configuration: paging, timeouts, backoff.
    ///   - clock: the clock backoff waits on; the client's by default.
    package init(
        client: KubeClient, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
        configuration: WatcherConfiguration = WatcherConfiguration(), clock: (any Clock<Duration>)? = nil
    ) {
        self.client = client
        self.resourceType = R.resourceType
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.configuration = configuration
        self.time = clock.map { TimeSource(clock: $0) } ?? client.time
    }

    /// Starts iterating.
    package func makeAsyncIterator() -> Iterator {
        Iterator(watcher: self)
    }

    /// Performs the state machine's actions and hands out events one at a time.
    package struct Iterator: AsyncIteratorProtocol {
        private let watcher: Watcher
        private var machine: WatchStateMachine<R>
        private var stream: AsyncThrowingStream<WatchEvent<R>, any Error>.AsyncIterator?
        private var pending: [WatcherEvent<R>] = []
        private var pendingIndex = 0

        /// Creates an iterator in the `empty` state.
        init(watcher: Watcher) {
            self.watcher = watcher
            self.machine = WatchStateMachine(backoff: watcher.configuration.backoff)
        }

        /// The next event; `nil` only once the task is cancelled.
        package mutating func next() async -> WatcherEvent<R>? {
            while true {
                if pendingIndex < pending.count {
                    let event = pending[pendingIndex]
                    pendingIndex += 1
                    if pendingIndex == pending.count {
                        pending.removeAll(keepingCapacity: true)
                        pendingIndex = 0
                    }
                    return event
                }
                if Task.isCancelled {
                    stream = nil
                    return nil
                }
                if stream != nil {
                    guard await readStream() else { return nil }
                    continue
                }
                switch machine.nextAction() {
                case .wait(let delay):
                    do {
                        try await watcher.time.sleep(delay)
                    } catch {
                        return nil
                    }
                case .list(let continueToken):
                    guard await list(continueToken: continueToken) else { return nil }
                case .watch(let resourceVersion):
                    openWatch(from: resourceVersion)
                }
            }
        }

        /// Reads one stream event; returns `false` when cancelled.
        private mutating func readStream() async -> Bool {
            guard var iterator = stream else { return true }
            do {
                let event = try await iterator.next()
                stream = iterator
                guard let event else {
                    stream = nil
                    machine.streamEnded(at: watcher.time.now(), jitter: watcher.client.jitter())
                    return true
                }
                enqueue(machine.received(event, at: watcher.time.now(), jitter: watcher.client.jitter()))
                if case .error(let status) = event {
                    stream = nil
                    report(KubeError(status: status, request: "WATCH \(watcher.resourceType)"))
                }
                return true
            } catch {
                stream = nil
                if error is CancellationError || Task.isCancelled { return false }
                report(error)
                machine.failed(error, at: watcher.time.now(), jitter: watcher.client.jitter())
                return true
            }
        }

        /// Lists one page; returns `false` when cancelled.
        private mutating func list(continueToken: String?) async -> Bool {
            let options = ListOptions(
                labelSelector: watcher.labelSelector, fieldSelector: watcher.fieldSelector,
                limit: watcher.configuration.pageSize ?? watcher.client.configuration.listPageSize,
                continueToken: continueToken)
            do {
                let page: ObjectList<R> = try await watcher.client.listPage(
                    watcher.resourceType, namespace: watcher.namespace, options: options)
                enqueue(
                    machine.pageListed(
                        page.items, continueToken: page.metadata.continue,
                        resourceVersion: page.metadata.resourceVersion))
                return true
            } catch {
                if error is CancellationError || Task.isCancelled { return false }
                report(error)
                machine.failed(error, at: watcher.time.now(), jitter: watcher.client.jitter())
                return true
            }
        }

        private mutating func openWatch(from resourceVersion: String) {
            let options = WatchOptions(
                labelSelector: watcher.labelSelector, fieldSelector: watcher.fieldSelector,
                resourceVersion: resourceVersion, timeoutSeconds: watcher.configuration.timeoutSeconds,
                allowBookmarks: watcher.configuration.allowBookmarks)
            let events: AsyncThrowingStream<WatchEvent<R>, any Error> = watcher.client.watchStream(
                watcher.resourceType, namespace: watcher.namespace, options: options)
            stream = events.makeAsyncIterator()
            machine.watchOpened()
        }

        private mutating func enqueue(_ events: [WatcherEvent<R>]) {
            pending.append(contentsOf: events)
        }

        private func report(_ error: any Error) {
            watcher.client.logger.warning(
                "Watch failed; recovering",
                metadata: [
                    "kube.resource": .string(watcher.resourceType.description),
                    "kube.watch_state": .string("\(machine.state)"), "error": .string("\(error)"),
                ])
            watcher.configuration.onError?(error)
        }
    }
}
