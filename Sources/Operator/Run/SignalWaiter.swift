import Dispatch
import Foundation

/// Waits for SIGTERM or SIGINT. The first signal returns from ``wait()`` so the caller can shut down
/// gracefully; a second one exits at once.
enum SignalWaiter {
    /// Suspends until SIGTERM or SIGINT arrives (or the task is cancelled).
    static func wait() async {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            nonisolated(unsafe) var received = 0
            source.setEventHandler {
                received += 1
                if received > 1 { exit(1) }
                continuation.yield(number)
            }
            source.resume()
            sources.append(source)
        }
        for await _ in stream { break }
        withExtendedLifetime(sources) {}
    }
}
