import Foundation

/// Runs an exec credential plugin at most once per credential lifetime and shares the result.
///
/// A cached credential is reused until its `expirationTimestamp` (or forever when it has none) or
/// until ``invalidate()`` (after a 401). Concurrent callers while the plugin runs wait for that one run
/// instead of starting their own.
package actor ExecCredentialCache {
    private let configuration: ExecCredentialConfiguration
    private let runner: any ExecPluginRunner
    private let wallClock: @Sendable () -> Date
    private var cached: ExecCredential?
    private var isRunning = false
    private var waiters: [CheckedContinuation<ExecCredential, any Error>] = []

    /// How many times the plugin has been run.
    package private(set) var runCount = 0

    /// Creates a cache.
    /// - Parameters:
    ///   - configuration: the plugin.
    ///   - runner: how to run it.
    ///   - wallClock: the current date, compared with `expirationTimestamp`.
    package init(
        configuration: ExecCredentialConfiguration, runner: any ExecPluginRunner,
        wallClock: @escaping @Sendable () -> Date
    ) {
        self.configuration = configuration
        self.runner = runner
        self.wallClock = wallClock
    }

    /// The current credential, running the plugin when none is cached or it expired.
    /// - Throws: ``ConfigurationError`` when the plugin cannot run, fails, or prints no valid credential.
    package func credential() async throws -> ExecCredential {
        if let cached, cached.expiration.map({ $0 > wallClock() }) ?? true {
            return cached
        }
        if isRunning {
            return try await withCheckedThrowingContinuation { waiters.append($0) }
        }
        isRunning = true
        runCount += 1
        let result: Result<ExecCredential, any Error>
        do {
            let output = try await runner.run(configuration, execInfo: ExecCredentialPlugin.execInfo(for: configuration))
            result = .success(try ExecCredentialPlugin.credential(from: output, configuration: configuration))
        } catch {
            result = .failure(error)
        }
        isRunning = false
        if case .success(let credential) = result { cached = credential }
        let pending = waiters
        waiters = []
        for waiter in pending { waiter.resume(with: result) }
        return try result.get()
    }

    /// Drops the cached credential so the next request runs the plugin again.
    package func invalidate() {
        cached = nil
    }
}
