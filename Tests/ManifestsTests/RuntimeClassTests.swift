import KubeModels
import Testing

@testable import Manifests

/// The pre-requisites component: RuntimeClasses (reference §2.3, behaviour 10).
@Suite struct RuntimeClassTests {
    private func runtimeClasses(_ mutate: (inout ClusterPolicySpec) -> Void = { _ in }) throws -> [RenderedObject] {
        try render(mutate).objects(kind: "RuntimeClass")
    }

    private func handlers(_ objects: [RenderedObject]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: objects.map { ($0.name, $0.body["handler"]?.stringValue ?? "") })
    }

    @Test func cdiEnabledRendersMainCDIAndLegacyClasses() throws {
        let objects = try runtimeClasses()
        #expect(objects.map(\.name) == ["nvidia", "nvidia-legacy", "nvidia-cdi"])
        #expect(handlers(objects) == ["nvidia": "nvidia", "nvidia-legacy": "nvidia-legacy", "nvidia-cdi": "nvidia-cdi"])
        for object in objects {
            #expect(object.body["apiVersion"] == "node.k8s.io/v1")
            #expect(object.namespace == nil, "RuntimeClasses are cluster-scoped")
            #expect(object.component == .preRequisites)
        }
    }

    @Test func cdiExplicitlyEnabledIsTheSameAsTheDefault() throws {
        #expect(try runtimeClasses { $0.cdi.enabled = true }.map(\.name) == ["nvidia", "nvidia-legacy", "nvidia-cdi"])
    }

    @Test func cdiDisabledRendersOnlyTheMainClass() throws {
        let objects = try runtimeClasses { $0.cdi.enabled = false }
        #expect(objects.map(\.name) == ["nvidia"])
        #expect(objects.first?.body["handler"] == "nvidia")
    }

    @Test func customRuntimeClassNamesTheMainClassAndItsHandler() throws {
        let objects = try runtimeClasses { $0.operator.runtimeClass = "nvidia-gpu" }
        #expect(objects.map(\.name) == ["nvidia-gpu", "nvidia-legacy", "nvidia-cdi"])
        #expect(handlers(objects)["nvidia-gpu"] == "nvidia-gpu")
        #expect(!objects.contains { $0.name == "nvidia" })
    }

    @Test func emptyRuntimeClassMeansNvidia() throws {
        #expect(try runtimeClasses { $0.operator.runtimeClass = "" }.first?.name == "nvidia")
    }

    @Test func mainClassNamedLikeAnExtraClassIsRenderedOnce() throws {
        let objects = try runtimeClasses { $0.operator.runtimeClass = "nvidia-cdi" }
        #expect(objects.map(\.name).sorted() == ["nvidia-cdi", "nvidia-legacy"])
    }

    @Test func nriPluginDisablesThePrerequisitesComponent() throws {
        let result = try Renderer.render(policy { $0.cdi.nriPluginEnabled = true }, facts: ClusterFacts())
        #expect(result.objects.objects(kind: "RuntimeClass").isEmpty)
        #expect(!result.enabledComponents.contains(.preRequisites))
        for ds in try result.objects.daemonSets() {
            #expect(ds.pod.runtimeClassName == nil, "\(ds.metadata.name ?? "?") must not name a RuntimeClass that is not rendered")
        }
    }

    @Test func everyRuntimeClassNameOperandsUseIsRendered() throws {
        for runtimeClass in [nil, "nvidia-gpu"] as [String?] {
            let objects = try render { $0.operator.runtimeClass = runtimeClass }
            let rendered = Set(objects.objects(kind: "RuntimeClass").map(\.name))
            for ds in try objects.daemonSets() {
                if let name = ds.pod.runtimeClassName {
                    #expect(rendered.contains(name), "\(ds.metadata.name ?? "?") uses \(name)")
                }
            }
        }
    }

    /// Which operands run under the NVIDIA runtime class (reference §4.2).
    @Test func runtimeClassIsSetOnGPUOperandsOnly() throws {
        let objects = try render()
        for name in [DS.validator, DS.devicePlugin, DS.dcgm, DS.dcgmExporter, DS.gfd] {
            #expect(try objects.daemonSet(named: name).pod.runtimeClassName == "nvidia", "\(name)")
        }
        for name in [DS.driver, DS.toolkit] {
            #expect(try objects.daemonSet(named: name).pod.runtimeClassName == nil, "\(name)")
        }
    }
}
