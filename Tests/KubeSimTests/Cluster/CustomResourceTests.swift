import KubeModels
import Testing

@testable import KubeSim

@Suite("CustomResourceDefinitions: serving, validation, defaulting, pruning")
struct CustomResourceTests {
    @Test("a CRD is established and served at once")
    func served() async throws {
        let harness = await ClusterHarness()
        let widgets = try await harness.widgets()
        #expect(widgets.type.kind == "Widget" && widgets.type.isNamespaced && widgets.hasStatusSubresource)
        #expect(widgets.shortNames == ["wd"])
        let crd = try await harness.get(ClusterHarness.crds, "widgets.example.com", namespace: nil)
        let conditions = crd.value[path: ["status", "conditions"]]?.arrayValue ?? []
        #expect(conditions.contains { $0["type"] == "Established" && $0["status"] == "True" })
        #expect(crd.finalizers == [BuiltinLifecycle.crdCleanupFinalizer])
    }

    @Test("custom resources are defaulted, pruned, and validated with 422 causes")
    func validation() async throws {
        var harness = await ClusterHarness()
        let widgets = try await harness.widgets()
        harness.options.fieldValidation = .ignore
        let created = try await harness.create(widgets, Fixtures.widget("w", size: 2, extra: ["unknown": "x"]))
        #expect(created.value[path: ["spec", "color"]] == "red")
        #expect(created.value[path: ["spec", "unknown"]] == nil)
        let invalid = await apiError { try await harness.create(widgets, Fixtures.widget("bad", size: 0, extra: ["color": "green", "tags": "x"])) }
        #expect(invalid?.code == 422)
        #expect(invalid?.status.reason == "Invalid")
        let fields = invalid?.status.details?.causes?.compactMap(\.field).sorted()
        #expect(fields == ["spec.color", "spec.size", "spec.tags"])
        let required = await apiError {
            try await harness.create(widgets, ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "r"], "spec": [:]])
        }
        #expect(required?.status.details?.causes?.first?.reason == "FieldValueRequired")
    }

    @Test("unknown fields are warned about by default and rejected with Strict", arguments: [FieldValidation.warn, .strict])
    func fieldValidation(mode: FieldValidation) async throws {
        var harness = await ClusterHarness()
        let widgets = try await harness.widgets()
        harness.options.fieldValidation = mode
        do throws(APIError) {
            let outcome = try await harness.cluster.create(
                widgets, namespace: "default", body: Fixtures.widget("w", size: 1, extra: ["bogus": 1]),
                options: harness.options)
            #expect(mode == .warn)
            #expect(outcome.warnings == [#"unknown field "spec.bogus""#])
        } catch {
            #expect(mode == .strict)
            #expect(error.code == 400)
            #expect(error.status.message?.contains(#"strict decoding error: unknown field "spec.bogus""#) == true)
        }
    }

    @Test("deleting a CRD deletes its custom resources and stops serving them")
    func deletion() async throws {
        let harness = await ClusterHarness()
        let widgets = try await harness.widgets()
        try await harness.create(widgets, Fixtures.widget("w", size: 1))
        _ = try await harness.cluster.delete(ClusterHarness.crds, namespace: nil, name: "widgets.example.com", options: DeleteOptions())
        await harness.settle()
        #expect(await harness.cluster.resource(group: "example.com", version: "v1", plural: "widgets") == nil)
        #expect(await !harness.exists(ClusterHarness.crds, "widgets.example.com", namespace: nil))
    }

    @Test("an invalid CRD is rejected")
    func invalidDefinition() async throws {
        let harness = await ClusterHarness()
        let wrongName = Fixtures.widgetCRD.setting(["metadata", "name"], to: "things.example.com")
        let error = await apiError { try await harness.create(ClusterHarness.crds, wrongName, namespace: nil) }
        #expect(error?.code == 422)
        #expect(error?.status.details?.causes?.contains { $0.field == "metadata.name" } == true)
    }
}
