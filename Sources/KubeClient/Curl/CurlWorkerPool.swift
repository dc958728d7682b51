import Dispatch
import Foundation
import Synchronization

/// One ordinary request waiting for a worker thread.
struct CurlJob: Sendable {
    /// The request to send.
    var request: HTTPRequest
    /// Set when the waiting task is cancelled.
    var cancellation: TransferCancellation
    /// Called exactly once, on the worker thread, with the outcome.
    var complete: @Sendable (Result<HTTPResponse, any Error>) -> Void
}

/// Dedicated OS threads that run blocking `curl_easy_perform` calls for ordinary requests.
///
/// Threads start lazily, up to ``maximumThreads``, and each keeps one easy handle for its lifetime so
/// connections and TLS sessions are reused. Jobs beyond the thread count wait in FIFO order. A thread
/// idle for ``idleLifetime`` exits (the last one stays), so a burst of requests (labelling every node)
/// does not leave dozens of threads, handles and TLS connections behind for the operator's lifetime.
///
/// - Important: No cooperative-pool thread ever blocks here: ``submit(_:)`` only enqueues. After
///   ``shutDown()`` the threads finish their current job and exit; queued and later jobs fail.
final class CurlWorkerPool: Sendable {
    /// The most threads the pool starts.
    let maximumThreads: Int
    /// How long a thread waits for work before it exits, unless it is the last one.
    let idleLifetime: Duration

    private struct State {
        var queue: [CurlJob] = []
        var readIndex = 0
        /// Threads waiting on the semaphore that no submitter has claimed yet.
        var idleThreads = 0
        var threadCount = 0
        var isShutDown = false

        /// Takes the oldest queued job.
        mutating func popFirst() -> CurlJob? {
            guard readIndex < queue.count else { return nil }
            let job = queue[readIndex]
            readIndex += 1
            if readIndex == queue.count {
                queue.removeAll(keepingCapacity: true)
                readIndex = 0
            }
            return job
        }
    }

    private let state = Mutex(State())
    private let idleThreadWakeUp = DispatchSemaphore(value: 0)

    /// Creates a pool that starts at most `maximumThreads` threads, each exiting after `idleLifetime`
    /// without work.
    init(maximumThreads: Int, idleLifetime: Duration = .seconds(30)) {
        self.maximumThreads = max(1, maximumThreads)
        self.idleLifetime = idleLifetime
    }

    /// The threads running now (busy or idle).
    var threadCount: Int { state.withLock { $0.threadCount } }

    /// Enqueues a job; wakes an idle thread, or starts one when none is idle and the limit allows.
    func submit(_ job: CurlJob) {
        enum Decision {
            case rejected, queued, wakeIdle
            case spawn(Int)
        }
        let decision: Decision = state.withLock { state in
            if state.isShutDown { return .rejected }
            state.queue.append(job)
            if state.idleThreads > 0 {
                state.idleThreads -= 1
                return .wakeIdle
            }
            if state.threadCount < maximumThreads {
                state.threadCount += 1
                return .spawn(state.threadCount)
            }
            return .queued
        }
        switch decision {
        case .rejected:
            job.complete(.failure(CurlError(kind: .initialization, code: 0, message: "the transport was shut down")))
        case .queued:
            break
        case .wakeIdle:
            idleThreadWakeUp.signal()
        case .spawn(let number):
            let thread = Thread { [self] in runWorker() }
            thread.name = "kubeclient-curl-\(number)"
            thread.start()
        }
    }

    /// Stops accepting jobs, fails the queued ones, and lets every thread exit once idle.
    func shutDown() {
        let (idle, orphaned): (Int, [CurlJob]) = state.withLock { state in
            state.isShutDown = true
            var orphaned: [CurlJob] = []
            while let job = state.popFirst() { orphaned.append(job) }
            defer { state.idleThreads = 0 }
            return (state.idleThreads, orphaned)
        }
        for job in orphaned {
            job.complete(.failure(CurlError(kind: .initialization, code: 0, message: "the transport was shut down")))
        }
        for _ in 0..<idle { idleThreadWakeUp.signal() }
    }

    private func runWorker() {
        enum Step {
            case run(CurlJob)
            case wait, exit
        }
        let handle: Result<CurlEasyHandle, CurlError>
        do throws(CurlError) {
            handle = .success(try CurlEasyHandle())
        } catch {
            handle = .failure(error)
        }
        while true {
            let step: Step = state.withLock { state in
                if let job = state.popFirst() { return .run(job) }
                if state.isShutDown {
                    state.threadCount -= 1
                    return .exit
                }
                state.idleThreads += 1
                return .wait
            }
            switch step {
            case .run(let job):
                run(job, on: handle)
            case .wait:
                if idleThreadWakeUp.wait(timeout: .now() + .milliseconds(idleLifetime.milliseconds)) == .timedOut {
                    if retire() { return }
                    // A submitter claimed this thread as it timed out (or it is the last one): take the wake-up.
                    idleThreadWakeUp.wait()
                }
            case .exit:
                return
            }
        }
    }

    /// Lets an idle thread that timed out exit, unless a submitter already claimed every idle thread
    /// (a wake-up is on its way to one of them) or it is the last thread.
    private func retire() -> Bool {
        state.withLock { state in
            guard state.idleThreads > 0, state.threadCount > 1 else { return false }
            state.idleThreads -= 1
            state.threadCount -= 1
            return true
        }
    }

    private func run(_ job: CurlJob, on handle: Result<CurlEasyHandle, CurlError>) {
        if job.cancellation.isCancelled {
            job.complete(.failure(CancellationError()))
            return
        }
        switch handle {
        case .failure(let error):
            job.complete(.failure(error))
        case .success(let handle):
            do {
                job.complete(.success(try handle.perform(job.request, cancellation: job.cancellation)))
            } catch {
                job.complete(.failure(error))
            }
        }
    }
}
