import KubeModels
import Testing

@testable import Manifests

/// The driver DaemonSet(s) (reference §4.3 "Driver", §4.6; behaviour 2).
@Suite struct DriverRenderTests {
    /// The upstream test's driver: `nvcr.io/nvidia/driver:470.57.02` with a test driver manager.
    private func upstreamDriver(_ spec: inout ClusterPolicySpec) {
        spec.driver.repository = "nvcr.io/nvidia"
        spec.driver.image = "driver"
        spec.driver.version = "470.57.02"
        spec.driver.manager = DriverManagerSpec(repository: "nvcr.io/nvidia/cloud-native", image: "k8s-driver-manager", version: "test")
    }

    private let twoKernels = facts {
        $0.kernels = [KernelFact(version: "5.4.135-generic", os: "ubuntu22.04"), KernelFact(version: "5.4.0-generic", os: "ubuntu22.04")]
    }

    @Test func driverImageGetsTheNodeOSSuffix() throws {
        let ds = try render(upstreamDriver).daemonSet(named: DS.driver)
        #expect(try ds.container("nvidia-driver-ctr").image == "nvcr.io/nvidia/driver:470.57.02-ubuntu22.04")
    }

    @Test func driverManagerImageComesFromDriverManager() throws {
        let ds = try render(upstreamDriver).daemonSet(named: DS.driver)
        #expect(try ds.container("k8s-driver-manager").image == "nvcr.io/nvidia/cloud-native/k8s-driver-manager:test")
    }

    @Test func driverManagerFallsBackToItsEnvironmentVariable() throws {
        let objects = try render(facts: facts { $0.imageEnvironment = ["DRIVER_MANAGER_IMAGE": "mirror.local/k8s-driver-manager:v1"] })
        #expect(try objects.daemonSet(named: DS.driver).container("k8s-driver-manager").image == "mirror.local/k8s-driver-manager:v1")
    }

    @Test func precompiledRendersOneDaemonSetPerKernel() throws {
        let objects = try render(
            {
                upstreamDriver(&$0)
                $0.driver.usePrecompiled = true
            }, facts: twoKernels)
        let names = objects.daemonSetNames.filter { $0.hasPrefix(DS.driver) }
        #expect(names == ["nvidia-driver-daemonset-5.4.0-generic-ubuntu22.04", "nvidia-driver-daemonset-5.4.135-generic-ubuntu22.04"])
        var selectors: Set<String> = []
        for kernel in ["5.4.0-generic", "5.4.135-generic"] {
            let name = "nvidia-driver-daemonset-\(kernel)-ubuntu22.04"
            let ds = try objects.daemonSet(named: name)
            #expect(try ds.container("nvidia-driver-ctr").image == "nvcr.io/nvidia/driver:470.57.02-\(kernel)-ubuntu22.04")
            #expect(ds.metadata.labels?["nvidia.com/precompiled"] == "true")
            #expect(ds.podLabels["nvidia.com/precompiled"] == "true")
            #expect(ds.pod.nodeSelector?["feature.node.kubernetes.io/kernel-version.full"] == kernel)
            #expect(ds.pod.nodeSelector?["nvidia.com/gpu.deploy.driver"] == "true")
            let app = try #require(ds.spec?.selector.matchLabels?["app"])
            #expect(app == name)
            #expect(ds.podLabels["app"] == app, "the selector must match the pod template")
            #expect(ds.metadata.labels?["app.kubernetes.io/component"] == "nvidia-driver")
            selectors.insert(app)
        }
        #expect(selectors.count == 2, "each per-kernel DaemonSet needs its own selector")
    }

    @Test func precompiledImageUsesEachKernelsOwnOS() throws {
        let objects = try render(
            {
                upstreamDriver(&$0)
                $0.driver.usePrecompiled = true
            },
            facts: facts {
                $0.kernels = [
                    KernelFact(version: "5.15.0-105-generic", os: "ubuntu22.04"), KernelFact(version: "6.8.0-40-generic", os: "ubuntu24.04"),
                ]
            })
        let noble = try objects.daemonSet(named: "nvidia-driver-daemonset-6.8.0-40-generic-ubuntu24.04")
        #expect(try noble.container("nvidia-driver-ctr").image == "nvcr.io/nvidia/driver:470.57.02-6.8.0-40-generic-ubuntu24.04")
    }

    @Test func sameKernelOnTwoOSesIsAnError() throws {
        let error = try #require(
            renderError(
                {
                    upstreamDriver(&$0)
                    $0.driver.usePrecompiled = true
                },
                facts: facts {
                    $0.kernels = [
                        KernelFact(version: "5.15.0-105-generic", os: "ubuntu22.04"), KernelFact(version: "5.15.0-105-generic", os: "ubuntu20.04"),
                    ]
                }))
        #expect(error.path?.description == "spec.driver.usePrecompiled")
        #expect(error.message.contains("5.15.0-105-generic"))
    }

    @Test func precompiledWithoutAVersionIsAnError() throws {
        let error = try #require(renderError { $0.driver.usePrecompiled = true })
        #expect(error.path?.description == "spec.driver")
    }

    @Test(arguments: [
        ("5.4.0-generic", "ubuntu22.04", "nvidia-driver-daemonset-5.4.0-generic-ubuntu22.04"),
        ("4.18.0-372.el8.x86_64", "rhel8", "nvidia-driver-daemonset-4.18.0-372.el8-rhel8"),
        ("5.14.0-427.el9.aarch64_64k", "rhel9", "nvidia-driver-daemonset-5.14.0-427.el9-rhel9"),
        ("6.4.0-150600.21-Default", "sles15.6", "nvidia-driver-daemonset-6.4.0-150600.21-default-sles15.6"),
        ("5.15.0_custom", "ubuntu22.04", "nvidia-driver-daemonset-5.15.0.custom-ubuntu22.04"),
    ])
    func precompiledNameIsTheSanitizedKernel(kernel: String, os: String, expected: String) {
        #expect(DriverRender.precompiledName(kernel: kernel, osTag: os) == expected)
    }

    @Test func driverStaysOnDeleteUnderRollingUpdateSettings() throws {
        let objects = try render {
            $0.daemonsets.updateStrategy = "RollingUpdate"
            $0.daemonsets.rollingUpdate = RollingUpdateSpec(maxUnavailable: "1")
        }
        let ds = try objects.daemonSet(named: DS.driver)
        #expect(ds.spec?.updateStrategy?.type == "OnDelete")
        #expect(ds.spec?.updateStrategy?.rollingUpdate == nil)
    }

    @Test func openKernelModuleTypeSetsBothVariables() throws {
        let driver = try render { $0.driver.kernelModuleType = "open" }.daemonSet(named: DS.driver).container("nvidia-driver-ctr")
        #expect(driver.env("KERNEL_MODULE_TYPE") == "open")
        #expect(driver.env("OPEN_KERNEL_MODULES_ENABLED") == "true")
    }

    @Test(arguments: ["auto", "proprietary"])
    func otherKernelModuleTypesDoNotEnableOpenModules(type: String) throws {
        let driver = try render { $0.driver.kernelModuleType = type }.daemonSet(named: DS.driver).container("nvidia-driver-ctr")
        #expect(driver.env("KERNEL_MODULE_TYPE") == type)
        #expect(driver.env("OPEN_KERNEL_MODULES_ENABLED") == nil)
    }

    @Test func probeOverridesApplyOnlyNonZeroFields() throws {
        let driver = try render {
            $0.driver.startupProbe = ContainerProbeSpec(
                initialDelaySeconds: 0, timeoutSeconds: 30, periodSeconds: 0, successThreshold: nil, failureThreshold: 200)
        }.daemonSet(named: DS.driver).container("nvidia-driver-ctr")
        let probe = try #require(driver.startupProbe)
        #expect(probe.initialDelaySeconds == 60, "0 keeps the template's value")
        #expect(probe.timeoutSeconds == 30)
        #expect(probe.periodSeconds == 10, "0 keeps the template's value")
        #expect(probe.successThreshold == 1)
        #expect(probe.failureThreshold == 200)
        #expect(probe.exec?.command == ["sh", "/usr/local/bin/startup-probe.sh"])
    }

    @Test func kernelModuleConfigWithoutKnownKeysIsAClearError() throws {
        let error = try #require(renderError { $0.driver.kernelModuleConfig = NamedConfigSpec(name: "kernel-module-params") })
        #expect(error.path?.description == "spec.driver.kernelModuleConfig.name")
        #expect(error.description.hasPrefix("spec.driver.kernelModuleConfig.name: "))
        #expect(error.message.contains("kernel-module-params"))
    }

    @Test func kernelModuleConfigMountsEachKeyBySubPath() throws {
        let ds = try render(
            { $0.driver.kernelModuleConfig = NamedConfigSpec(name: "kernel-module-params") },
            facts: facts { $0.configMapKeys = ["kernel-module-params": ["nvidia.conf", "nvidia-uvm.conf"]] }
        )
        .daemonSet(named: DS.driver)
        let mounts = try ds.container("nvidia-driver-ctr").mounts(of: "kernel-module-config")
        #expect(mounts.map(\.mountPath) == ["/drivers/nvidia-uvm.conf", "/drivers/nvidia.conf"])
        #expect(mounts.map(\.subPath) == ["nvidia-uvm.conf", "nvidia.conf"])
        #expect(try ds.volume("kernel-module-config").configMap?.name == "kernel-module-params")
    }

    @Test func driverEnvGoesToTheDriverContainerNotTheManager() throws {
        let ds = try render { $0.driver.env = [EnvVarSpec(name: "CUSTOM", value: "1")] }.daemonSet(named: DS.driver)
        #expect(try ds.container("nvidia-driver-ctr").env("CUSTOM") == "1")
        #expect(try ds.container("k8s-driver-manager").env("CUSTOM") == nil)
    }

    @Test func configDigestIsOnBothContainersAndFollowsTheImage() throws {
        let first = try render(upstreamDriver).daemonSet(named: DS.driver)
        let second = try render {
            upstreamDriver(&$0)
            $0.driver.version = "470.57.03"
        }.daemonSet(named: DS.driver)
        let digest = try #require(try first.container("nvidia-driver-ctr").env("DRIVER_CONFIG_DIGEST"))
        #expect(try first.container("k8s-driver-manager").env("DRIVER_CONFIG_DIGEST") == digest)
        #expect(try second.container("nvidia-driver-ctr").env("DRIVER_CONFIG_DIGEST") != digest)
    }

    @Test func driverHasNoSidecarsOfOutOfScopeFeatures() throws {
        let ds = try render().daemonSet(named: DS.driver)
        #expect(ds.containerNames == ["k8s-driver-manager", "nvidia-driver-ctr"])
    }

    /// Upstream does not map `driver.upgradePolicy.drain` into the manager's env: the template's stays.
    @Test func drainPolicyDoesNotReachTheDriverManager() throws {
        let defaults = try render().daemonSet(named: DS.driver).container(DriverRender.managerContainer)
        let drained = try render {
            $0.driver.upgradePolicy = DriverUpgradePolicySpec(
                autoUpgrade: true, drain: DrainSpec(enable: true, force: true, podSelector: "app=x", timeoutSeconds: 60, deleteEmptyDir: true))
        }.daemonSet(named: DS.driver).container(DriverRender.managerContainer)
        let names = ["ENABLE_AUTO_DRAIN", "DRAIN_USE_FORCE", "DRAIN_POD_SELECTOR_LABEL", "DRAIN_TIMEOUT_SECONDS", "DRAIN_DELETE_EMPTYDIR_DATA"]
        #expect(names.map { drained.env($0) } == ["false", "false", "", "0s", "false"])
        #expect(
            drained.envLines.filter { !$0.hasPrefix("DRIVER_CONFIG_DIGEST=") } == defaults.envLines.filter { !$0.hasPrefix("DRIVER_CONFIG_DIGEST=") })
    }

    @Test func driverManagerEnvStillOverridesTheDrainDefaults() throws {
        let manager = try render {
            $0.driver.manager = DriverManagerSpec(env: [EnvVarSpec(name: "ENABLE_AUTO_DRAIN", value: "true")])
        }.daemonSet(named: DS.driver).container(DriverRender.managerContainer)
        #expect(manager.env("ENABLE_AUTO_DRAIN") == "true")
        #expect(manager.envNames.filter { $0 == "ENABLE_AUTO_DRAIN" }.count == 1)
    }
}
