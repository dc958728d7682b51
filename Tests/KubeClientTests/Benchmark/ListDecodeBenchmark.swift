import Foundation
import KubeClient
import KubeModels
import KubeSim
import Testing

/// Opt-in benchmarks (`KUBECLIENT_BENCH=1`; run by bench/kubeclient-list-nodes.sh): list-and-decode time
/// and memory for 5,000 simulated nodes over HTTPS.
///
/// The script runs `kube-sim` as its own process and passes its kubeconfig in
/// `KUBECLIENT_BENCH_KUBECONFIG`, and runs each case in a fresh test process, so resident-memory
/// growth is the client's alone; without the variable the server runs in this process (and shares its
/// memory figures). `KUBECLIENT_BENCH_PAGE_SIZE` (default 500, 0 = unpaged) picks the variant.
@Suite("KubeClient benchmarks", .serialized, .enabled(if: ProcessInfo.processInfo.environment["KUBECLIENT_BENCH"] == "1"))
struct KubeClientBenchmarks {
    static let nodeCount = 5_000
    static let runs = 7
    static let environment = ProcessInfo.processInfo.environment
    static let pageSize = Int(environment["KUBECLIENT_BENCH_PAGE_SIZE"] ?? "500") ?? 500

    static func mebibytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }
    static func milliseconds(_ duration: Duration) -> String { String(format: "%.0f", duration.inSeconds * 1000) }

    static func report(_ name: String, _ fields: [String: String]) {
        let body = fields.keys.sorted().map { "\"\($0)\":\"\(fields[$0] ?? "")\"" }.joined(separator: ",")
        print("BENCH {\"name\":\"\(name)\",\(body)}")
    }

    /// Runs `body` with a client of the external server, or of an in-process one.
    static func withClient(pageSize: Int, _ body: (KubeClient) async throws -> Void) async throws {
        if let path = ProcessInfo.processInfo.environment["KUBECLIENT_BENCH_KUBECONFIG"] {
            var configuration = try ClientKubeconfig.load(path: path).makeConfiguration()
            configuration.listPageSize = pageSize
            try await body(try KubeSimHarness.client(configuration))
            return
        }
        try await KubeSimHarness.withServer({
            $0.gpuNodes = nodeCount / 2
            $0.cpuNodes = nodeCount / 2
        }) { server in
            var configuration = KubeSimHarness.configuration(server, clientCertificate: true)
            configuration.listPageSize = pageSize
            try await body(try KubeSimHarness.client(configuration))
        }
    }

    @Test("list and decode 5,000 nodes")
    func listAndDecode() async throws {
        let pageSize = Self.pageSize
        try await Self.withClient(pageSize: pageSize) { client in
            _ = try await client.list(Namespace.self)
            let residentBefore = ProcessMemory.residentBytes
            ProcessMemory.resetPeak()
            let first = try await client.list(Node.self)
            let peakIncrease = ProcessMemory.peakResidentBytes - residentBefore
            let retained = ProcessMemory.residentBytes - residentBefore
            ProcessMemory.trimHeap()
            let live = ProcessMemory.residentBytes - residentBefore
            #expect(first.items.count == Self.nodeCount)

            var durations: [Duration] = []
            for _ in 0..<Self.runs {
                let start = ContinuousClock.now
                let nodes = try await client.list(Node.self)
                durations.append(start.duration(to: .now))
                #expect(nodes.items.count == Self.nodeCount)
            }
            durations.sort()
            Self.report(
                "list-decode-nodes",
                [
                    "nodes": "\(first.items.count)", "pageSize": pageSize == 0 ? "unpaged" : "\(pageSize)",
                    "medianMs": Self.milliseconds(durations[durations.count / 2]), "minMs": Self.milliseconds(durations[0]),
                    "maxMs": Self.milliseconds(durations[durations.count - 1]),
                    "firstListPeakRSSIncreaseMiB": Self.mebibytes(peakIncrease),
                    "firstListRetainedRSSIncreaseMiB": Self.mebibytes(retained),
                    "listHeldAfterTrimRSSIncreaseMiB": Self.mebibytes(live),
                ])
        }
    }

    @Test("transfer versus decode of one unpaged 5,000-node list")
    func transferVersusDecode() async throws {
        try await Self.withClient(pageSize: 0) { client in
            let request = APIRequest.list(.nodes, namespace: nil, options: ListOptions())
            _ = try await client.send(request)
            var transfers: [Duration] = []
            var decodes: [Duration] = []
            var bodyBytes = 0
            for _ in 0..<Self.runs {
                let start = ContinuousClock.now
                let response = try await client.send(request)
                let received = ContinuousClock.now
                let list = try JSONEncoding.decode(ObjectList<Node>.self, from: response.body)
                decodes.append(received.duration(to: .now))
                transfers.append(start.duration(to: received))
                bodyBytes = response.body.count
                #expect(list.items.count == Self.nodeCount)
            }
            transfers.sort()
            decodes.sort()
            Self.report(
                "transfer-vs-decode",
                [
                    "bodyMiB": Self.mebibytes(bodyBytes), "transferMedianMs": Self.milliseconds(transfers[transfers.count / 2]),
                    "decodeMedianMs": Self.milliseconds(decodes[decodes.count / 2]),
                ])
        }
    }
}
