import KubeModels
import Testing

@testable import Manifests

/// `spec.daemonsets` update strategy (reference §4.1, behaviour 5).
@Suite struct UpdateStrategyTests {
    private static let expectedError = #"spec.daemonsets.rollingUpdate.maxUnavailable: expected an integer or a percentage, got "x""#

    @Test func onDeleteAppliesToEveryDaemonSet() throws {
        let daemonSets = try render { $0.daemonsets.updateStrategy = "OnDelete" }.daemonSets()
        #expect(daemonSets.count >= 6)
        for ds in daemonSets {
            #expect(ds.spec?.updateStrategy?.type == "OnDelete", "\(ds.metadata.name ?? "?")")
            #expect(ds.spec?.updateStrategy?.rollingUpdate == nil, "\(ds.metadata.name ?? "?")")
        }
    }

    @Test func onDeleteWinsOverARollingUpdateBound() throws {
        let daemonSets = try render {
            $0.daemonsets.updateStrategy = "OnDelete"
            $0.daemonsets.rollingUpdate = RollingUpdateSpec(maxUnavailable: "1")
        }.daemonSets()
        #expect(daemonSets.allSatisfy { $0.spec?.updateStrategy?.type == "OnDelete" })
    }

    /// `maxUnavailable` as written → the value in every operand DaemonSet but the driver.
    @Test(arguments: [("1", IntOrString.int(1)), ("20%", .string("20%")), ("0", .int(0)), ("100%", .string("100%"))])
    func rollingUpdateBoundKeepsItsForm(raw: String, expected: IntOrString) throws {
        let daemonSets = try render {
            $0.daemonsets.updateStrategy = "RollingUpdate"
            $0.daemonsets.rollingUpdate = RollingUpdateSpec(maxUnavailable: raw)
        }.daemonSets()
        for ds in daemonSets where ds.metadata.name != DS.driver {
            #expect(ds.spec?.updateStrategy?.type == "RollingUpdate", "\(ds.metadata.name ?? "?")")
            #expect(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable == expected, "\(ds.metadata.name ?? "?")")
        }
    }

    @Test func rollingUpdateBoundIsAnIntegerOnTheWire() throws {
        let objects = try render { $0.daemonsets.rollingUpdate = RollingUpdateSpec(maxUnavailable: "1") }
        let body = try #require(objects.object(kind: "DaemonSet", named: DS.devicePlugin)?.body)
        #expect(body[path: ["spec", "updateStrategy", "rollingUpdate", "maxUnavailable"]] == .int(1))
    }

    @Test func withoutABoundOperandsKeepTheKubernetesDefault() throws {
        let daemonSets = try render { $0.daemonsets.updateStrategy = "RollingUpdate" }.daemonSets()
        for ds in daemonSets where ds.metadata.name != DS.driver {
            #expect(ds.spec?.updateStrategy == nil, "\(ds.metadata.name ?? "?")")
        }
    }

    @Test func driverNeverGetsRollingUpdate() throws {
        let objects = try render(
            {
                $0.daemonsets.rollingUpdate = RollingUpdateSpec(maxUnavailable: "20%")
                $0.driver.repository = "nvcr.io/nvidia"
                $0.driver.image = "driver"
                $0.driver.version = "535"
                $0.driver.usePrecompiled = true
            }, facts: facts { $0.kernels = [KernelFact(version: "5.4.0-generic", os: "ubuntu22.04")] })
        let driver = try objects.daemonSet(named: "nvidia-driver-daemonset-5.4.0-generic-ubuntu22.04")
        #expect(driver.spec?.updateStrategy?.type == "OnDelete")
        #expect(driver.spec?.updateStrategy?.rollingUpdate == nil)
    }

    @Test func invalidBoundFailsTheRenderWithThePathAndValue() throws {
        let error = try #require(renderError { $0.daemonsets.rollingUpdate = RollingUpdateSpec(maxUnavailable: "x") })
        #expect(error.description == Self.expectedError)
    }

    @Test func invalidBoundIsRejectedByTheLoaderWithItsPosition() throws {
        let yaml = """
            apiVersion: nvidia.com/v1
            kind: ClusterPolicy
            metadata:
              name: cluster-policy
            spec:
              daemonsets:
                updateStrategy: RollingUpdate
                rollingUpdate:
                  maxUnavailable: "x"
            """
        let errors = loadErrors(yaml)
        // The CRD schema's pattern rejects it first, as the API server would.
        #expect(
            errors.map(\.description) == [
                #"cp.yaml:9:7: spec.daemonsets.rollingUpdate.maxUnavailable: expected a value matching '^[0-9]+%?$', got string "x""#
            ])
    }

    @Test(arguments: ["x", "", "-1", "1.5", "%", "x%", "1.5%", "20 %", "99999999999", "½%", "٣"])
    func invalidBoundsAreRejected(raw: String) {
        do {
            let value = try DaemonSetTransforms.maxUnavailable(raw)
            Issue.record("\"\(raw)\" was accepted as \(value)")
        } catch {
            #expect(error.path?.description == "spec.daemonsets.rollingUpdate.maxUnavailable")
            #expect(error.message == "expected an integer or a percentage, got \"\(raw)\"")
        }
    }
}
