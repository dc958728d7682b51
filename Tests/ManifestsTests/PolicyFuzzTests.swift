import Foundation
import KubeModels
import TestSupport
import Testing

@testable import Manifests

/// Seeded fuzzing of ClusterPolicy loading and rendering (issue 12): mutated samples either load or
/// fail with a located message naming the file; what loads either renders or fails with a
/// RenderError. Nothing crashes or hangs. `FUZZ_SECONDS` / `FUZZ_ITERATIONS` lengthen a run.
@Suite("ClusterPolicy fuzzing")
struct PolicyFuzzTests {
    static let samples: [[UInt8]] = {
        let directory = GoldenSupport.root.appendingPathComponent("samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap {
            FileManager.default.contents(atPath: directory.appendingPathComponent($0).path)
        }
        .map { Array($0) }
    }()

    @Test("mutated samples load or fail naming fuzz.yaml; loaded ones render or fail with a RenderError")
    func loadAndRender() throws {
        try #require(Self.samples.count >= 5, "the samples directory holds the seed policies")
        var loaded = 0
        InputMutator.run(seeds: Self.samples, seed: 0x5EED_0010) { input in
            do {
                let policy = try ClusterPolicyLoader.load(String(decoding: input, as: UTF8.self), file: "fuzz.yaml")
                loaded += 1
                do {
                    _ = try Renderer.render(policy.policy, facts: ClusterFacts())
                } catch let error as RenderError {
                    #expect(!error.message.isEmpty)
                } catch {
                    Issue.record("rendering threw \(error), not a RenderError")
                }
            } catch let error as PolicyLoadError {
                #expect(error.diagnostics.allSatisfy { $0.description.hasPrefix("fuzz.yaml") }, "\(error.diagnostics)")
            } catch {
                Issue.record("loading threw \(error), not a PolicyLoadError")
            }
        }
        #expect(loaded > 0, "no mutated input loaded: the mutations are too coarse to reach the renderer")
    }

    @Test("deeply nested YAML is an error, not a stack overflow")
    func deepYAML() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: PolicyLoadError.self) { try ClusterPolicyLoader.load(deep, file: "deep.yaml") }
    }
}
