import Foundation
import KubeModels

@testable import Manifests

/// Paths and helpers the golden-file tests share.
enum GoldenSupport {
    /// The package root, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every sample under `samples/` (name without extension).
    static let sampleNames: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("samples").path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// Reads a file under the package root.
    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The facts a sample is rendered with: `samples/facts/<name>.yaml` when present, else defaults.
    static func facts(for sample: String) throws -> ClusterFacts {
        let path = "samples/facts/\(sample).yaml"
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) else { return ClusterFacts() }
        let documents = try YAMLReader.documents(in: try read(path), file: path)
        return try documents[0].value.decode(as: ClusterFacts.self)
    }

    /// Loads and renders a sample exactly as `operator --dry-run -f samples/<name>.yaml` does.
    static func render(sample: String) throws -> RenderResult {
        let loaded = try ClusterPolicyLoader.load(try read("samples/\(sample).yaml"), file: "samples/\(sample).yaml")
        return try Renderer.render(loaded.policy, facts: try facts(for: sample))
    }
}
