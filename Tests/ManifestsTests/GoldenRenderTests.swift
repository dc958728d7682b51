import Foundation
import KubeModels
import Testing

@testable import Manifests

/// Every sample's `--dry-run` output is checked in under `samples/rendered/`; a change to templates,
/// transforms or samples that alters what would be applied shows up as a diff here.
@Suite("Golden renders of samples/")
struct GoldenRenderTests {
    @Test("there are samples to render")
    func samplesExist() {
        #expect(GoldenSupport.sampleNames.count >= 6)
        for required in ["clusterpolicy", "preinstalled-driver", "private-registry", "precompiled-driver", "dcgm-standalone", "upstream-full"] {
            #expect(GoldenSupport.sampleNames.contains(required), "samples/\(required).yaml is missing")
        }
    }

    @Test("render matches samples/rendered/<name>.yaml (regenerate with make render-samples)", arguments: GoldenSupport.sampleNames)
    func matchesGolden(sample: String) throws {
        let rendered = try RenderOutput.format(try GoldenSupport.render(sample: sample), as: .yaml)
        let golden = try GoldenSupport.read("samples/rendered/\(sample).yaml")
        if rendered != golden {
            let renderedLines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(renderedLines, goldenLines).enumerated().first { $0.element.0 != $0.element.1 }
            let line = firstDifference?.offset ?? min(renderedLines.count, goldenLines.count)
            Issue.record(
                "samples/rendered/\(sample).yaml differs at line \(line + 1): rendered \"\(line < renderedLines.count ? renderedLines[line] : "<end>")\", golden \"\(line < goldenLines.count ? goldenLines[line] : "<end>")\""
            )
        }
    }

    @Test("rendering is deterministic across runs and formats", arguments: GoldenSupport.sampleNames)
    func deterministic(sample: String) throws {
        let first = try GoldenSupport.render(sample: sample)
        let second = try GoldenSupport.render(sample: sample)
        #expect(try RenderOutput.format(first, as: .yaml) == RenderOutput.format(second, as: .yaml))
        #expect(try RenderOutput.format(first, as: .json) == RenderOutput.format(second, as: .json))
        let list = try JSONValue(parsing: Data(try RenderOutput.format(first, as: .json).utf8))
        #expect(list["items"]?.arrayValue == first.objects.map(\.body))
    }

    @Test("the YAML output reads back as exactly the rendered objects", arguments: GoldenSupport.sampleNames)
    func yamlRoundTrip(sample: String) throws {
        let result = try GoldenSupport.render(sample: sample)
        let text = try RenderOutput.format(result, as: .yaml)
        let documents = try YAMLReader.documents(in: text, file: sample)
        #expect(documents.map(\.value) == result.objects.map(\.body))
    }

    @Test("the default sample deploys the six operand DaemonSets and runs no DaemonSet without a GPU deploy label")
    func defaultSample() throws {
        let result = try GoldenSupport.render(sample: "clusterpolicy")
        let daemonSets = result.objects.filter { $0.resourceType == .daemonSets }
        let names = Set(daemonSets.map(\.name))
        for expected in [
            "nvidia-driver-daemonset", "nvidia-container-toolkit-daemonset", "nvidia-operator-validator",
            "nvidia-device-plugin-daemonset", "nvidia-dcgm-exporter", "gpu-feature-discovery",
        ] {
            #expect(names.contains(expected), "\(expected) missing")
        }
        for ds in daemonSets {
            let selector = ds.body[path: ["spec", "template", "spec", "nodeSelector"]]?.objectValue ?? [:]
            #expect(selector.keys.contains { $0.hasPrefix("nvidia.com/gpu.deploy.") }, "\(ds.name) would run on CPU nodes")
        }
    }

    @Test("the precompiled sample renders one driver DaemonSet per kernel and no runfile DaemonSet")
    func precompiledSample() throws {
        let names = try GoldenSupport.render(sample: "precompiled-driver").objects.filter { $0.resourceType == .daemonSets }.map(\.name)
        #expect(names.contains("nvidia-driver-daemonset-5.15.0-105-generic-ubuntu22.04"))
        #expect(names.contains("nvidia-driver-daemonset-5.15.0-119-generic-ubuntu22.04"))
        #expect(!names.contains("nvidia-driver-daemonset"))
    }
}
