import KubeClient
import Logging

/// Says in the log when the API server stops answering the operator's requests and when it answers
/// again; the readiness probe turns not-ready over the same ``threshold``. Outages are ridden out:
/// nothing here stops the operator.
struct APIWatchdog: Sendable {
    /// How long the server may be silent before the operator says so.
    static let threshold: Duration = .seconds(5)

    let client: KubeClient
    let time: TimeSource
    let logger: Logger

    /// Checks every second until cancelled.
    func run() async {
        var reported: Duration?
        while !Task.isCancelled {
            let silence = client.serverSilence
            if let silence, silence >= Self.threshold {
                if reported == nil {
                    logger.warning(
                        "the API server is not answering; riding it out, readiness probe failing",
                        metadata: ["silent_for_s": .stringConvertible(silence.components.seconds)])
                }
                reported = silence
            } else if let longest = reported {
                logger.info("the API server answers again", metadata: ["silent_for_s": .stringConvertible(longest.components.seconds)])
                reported = nil
            }
            do {
                try await time.sleep(.seconds(1))
            } catch {
                return
            }
        }
    }
}
