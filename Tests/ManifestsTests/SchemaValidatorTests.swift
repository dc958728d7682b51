import KubeModels
import Testing

@testable import Manifests

/// `SchemaValidator` treating documents the way the API server treats a custom resource: pruning,
/// defaulting, nullable, int-or-string, types and enums; on small schemas and on the ClusterPolicy schema.
@Suite struct SchemaValidatorTests {
    private static let schema: JSONSchemaProps = .object(
        "test",
        [
            "name": .string("a name"),
            "mode": .string("a mode", enum: ["a", "b"], default: "a"),
            "count": .integer("a count", default: 3, minimum: 1),
            "limit": .intOrString("a limit"),
            "nested": .object("optional object", ["inner": .string("inner", default: "x")]),
            "nullableText": {
                var text = JSONSchemaProps.string("nullable")
                text.nullable = true
                return text
            }(),
            "open": .openObject("anything"),
            "list": .stringArray("strings"),
        ], required: ["name"])

    private func apply(_ value: JSONValue, _ schema: JSONSchemaProps = schema) -> SchemaValidator.Result {
        SchemaValidator.apply(schema, to: value, at: FieldPath(dotted: "spec"))
    }

    @Test func unknownFieldsArePrunedAndReported() {
        let result = apply(["name": "n", "extra": 1, "nested": ["inner": "y", "typo": true]])
        #expect(result.value["extra"] == nil)
        #expect(result.value[path: ["nested", "typo"]] == nil)
        #expect(result.value[path: ["nested", "inner"]] == "y")
        #expect(result.unknownFields.map(\.path.description) == ["spec.extra", "spec.nested.typo"])
        #expect(result.errors.isEmpty)
    }

    @Test func preserveUnknownFieldsKeepsEverythingBelow() {
        let result = apply(["name": "n", "open": ["anything": ["goes": [1, 2]]]])
        #expect(result.value[path: ["open", "anything", "goes"]] == [1, 2])
        #expect(result.issues.isEmpty)
    }

    @Test func defaultsFillAbsentFieldsOnly() {
        let absent = apply(["name": "n"])
        #expect(absent.value["mode"] == "a")
        #expect(absent.value["count"] == 3)
        let present = apply(["name": "n", "mode": "b", "count": 7])
        #expect(present.value["mode"] == "b")
        #expect(present.value["count"] == 7)
    }

    @Test func defaultsInsideAnOptionalObjectNeedTheObject() {
        #expect(apply(["name": "n"]).value["nested"] == nil)
        #expect(apply(["name": "n", "nested": [:]]).value[path: ["nested", "inner"]] == "x")
    }

    @Test func nullOfANonNullableFieldIsPrunedThenDefaulted() {
        let result = apply(["name": "n", "mode": nil, "list": nil])
        #expect(result.value["mode"] == "a")
        #expect(result.value.objectValue?.keys.contains("list") == false)
        #expect(result.issues.isEmpty)
    }

    @Test func nullOfANullableFieldIsKept() {
        let result = apply(["name": "n", "nullableText": nil])
        #expect(result.value.objectValue?["nullableText"] == .null)
        #expect(result.issues.isEmpty)
    }

    @Test(arguments: [JSONValue.int(2), .string("25%"), .double(4)])
    func intOrStringAcceptsIntegersAndStrings(value: JSONValue) {
        #expect(apply(["name": "n", "limit": value]).errors.isEmpty)
    }

    @Test(arguments: [JSONValue.bool(true), .double(1.5), .array([1]), .object([:])])
    func intOrStringRejectsOtherTypes(value: JSONValue) {
        let errors = apply(["name": "n", "limit": value]).errors
        #expect(errors.map(\.path.description) == ["spec.limit"])
        #expect(errors.first?.detail.hasPrefix("expected integer or string, got ") == true)
    }

    @Test func wrongTypeNamesTheExpectedType() {
        let errors = apply(["name": "n", "count": "three"]).errors
        #expect(errors.map(\.description) == [#"spec.count: expected integer, got string "three""#])
    }

    @Test func integralDoubleIsAnInteger() {
        let result = apply(["name": "n", "count": .double(5)])
        #expect(result.errors.isEmpty)
        #expect(result.value["count"] == .int(5))
    }

    @Test func enumViolationListsTheAllowedValues() {
        #expect(apply(["name": "n", "mode": "c"]).errors.map(\.description) == [#"spec.mode: expected one of "a", "b", got string "c""#])
    }

    @Test func minimumAndRequiredAreChecked() {
        let errors = apply(["count": 0]).errors.map(\.description)
        #expect(errors == ["spec.count: should be greater than or equal to 1, got integer 0", "spec.name: required field is missing"])
    }

    @Test func issuesAreOrderedByPath() {
        let issues = apply(["zeta": 1, "alpha": 1, "name": "n", "count": "x"]).issues.map(\.path.description)
        #expect(issues == issues.sorted())
    }

    // MARK: The ClusterPolicy schema

    private func applySpec(_ spec: JSONValue) -> SchemaValidator.Result {
        SchemaValidator.apply(ClusterPolicyCRD.specSchema, to: spec, at: FieldPath(dotted: "spec"))
    }

    @Test func emptySpecGetsTheRequiredSectionsAndTheirDefaults() {
        let value = applySpec([:]).value
        let required = ["operator", "daemonsets", "driver", "toolkit", "devicePlugin", "dcgmExporter", "dcgm", "nodeStatusExporter", "gfd"]
        for section in required {
            #expect(value[section]?.objectValue != nil, "\(section)")
        }
        #expect(value[path: ["operator", "runtimeClass"]] == "nvidia")
        #expect(value[path: ["toolkit", "installDir"]] == "/usr/local/nvidia")
        #expect(value[path: ["daemonsets", "updateStrategy"]] == "RollingUpdate")
    }

    @Test func driverUpgradeMaxUnavailableIsIntOrString() {
        #expect(applySpec(["driver": ["upgradePolicy": ["maxUnavailable": 2]]]).errors.isEmpty)
        #expect(applySpec(["driver": ["upgradePolicy": ["maxUnavailable": "50%"]]]).errors.isEmpty)
        #expect(
            applySpec(["driver": ["upgradePolicy": ["maxUnavailable": true]]]).errors.map(\.path.description)
                == ["spec.driver.upgradePolicy.maxUnavailable"])
    }

    @Test func resourceQuantitiesAreIntOrStringWithAPattern() {
        #expect(applySpec(["driver": ["resources": ["limits": ["cpu": 2, "memory": "1Gi"]]]]).errors.isEmpty)
        let errors = applySpec(["driver": ["resources": ["limits": ["memory": "lots"]]]]).errors
        #expect(errors.map(\.path.description) == ["spec.driver.resources.limits.memory"])
    }

    @Test func relabelingActionDefaultsToReplace() {
        let value = applySpec(["dcgmExporter": ["serviceMonitor": ["relabelings": [["targetLabel": "node"]]]]]).value
        #expect(value[path: ["dcgmExporter", "serviceMonitor", "relabelings"]]?.arrayValue?.first?["action"] == "replace")
    }

    @Test func serviceMonitorIntervalMustBeAPrometheusDuration() {
        #expect(applySpec(["dcgmExporter": ["serviceMonitor": ["interval": "1m30s"]]]).errors.isEmpty)
        #expect(
            applySpec(["dcgmExporter": ["serviceMonitor": ["interval": "90 seconds"]]]).errors.map(\.path.description)
                == ["spec.dcgmExporter.serviceMonitor.interval"])
    }

    @Test func envEntriesNeedAName() {
        let errors = applySpec(["driver": ["env": [["value": "1"]]]]).errors
        #expect(errors.map(\.description) == ["spec.driver.env[0].name: required field is missing"])
    }
}
