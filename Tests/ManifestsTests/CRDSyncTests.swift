import Foundation
import KubeModels
import Testing

@testable import Manifests

/// The checked-in CRD is what `operator crd` prints, carries the upstream API's shape, and accepts
/// upstream-style policies without pruning anything.
@Suite("ClusterPolicy CRD")
struct CRDSyncTests {
    /// Hash of the schema at each revision. Changing the schema changes the hash: bump
    /// `ClusterPolicyCRD.schemaRevision` and record the new hash here, so running operators upgrade the
    /// served CRD.
    static let schemaHashes: [Int: String] = [1: "498305599", 2: "1588835396", 3: "3654076861"]

    @Test("config/crd/nvidia.com_clusterpolicies.yaml equals `operator crd` (regenerate with make crd)")
    func checkedInFileIsCurrent() throws {
        let generated = try YAMLWriter.document(try ClusterPolicyCRD.object)
        let checkedIn = try GoldenSupport.read("config/crd/nvidia.com_clusterpolicies.yaml")
        #expect(generated == checkedIn)
    }

    @Test("the schema revision is bumped whenever the schema changes")
    func revisionTracksSchema() throws {
        let hash = ObjectHash.of(try JSONValue(encoding: ClusterPolicyCRD.schema))
        #expect(
            Self.schemaHashes[ClusterPolicyCRD.schemaRevision] == hash,
            "schema changed: bump ClusterPolicyCRD.schemaRevision and record \(hash) in CRDSyncTests.schemaHashes")
        #expect(Set(Self.schemaHashes.values).count == Self.schemaHashes.count)
    }

    @Test("group, kind, scope, status subresource and printer columns match the upstream API")
    func apiShape() throws {
        let crd = try ClusterPolicyCRD.object
        #expect(crd[path: ["spec", "group"]] == "nvidia.com")
        #expect(crd[path: ["spec", "names", "kind"]] == "ClusterPolicy")
        #expect(crd[path: ["spec", "names", "plural"]] == "clusterpolicies")
        #expect(crd[path: ["spec", "scope"]] == "Cluster")
        let version = try #require(crd[path: ["spec", "versions"]]?.arrayValue?.first)
        #expect(version["name"] == "v1")
        #expect(version[path: ["subresources", "status"]] == [:])
        let columns = version["additionalPrinterColumns"]?.arrayValue ?? []
        #expect(columns.first?["jsonPath"] == ".status.state")
        #expect(columns.map { $0["name"]?.stringValue ?? "" } == ["Status", "Age"])
    }

    @Test("CRD-level defaults materialise as the API server would apply them")
    func admissionDefaults() {
        let result = SchemaValidator.apply(ClusterPolicyCRD.specSchema, to: [:])
        #expect(result.issues.isEmpty)
        #expect(result.value[path: ["operator", "runtimeClass"]] == "nvidia")
        #expect(result.value[path: ["daemonsets", "updateStrategy"]] == "RollingUpdate")
        #expect(result.value[path: ["driver", "kernelModuleType"]] == "auto")
        #expect(result.value[path: ["toolkit", "installDir"]] == "/usr/local/nvidia")
        let withUpgrade = SchemaValidator.apply(ClusterPolicyCRD.specSchema, to: ["driver": ["upgradePolicy": ["drain": [:]]]])
        #expect(withUpgrade.value[path: ["driver", "upgradePolicy", "maxUnavailable"]] == "25%")
        #expect(withUpgrade.value[path: ["driver", "upgradePolicy", "drain", "timeoutSeconds"]] == 300)
    }

    @Test("an upstream-style fully specified policy applies without a pruned or invalid field")
    func upstreamPolicyKeepsEveryField() throws {
        let text = try GoldenSupport.read("samples/upstream-full.yaml")
        let document = try #require(try YAMLReader.documents(in: text, file: "upstream-full.yaml").first)
        let result = SchemaValidator.apply(ClusterPolicyCRD.specSchema, to: document.value["spec"] ?? [:])
        #expect(result.issues.isEmpty, "\(result.issues)")
    }
}
