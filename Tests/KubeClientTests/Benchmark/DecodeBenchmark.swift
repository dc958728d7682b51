import Foundation
import KubeClient
import KubeModels
import KubeSim
import Testing

/// Opt-in benchmark (`KUBECLIENT_BENCH=1`; run by bench/kubeclient-list-nodes.sh): decoding one
/// 5,000-node list body in memory, Foundation's `JSONDecoder` against the byte parser plus the tree
/// decoder the client uses, so both are measured in the same process on the same bytes.
@Suite("KubeClient decode benchmarks", .serialized, .enabled(if: ProcessInfo.processInfo.environment["KUBECLIENT_BENCH"] == "1"))
struct KubeClientDecodeBenchmarks {
    /// A `NodeList` body of simulated nodes, half of them GPU nodes, as kube-sim serves it.
    static func nodeListBody(count: Int) -> [UInt8] {
        let profile = NodeFactory.Profile(runtime: "containerd", os: "ubuntu22.04", kernel: "5.15.0-105-generic")
        let now = Timestamp(secondsSinceEpoch: 1_770_000_000)
        let items: [JSONValue] = (0..<count).map { ordinal in
            let gpu = ordinal % 2 == 0
            var node = NodeFactory.node(
                name: NodeFactory.name(gpu: gpu, index: ordinal + 1), gpu: gpu, ordinal: ordinal, profile: profile,
                extraLabels: [:], now: now)
            node["metadata"]?["uid"] = .string(UUID().uuidString.lowercased())
            node["metadata"]?["resourceVersion"] = .string(String(1_000 + ordinal))
            return node
        }
        let list: JSONValue = [
            "apiVersion": "v1", "kind": "NodeList", "metadata": ["resourceVersion": "9999"], "items": .array(items),
        ]
        return list.serialized()
    }

    static func median(_ durations: [Duration]) -> String {
        KubeClientBenchmarks.milliseconds(durations.sorted()[durations.count / 2])
    }

    @Test("decode a 5,000-node list body: JSONDecoder versus parser + tree decoder")
    func decodeOnly() throws {
        let body = Self.nodeListBody(count: KubeClientBenchmarks.nodeCount)
        let data = Data(body)
        var foundation: [Duration] = []
        var parse: [Duration] = []
        var tree: [Duration] = []
        var treeEncode: [Duration] = []
        for _ in 0..<KubeClientBenchmarks.runs {
            let start = ContinuousClock.now
            let slow = try JSONDecoder().decode(ObjectList<Node>.self, from: data)
            let foundationDone = ContinuousClock.now
            let document = try JSONValue(parsingUTF8: body)
            let parsed = ContinuousClock.now
            let fast = try JSONValueDecoder().decode(ObjectList<Node>.self, from: document)
            let decoded = ContinuousClock.now
            _ = try JSONValueEncoder().encode(fast)
            treeEncode.append(decoded.duration(to: .now))
            foundation.append(start.duration(to: foundationDone))
            parse.append(foundationDone.duration(to: parsed))
            tree.append(parsed.duration(to: decoded))
            #expect(fast.items == slow.items)
        }
        KubeClientBenchmarks.report(
            "decode-node-list",
            [
                "nodes": "\(KubeClientBenchmarks.nodeCount)", "bodyMiB": KubeClientBenchmarks.mebibytes(body.count),
                "jsonDecoderMedianMs": Self.median(foundation), "parseMedianMs": Self.median(parse),
                "treeDecodeMedianMs": Self.median(tree),
                "parsePlusTreeMedianMs": Self.median(zip(parse, tree).map { $0 + $1 }),
                "treeEncodeMedianMs": Self.median(treeEncode),
            ])
    }
}
