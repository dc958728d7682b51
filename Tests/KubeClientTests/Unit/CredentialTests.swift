import Foundation
import KubeClient
import KubeModels
import Synchronization
import TestSupport
import Testing

/// An exec runner that counts runs and answers with a canned output.
final class CountingExecRunner: ExecPluginRunner {
    private let state = Mutex((runs: 0, outputs: [ExecPluginOutput]()))
    private let delay: Duration

    init(outputs: [ExecPluginOutput], delay: Duration = .zero) {
        state.withLock { $0.outputs = outputs }
        self.delay = delay
    }

    var runs: Int { state.withLock { $0.runs } }

    func run(_ configuration: ExecCredentialConfiguration, execInfo: String) async throws -> ExecPluginOutput {
        if delay > .zero { try await Task.sleep(for: delay) }
        return state.withLock { state in
            state.runs += 1
            return state.outputs[min(state.runs - 1, state.outputs.count - 1)]
        }
    }
}

func execCredentialOutput(
    token: String, expiration: String? = nil, apiVersion: String = "client.authentication.k8s.io/v1"
)
    -> ExecPluginOutput
{
    var status = "{\"token\":\"\(token)\""
    if let expiration { status += ",\"expirationTimestamp\":\"\(expiration)\"" }
    status += "}"
    return ExecPluginOutput(
        standardOutput: Array(
            "{\"apiVersion\":\"\(apiVersion)\",\"kind\":\"ExecCredential\",\"status\":\(status)}".utf8))
}

@Suite("Credentials: exec plugins and token files")
struct CredentialTests {
    let exec = ExecCredentialConfiguration(
        command: "get-token", apiVersion: "client.authentication.k8s.io/v1", providesClusterInfo: true,
        cluster: ExecClusterInfo(server: "https://k:6443", certificateAuthorityData: Array("CA".utf8)))

    @Test(
        "ExecCredential outputs are validated",
        arguments: [
            (execCredentialOutput(token: "t"), nil as String?),
            (execCredentialOutput(token: "t", apiVersion: "client.authentication.k8s.io/v1beta1"), "apiVersion"),
            (ExecPluginOutput(standardOutput: Array("not json".utf8)), "output is not JSON"),
            (
                ExecPluginOutput(
                    standardOutput: Array("{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{}}".utf8)),
                "status has neither a token"
            ),
            (execCredentialOutput(token: "t", expiration: "tomorrow"), "expirationTimestamp"),
            (
                ExecPluginOutput(standardOutput: [], standardError: Array("login required\n".utf8), exitCode: 3),
                "exec credential plugin get-token exited with status 3: login required"
            ),
        ])
    func outputs(output: ExecPluginOutput, problem: String?) {
        do {
            let credential = try ExecCredentialPlugin.credential(from: output, configuration: exec)
            #expect(problem == nil)
            #expect(credential.token == "t")
        } catch {
            #expect(problem != nil && "\(error)".contains(problem ?? ""))
        }
    }

    @Test("expiration timestamps with and without fractional seconds parse")
    func timestamps() {
        #expect(ExecCredentialPlugin.parseTimestamp("2030-01-02T03:04:05Z") != nil)
        #expect(ExecCredentialPlugin.parseTimestamp("2030-01-02T03:04:05.123456Z") != nil)
        #expect(ExecCredentialPlugin.parseTimestamp("2030-01-02") == nil)
    }

    @Test("KUBERNETES_EXEC_INFO carries the cluster when asked")
    func execInfo() throws {
        let info = try JSONValue(parsing: Data(ExecCredentialPlugin.execInfo(for: exec).utf8))
        #expect(info["kind"] == "ExecCredential")
        #expect(info["apiVersion"] == "client.authentication.k8s.io/v1")
        #expect(info[path: ["spec", "interactive"]] == false)
        #expect(info[path: ["spec", "cluster", "server"]] == "https://k:6443")
        #expect(info[path: ["spec", "cluster", "certificate-authority-data"]] == .string(Data("CA".utf8).base64EncodedString()))
    }

    @Test("an exec credential is cached until it expires")
    func execCaching() async throws {
        let now = Mutex(Date(timeIntervalSince1970: 1_000_000))
        let runner = CountingExecRunner(outputs: [
            execCredentialOutput(token: "first", expiration: "1970-01-12T13:50:00Z"),
            execCredentialOutput(token: "second"),
        ])
        let cache = ExecCredentialCache(configuration: exec, runner: runner, wallClock: { now.withLock { $0 } })
        #expect(try await cache.credential().token == "first")
        #expect(try await cache.credential().token == "first")
        #expect(runner.runs == 1)
        now.withLock { $0 = Date(timeIntervalSince1970: 1_000_000 + 3600) }
        #expect(try await cache.credential().token == "second")
        #expect(runner.runs == 2)
        #expect(try await cache.credential().token == "second")
        #expect(runner.runs == 2)
        await cache.invalidate()
        _ = try await cache.credential()
        #expect(runner.runs == 3)
    }

    @Test("concurrent requests share one plugin run")
    func execSingleFlight() async throws {
        let runner = CountingExecRunner(outputs: [execCredentialOutput(token: "shared")], delay: .milliseconds(50))
        let cache = ExecCredentialCache(configuration: exec, runner: runner, wallClock: { Date() })
        try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.credential().token } }
            for try await token in group { #expect(token == "shared") }
        }
        #expect(runner.runs == 1)
    }

    @Test("a token file is re-read after the refresh interval, keeps the last good token, and re-reads after invalidate")
    func tokenFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = try directory.write("token", "one\n")
        let clock = ManualClock()
        let source = TokenFileSource(path: path, refreshInterval: .seconds(60), time: TimeSource(clock: clock))
        #expect(try source.token() == "one")
        try directory.write("token", "two")
        clock.advance(by: .seconds(59))
        #expect(try source.token() == "one")
        clock.advance(by: .seconds(1))
        #expect(try source.token() == "two")
        try FileManager.default.removeItem(atPath: path)
        clock.advance(by: .seconds(61))
        #expect(try source.token() == "two")
        try directory.write("token", "three")
        source.invalidate()
        #expect(try source.token() == "three")
    }

    @Test("an unreadable token file without an earlier token is an error")
    func tokenFileMissing() {
        let source = TokenFileSource(path: "/nonexistent/token", refreshInterval: .seconds(60), time: .continuous)
        #expect(throws: ConfigurationError.self) { try source.token() }
    }

    @Test("basic credentials are base64 encoded")
    func basic() async throws {
        let provider = CredentialProvider(authentication: .basic(username: "u", password: "p"), time: .continuous)
        #expect(try await provider.credentials().authorization == "Basic dTpw")
        #expect(!provider.isRefreshable)
    }
}
