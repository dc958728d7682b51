import KubeModels
import Testing

@testable import Manifests

/// Reading a ClusterPolicy file: positions in messages, schema errors, defaults, unsupported settings.
@Suite struct ClusterPolicyLoaderTests {
    /// A policy document whose `spec` is `body`, indented under `spec:` (the first spec line is line 6).
    private func policyYAML(_ body: String) -> String {
        let spec = body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        return """
            apiVersion: nvidia.com/v1
            kind: ClusterPolicy
            metadata:
              name: cluster-policy
            spec:
            \(spec)
            """
    }

    @Test func malformedYAMLGivesFileLineAndColumn() throws {
        let errors = loadErrors(
            """
            apiVersion: nvidia.com/v1
            kind: ClusterPolicy
            metadata:
              name: cluster-policy
            spec:
              driver:
                enabled: [true
              toolkit: {}
            """)
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.path == nil)
        let position = try #require(error.position)
        #expect(position.line >= 7 && position.line <= 8)
        #expect(error.description.hasPrefix("cp.yaml:\(position.line):\(position.column): "))
    }

    @Test func wrongTypeNamesThePathTheExpectedTypeAndTheLine() throws {
        let errors = loadErrors(policyYAML("driver:\n  enabled: \"yes\""))
        let error = try #require(errors.first { $0.path?.description == "spec.driver.enabled" })
        #expect(error.description == #"cp.yaml:7:5: spec.driver.enabled: expected boolean, got string "yes""#)
    }

    /// The schema error is the whole story: no decoder dump follows it.
    @Test func wrongTypeIsReportedOnce() throws {
        let errors = loadErrors(policyYAML("driver:\n  enabled: \"yes\""))
        #expect(errors.map(\.description) == [#"cp.yaml:7:5: spec.driver.enabled: expected boolean, got string "yes""#])
    }

    @Test func yaml11YesIsABoolean() throws {
        let loaded = try load(policyYAML("driver:\n  enabled: no"))
        #expect(loaded.policy.spec.driver.enabled == false)
    }

    @Test func enumViolationListsTheAllowedValues() throws {
        let errors = loadErrors(policyYAML("daemonsets:\n  updateStrategy: Sometimes"))
        #expect(
            errors.map(\.description) == [
                #"cp.yaml:7:5: spec.daemonsets.updateStrategy: expected one of "RollingUpdate", "OnDelete", got string "Sometimes""#
            ])
    }

    @Test func unknownFieldIsAWarningAndIsDropped() throws {
        let loaded = try load(policyYAML("driver:\n  enabeld: false"))
        #expect(
            loaded.warnings.map(\.description) == [
                "cp.yaml:7:5: warning: spec.driver.enabeld: unknown field (the API server drops it)"
            ])
        #expect(loaded.policy.spec.driver.enabled == nil)
    }

    @Test func unknownFieldIsAnErrorInStrictMode() throws {
        let errors = loadErrors(policyYAML("driver:\n  enabeld: false"), strict: true)
        #expect(errors.map(\.description) == ["cp.yaml:7:5: spec.driver.enabeld: unknown field (the API server drops it)"])
    }

    @Test func sandboxWorkloadsAreRejected() throws {
        let errors = loadErrors(policyYAML("sandboxWorkloads:\n  enabled: true"))
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.path?.description == "spec.sandboxWorkloads.enabled")
        #expect(error.position == SourcePosition(line: 7, column: 5))
        #expect(error.message.contains("not supported"))
    }

    /// Out-of-scope features named in DESIGN.md: each is an error naming its field.
    @Test(arguments: [
        ("driver:\n  useNvidiaDriverCRD: true", "spec.driver.useNvidiaDriverCRD", "not supported"),
        ("driver:\n  rdma:\n    enabled: true", "spec.driver.rdma.enabled", "not supported"),
        ("gds:\n  enabled: true", "spec.gds.enabled", "not supported"),
        ("gdrcopy:\n  enabled: true", "spec.gdrcopy.enabled", "not supported"),
        ("cdi:\n  enabled: false\n  nriPluginEnabled: true", "spec.cdi.nriPluginEnabled", "needs spec.cdi.enabled: true"),
        ("toolkit:\n  enabled: false\ncdi:\n  nriPluginEnabled: true", "spec.cdi.nriPluginEnabled", "needs spec.toolkit.enabled: true"),
    ])
    func unsupportedSettingsAreErrors(body: String, path: String, reason: String) throws {
        let errors = loadErrors(policyYAML(body))
        #expect(errors.map { $0.path?.description } == [path])
        #expect(errors.first?.message.contains(reason) == true, "\(errors)")
        #expect(errors.first?.position != nil)
    }

    @Test func settingsWithoutEffectAreWarnings() throws {
        let loaded = try load(
            policyYAML(
                """
                operator:
                  use_ocp_driver_toolkit: true
                psp:
                  enabled: true
                """))
        let paths = Set(loaded.warnings.compactMap { $0.path?.description })
        #expect(paths == ["spec.operator.use_ocp_driver_toolkit", "spec.psp.enabled"])
        #expect(loaded.warnings.allSatisfy { $0.severity == .warning })
    }

    @Test func schemaDefaultsAreApplied() throws {
        let spec = try load(policyYAML("{}")).policy.spec
        #expect(spec.operator.runtimeClass == "nvidia")
        #expect(spec.toolkit.installDir == "/usr/local/nvidia")
        #expect(spec.daemonsets.updateStrategy == "RollingUpdate")
        #expect(spec.driver.kernelModuleType == "auto")
        #expect(spec.devicePlugin.mps?.root == nil, "defaults inside an absent optional object do not materialise")
    }

    @Test func defaultsInsideAPresentOptionalObjectMaterialise() throws {
        let spec = try load(policyYAML("devicePlugin:\n  mps: {}\ndriver:\n  upgradePolicy: {}")).policy.spec
        #expect(spec.devicePlugin.mps?.root == "/run/nvidia/mps")
        #expect(spec.driver.upgradePolicy?.maxUnavailable == .string("25%"))
        #expect(spec.driver.upgradePolicy?.maxParallelUpgrades == 1)
        #expect(spec.driver.upgradePolicy?.autoUpgrade == false)
    }

    @Test func givenValuesWinOverDefaults() throws {
        let spec = try load(policyYAML("operator:\n  runtimeClass: nvidia-gpu\ntoolkit:\n  installDir: /opt/nvidia")).policy.spec
        #expect(spec.operator.runtimeClass == "nvidia-gpu")
        #expect(spec.toolkit.installDir == "/opt/nvidia")
    }

    @Test func missingNameAndWrongAPIVersionAreErrors() throws {
        let errors = loadErrors(
            """
            apiVersion: nvidia.com/v2
            kind: ClusterPolicy
            spec: {}
            """)
        #expect(Set(errors.compactMap { $0.path?.description }) == ["apiVersion", "metadata.name"])
    }

    @Test func anotherKindIsNotAPolicy() throws {
        let errors = loadErrors("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")
        #expect(errors.map(\.message) == [#"expected kind "ClusterPolicy", got "ConfigMap""#])
    }

    @Test func twoPoliciesInOneFileAreRejected() throws {
        let one = policyYAML("{}")
        let errors = loadErrors(one + "\n---\n" + one)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("found 2 ClusterPolicy documents") == true)
        #expect(errors.first?.position?.line == 8)
    }

    /// Duplicate keys are malformed YAML like any other: `file:line:column: message`, naming the key,
    /// without echoing the whole document.
    @Test func duplicateKeysAreRejectedWithTheirPosition() throws {
        let errors = loadErrors(policyYAML("driver: {}\ndriver: {}"))
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        let position = try #require(error.position, "\(error)")
        #expect(position.line == 6 || position.line == 7, "either occurrence of the key")
        #expect(position.column == 3)
        #expect(error.message.contains(#""driver""#))
        #expect(!error.message.contains("apiVersion"), "the message must not dump the document")
    }

    @Test func loadedPolicyRendersLikeTheSameSpecBuiltInCode() throws {
        let loaded = try load(policyYAML("driver:\n  version: \"535\"\n  repository: nvcr.io/nvidia\n  image: driver"))
        let objects = try Renderer.render(loaded.policy, facts: ClusterFacts()).objects
        #expect(try objects.daemonSet(named: DS.driver).container("nvidia-driver-ctr").image == "nvcr.io/nvidia/driver:535-ubuntu22.04")
        #expect(try objects.daemonSet(named: DS.driver).container("nvidia-driver-ctr").env("KERNEL_MODULE_TYPE") == "auto")
    }
}
