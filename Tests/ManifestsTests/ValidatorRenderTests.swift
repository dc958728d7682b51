import Foundation
import KubeModels
import Testing

@testable import Manifests

/// The operator-validator DaemonSet and the validation init containers of every operand (reference §4.2,
/// §4.3 "Operator validator", behaviour 10).
@Suite struct ValidatorRenderTests {
    private static let customImage = "registry.local/nvidia/gpu-operator:v9.9.9"

    private func customValidator(_ spec: inout ClusterPolicySpec) {
        spec.validator.repository = "registry.local/nvidia"
        spec.validator.image = "gpu-operator"
        spec.validator.version = "v9.9.9"
    }

    @Test func validatorRunsTheFourChecksInOrder() throws {
        let ds = try render().daemonSet(named: DS.validator)
        #expect(ds.initContainerNames == ["driver-validation", "toolkit-validation", "cuda-validation", "plugin-validation"])
    }

    @Test func pluginValidationIsRemovedWhenTheDevicePluginIsDisabled() throws {
        let ds = try render { $0.devicePlugin.enabled = false }.daemonSet(named: DS.validator)
        #expect(ds.initContainerNames == ["driver-validation", "toolkit-validation", "cuda-validation"])
    }

    @Test func everyValidationInitContainerGetsTheValidatorImageAndRunsAsRoot() throws {
        let daemonSets = try render(customValidator).daemonSets()
        var checked = 0
        for ds in daemonSets {
            for container in ds.pod.initContainers ?? [] where container.name.contains("validation") {
                #expect(container.image == Self.customImage, "\(ds.metadata.name ?? "?")/\(container.name)")
                #expect(container.securityContext?.runAsUser == 0, "\(ds.metadata.name ?? "?")/\(container.name)")
                checked += 1
            }
        }
        // toolkit 1, validator 4, device plugin 1, MPS control daemon 1, dcgm 1, dcgm-exporter 1, GFD 1,
        // MIG manager 1.
        #expect(checked == 11)
    }

    @Test func validatorMainContainerUsesTheValidatorImage() throws {
        let ds = try render(customValidator).daemonSet(named: DS.validator)
        let main = try ds.container("nvidia-operator-validator")
        #expect(main.image == Self.customImage)
        #expect(main.securityContext?.runAsUser == 0)
        #expect(main.securityContext?.privileged == true, "the template's privileged flag stays")
    }

    @Test func validatorPullPolicyAndSecretsReachEveryValidationContainer() throws {
        let objects = try render {
            $0.validator.imagePullPolicy = "Always"
            $0.validator.imagePullSecrets = ["validator-pull"]
        }
        for name in [DS.toolkit, DS.devicePlugin, DS.validator] {
            let ds = try objects.daemonSet(named: name)
            for container in ds.pod.initContainers ?? [] where container.name.contains("validation") {
                #expect(container.imagePullPolicy == "Always", "\(name)/\(container.name)")
            }
            #expect(ds.pod.imagePullSecrets?.map(\.name).contains("validator-pull") == true, "\(name)")
        }
    }

    @Test func workloadChecksAreToldTheValidatorImageAndRuntimeClass() throws {
        let ds = try render {
            customValidator(&$0)
            $0.validator.imagePullSecrets = ["a", "b"]
            $0.mig.strategy = "mixed"
        }.daemonSet(named: DS.validator)
        for name in ["cuda-validation", "plugin-validation"] {
            let check = try ds.container(name)
            #expect(check.env("VALIDATOR_IMAGE") == Self.customImage, "\(name)")
            #expect(check.env("VALIDATOR_IMAGE_PULL_POLICY") == "IfNotPresent", "\(name)")
            #expect(check.env("VALIDATOR_IMAGE_PULL_SECRETS") == "a,b", "\(name)")
            #expect(check.env("VALIDATOR_RUNTIME_CLASS") == "nvidia", "\(name)")
        }
        #expect(try ds.container("plugin-validation").env("MIG_STRATEGY") == "mixed")
        #expect(try ds.container("cuda-validation").env("MIG_STRATEGY") == nil)
    }

    @Test func perCheckEnvGoesToItsOwnCheck() throws {
        let ds = try render {
            $0.validator.driver = EnvListSpec(env: [EnvVarSpec(name: "DISABLE_DEV_CHAR_SYMLINK_CREATION", value: "true")])
            $0.validator.toolkit = EnvListSpec(env: [EnvVarSpec(name: "TOOLKIT_CHECK", value: "1")])
            $0.validator.cuda = EnvListSpec(env: [EnvVarSpec(name: "CUDA_CHECK", value: "1")])
            $0.validator.plugin = EnvListSpec(env: [EnvVarSpec(name: "WITH_WORKLOAD", value: "true")])
        }.daemonSet(named: DS.validator)
        #expect(try ds.container("driver-validation").env("DISABLE_DEV_CHAR_SYMLINK_CREATION") == "true")
        #expect(try ds.container("toolkit-validation").env("TOOLKIT_CHECK") == "1")
        #expect(try ds.container("cuda-validation").env("CUDA_CHECK") == "1")
        #expect(try ds.container("plugin-validation").env("WITH_WORKLOAD") == "true", "overwrites the template's false")
        #expect(try ds.container("plugin-validation").env("CUDA_CHECK") == nil)
        #expect(try ds.container("cuda-validation").env("TOOLKIT_CHECK") == nil)
    }

    @Test func driverCheckEnvAlsoReachesTheToolkitsDriverValidation() throws {
        let ds = try render {
            $0.validator.driver = EnvListSpec(env: [EnvVarSpec(name: "DISABLE_DEV_CHAR_SYMLINK_CREATION", value: "true")])
        }.daemonSet(named: DS.toolkit)
        #expect(try ds.container("driver-validation").env("DISABLE_DEV_CHAR_SYMLINK_CREATION") == "true")
    }

    @Test func nriPluginAnnotatesToolkitValidation() throws {
        let ds = try render { $0.cdi.nriPluginEnabled = true }.daemonSet(named: DS.validator)
        let annotations = ds.spec?.template.metadata?.annotations ?? [:]
        #expect(annotations["nvidia.cdi.k8s.io/container.toolkit-validation"] == "management.nvidia.com/gpu=all")
        #expect(try ds.container("cuda-validation").env("VALIDATOR_RUNTIME_CLASS") == nil)
    }

    @Test func customDriverInstallDirReachesDriverValidation() throws {
        let ds = try render { $0.hostPaths.driverInstallDir = "/opt/nvidia-driver" }.daemonSet(named: DS.validator)
        let check = try ds.container("driver-validation")
        #expect(check.env("DRIVER_INSTALL_DIR") == "/opt/nvidia-driver")
        #expect(check.env("DRIVER_INSTALL_DIR_CTR_PATH") == "/opt/nvidia-driver")
        #expect(check.mounts(of: "driver-install-dir").map(\.mountPath) == ["/opt/nvidia-driver"])
        #expect(try ds.volume("driver-install-dir").hostPath?.path == "/opt/nvidia-driver")
    }
}

@Suite("The validator runs our image by default, NVIDIA's when a policy names it")
struct ValidatorImageDefaultTests {
    @Test("the built-in validator image is our operator image, which carries nvidia-validator")
    func defaultIsOurs() {
        #expect(ImagePaths.builtInDefaults["VALIDATOR_IMAGE"] == ImagePaths.operatorImage)
        #expect(ImagePaths.operatorImage.hasPrefix("ghcr.io/swift-gpu-operator/operator:"))
    }

    @Test("a policy naming NVIDIA's operator image still wins, and the commands stay nvidia-validator")
    func policyCanNameNVIDIAs() throws {
        let source = ImageSource(
            path: FieldPath(dotted: "spec.validator"), repository: "nvcr.io/nvidia", image: "gpu-operator", version: "v26.7.0",
            environmentVariable: "VALIDATOR_IMAGE", builtInDefault: ImagePaths.operatorImage)
        #expect(try ImagePaths.resolve(source, environment: [:]) == "nvcr.io/nvidia/gpu-operator:v26.7.0")
        let template = try #require(EmbeddedTemplates.files.first { $0.path.hasPrefix("operator-validation/0500") }?.text)
        #expect(template.components(separatedBy: "command: [\"nvidia-validator\"]").count - 1 == 4)
    }
}
