import Foundation
import KubeModels
import Testing

@testable import Manifests

/// Every rendered object of a built-in kind passes the official Kubernetes OpenAPI schemas, strictly
/// (no unknown fields), for an older and a newer Kubernetes version, using `kubernetes-validate` from
/// the venv `scripts/setup.sh` creates.
@Suite("Rendered objects against the Kubernetes schemas")
struct KubernetesSchemaConformanceTests {
    static let validator = GoldenSupport.root.appendingPathComponent(".venv/bin/kubernetes-validate")

    @Test("kubernetes-validate --strict accepts every rendered built-in object", arguments: ["1.29.0", "1.33.0"])
    func strictValidation(kubernetesVersion: String) throws {
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.validator.path),
            "kubernetes-validate is missing: run scripts/setup.sh (make test does)")
        guard FileManager.default.isExecutableFile(atPath: Self.validator.path) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gpu-operator-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        var objectCount = 0
        for sample in GoldenSupport.sampleNames {
            let builtIn = try GoldenSupport.render(sample: sample).objects.filter { $0.resourceType != .serviceMonitors }
            objectCount += builtIn.count
            let file = directory.appendingPathComponent("\(sample).yaml")
            try YAMLWriter.stream(builtIn.map(\.body)).write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        let crd = directory.appendingPathComponent("crd.yaml")
        try YAMLWriter.document(try ClusterPolicyCRD.object).write(to: crd, atomically: true, encoding: .utf8)
        files.append(crd.path)
        #expect(objectCount > 200)

        let process = Process()
        process.executableURL = Self.validator
        process.arguments = ["--strict", "--quiet", "-k", kubernetesVersion] + files
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "kubernetes-validate \(kubernetesVersion) failed:\n\(text)")
    }
}
