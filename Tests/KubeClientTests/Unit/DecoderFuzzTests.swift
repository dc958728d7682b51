import Foundation
import KubeModels
import TestSupport
import Testing

@testable import KubeClient

/// Seeded fuzzing of the client's decoders (issue 12): the JSON byte parser, the watch line splitter
/// and event decoder, and the kubeconfig parser. Every input either decodes or fails with the
/// decoder's own error; none may crash or hang. `FUZZ_SECONDS` / `FUZZ_ITERATIONS` lengthen a run.
@Suite("Decoder fuzzing")
struct DecoderFuzzTests {
    static let node =
        #"{"apiVersion":"v1","kind":"Node","metadata":{"name":"gpu-1","labels":{"a":"b"},"resourceVersion":"12"},"status":{"nodeInfo":{"kubeletVersion":"v1.31.4+k3s1"},"capacity":{"nvidia.com/gpu":"8"}},"n":[1,-2.5e3,true,false,null,"\u00e9\ud83d\ude00"]}"#
    static let watchBody = """
        {"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"1"}}}
        {"type":"MODIFIED","object":{"metadata":{"name":"a","resourceVersion":"2"}}}
        {"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"3"}}}
        {"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired"}}

        """

    @Test("the JSON parser: mutated documents parse or fail with JSONParseError; what parses writes and reads back stably")
    func jsonParser() throws {
        let seeds = [Self.node, #"[[[["deep"]]]]"#, #"{"a":{"b":{"c":[0.5,1e-7,9223372036854775807,-9223372036854775808]}}}"#].map { Array($0.utf8) }
        var failures = 0
        let ran = try InputMutator.run(seeds: seeds, seed: 0x5EED_0001) { input in
            guard let value = try? JSONValue(parsingUTF8: input) else { return }
            // Written, read and written again gives the same bytes (an integral double is written as
            // an integer, so values compare through their serialization).
            let written = value.serialized()
            let rewritten = try JSONValue(parsingUTF8: written).serialized()
            if rewritten != written, failures < 3 {
                failures += 1
                Issue.record("not stable: \(String(decoding: input, as: UTF8.self)) → \(String(decoding: written, as: UTF8.self))")
            }
        }
        #expect(ran > seeds.count)
    }

    @Test("nesting beyond the parser's depth limit is an error, not a stack overflow")
    func deepNesting() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 200_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsingUTF8: deep) }
    }

    @Test("watch bodies: any chunking gives the same lines; every line decodes or fails with an error")
    func watchLines() {
        var mutator = InputMutator(seed: 0x5EED_0002)
        InputMutator.run(seeds: [Array(Self.watchBody.utf8)], seed: 0x5EED_0003) { body in
            var whole = LineSplitter()
            let expected = whole.append(body)
            var chunked = LineSplitter()
            var lines: [[UInt8]] = []
            var index = 0
            while index < body.count {
                let end = min(body.count, index + 1 + mutator.below(17))
                lines += chunked.append(body[index..<end])
                index = end
            }
            #expect(lines == expected)
            for line in lines {
                _ = try? WatchEventDecoding.decode(line, as: JSONValue.self)
            }
        }
    }

    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: sim
        clusters:
          - name: sim
            cluster:
              server: https://127.0.0.1:6443
              certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=
        contexts:
          - name: sim
            context: {cluster: sim, user: admin, namespace: gpu-operator}
        users:
          - name: admin
            user:
              token: abc
              exec:
                apiVersion: client.authentication.k8s.io/v1
                command: /bin/true
                args: ["--flag"]
                env: [{name: A, value: b}]
        """

    @Test("kubeconfigs: mutated files parse or fail with ConfigurationError naming the file")
    func kubeconfigs() {
        InputMutator.run(seeds: [Array(Self.kubeconfig.utf8)], seed: 0x5EED_0004) { input in
            do {
                _ = try Kubeconfig.parse(String(decoding: input, as: UTF8.self), path: "fuzz.kubeconfig")
            } catch {
                #expect("\(error)".contains("fuzz.kubeconfig"), "\(error)")
            }
        }
    }
}
