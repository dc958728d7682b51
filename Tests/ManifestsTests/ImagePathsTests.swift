import KubeModels
import Testing

@testable import Manifests

/// Image reference composition (reference §1.5, behaviour 1).
@Suite struct ImagePathsTests {
    private func source(_ repository: String?, _ image: String?, _ version: String?, env: String = "DRIVER_IMAGE") -> ImageSource {
        ImageSource(
            path: FieldPath(dotted: "spec.driver"), repository: repository, image: image, version: version,
            environmentVariable: env, builtInDefault: "builtin/default:1")
    }

    @Test func fullTripleComposesRepositoryImageAndTag() throws {
        let image = try ImagePaths.resolve(source("nvcr.io/nvidia", "driver", "535"), environment: [:])
        #expect(image == "nvcr.io/nvidia/driver:535")
    }

    @Test func sha256VersionIsADigestReference() throws {
        let image = try ImagePaths.resolve(source("nvcr.io/nvidia", "driver", "sha256:abc"), environment: [:])
        #expect(image == "nvcr.io/nvidia/driver@sha256:abc")
    }

    @Test func imageAloneIsUsedVerbatim() throws {
        let reference = "nvcr.io/nvidia/driver@sha256:0123456789abcdef"
        let image = try ImagePaths.resolve(source(nil, reference, nil), environment: ["DRIVER_IMAGE": "env/driver:1"])
        #expect(image == reference)
    }

    /// Every partial triple takes the missing parts from the environment's reference.
    @Test(
        arguments: [
            ("nvcr.io/nvidia", "driver", nil, "nvcr.io/nvidia/driver:1"),
            ("nvcr.io/nvidia", nil, "535", "nvcr.io/nvidia/driver:535"),
            (nil, "driver", "535", "env/driver:535"),
            ("nvcr.io/nvidia", nil, nil, "nvcr.io/nvidia/driver:1"),
            (nil, nil, "535", "env/driver:535"),
            ("nvcr.io/nvidia", "driver", "", "nvcr.io/nvidia/driver:1"),
            ("", "driver", "535", "env/driver:535"),
            (nil, nil, "sha256:abc", "env/driver@sha256:abc"),
            ("mirror.local", "driver:2", nil, "mirror.local/driver:2"),
        ] as [(String?, String?, String?, String)])
    func partialTripleTakesTheRestFromTheEnvironment(repository: String?, image: String?, version: String?, expected: String) throws {
        let resolved = try ImagePaths.resolve(source(repository, image, version), environment: ["DRIVER_IMAGE": "env/driver:1"])
        #expect(resolved == expected)
    }

    @Test func partialTripleTakesTheRestFromTheBuiltInDefault() throws {
        #expect(try ImagePaths.resolve(source(nil, nil, "2"), environment: [:]) == "builtin/default:2")
        #expect(try ImagePaths.resolve(source("mirror.local/x", nil, nil), environment: [:]) == "mirror.local/x/default:1")
    }

    /// The one contradiction: an image that carries a tag or digest together with a version.
    @Test(arguments: [("driver:535", "550"), ("driver@sha256:abc", "535"), ("driver:535", "sha256:abc")])
    func imageWithTagAndVersionIsAnError(image: String, version: String) {
        do {
            let resolved = try ImagePaths.resolve(source("nvcr.io/nvidia", image, version), environment: [:])
            Issue.record("expected an error, got \(resolved)")
        } catch {
            #expect(error.path?.description == "spec.driver.version")
            #expect(error.message.contains("already carries a tag or digest"))
        }
    }

    @Test(arguments: [
        ("nvcr.io/nvidia/driver:595.91.07", "nvcr.io/nvidia", "driver", "595.91.07"),
        ("registry.local:5000/driver", "registry.local:5000", "driver", ""),
        ("driver@sha256:abc", "", "driver", "sha256:abc"),
        ("a/b/c:v1", "a/b", "c", "v1"),
    ])
    func referencesSplitIntoTheThreeFields(reference: String, repository: String, image: String, version: String) {
        let parts = ImageReferenceParts(parsing: reference)
        #expect(parts == ImageReferenceParts(repository: repository, image: image, version: version))
    }

    @Test func environmentVariableIsTheFallback() throws {
        let image = try ImagePaths.resolve(source(nil, nil, nil), environment: ["DRIVER_IMAGE": "registry.local/driver:1"])
        #expect(image == "registry.local/driver:1")
    }

    @Test func emptyEnvironmentVariableFallsThroughToTheBuiltInDefault() throws {
        #expect(try ImagePaths.resolve(source(nil, nil, nil), environment: ["DRIVER_IMAGE": ""]) == "builtin/default:1")
        #expect(try ImagePaths.resolve(source(nil, nil, nil), environment: [:]) == "builtin/default:1")
    }

    @Test func environmentVariableOfAnotherComponentIsIgnored() throws {
        let image = try ImagePaths.resolve(source(nil, nil, nil), environment: ["DEVICE_PLUGIN_IMAGE": "registry.local/plugin:1"])
        #expect(image == "builtin/default:1")
    }

    @Test(arguments: [
        ("nvcr.io/nvidia/driver:535", "ubuntu22.04", "nvcr.io/nvidia/driver:535-ubuntu22.04"),
        ("nvcr.io/nvidia/driver:550.54", "rhel9", "nvcr.io/nvidia/driver:550.54-rhel9"),
        ("nvcr.io/nvidia/driver@sha256:abc", "ubuntu22.04", "nvcr.io/nvidia/driver@sha256:abc"),
        ("registry.local/driver:sha256:abc", "ubuntu22.04", "registry.local/driver:sha256:abc"),
    ])
    func driverOSSuffixIsAppendedExceptToDigests(reference: String, osTag: String, expected: String) {
        #expect(ImagePaths.withOSSuffix(reference, osTag: osTag) == expected)
    }

    @Test(arguments: [
        ("ubuntu", "22.04", "ubuntu22.04"),
        ("ubuntu", "24.04", "ubuntu24.04"),
        ("rhel", "9.4", "rhel9"),
        ("rocky", "8.10", "rocky8"),
        ("ol", "9.3", "ol9"),
        ("rhel", "8", "rhel8"),
        ("centos", "7.9", "centos7.9"),
        ("sles", "15.5", "sles15.5"),
    ])
    func osTagFromNFDKeepsOnlyTheMajorVersionForRHELFamily(id: String, versionID: String, expected: String) {
        #expect(OSTag.fromNFD(id: id, versionID: versionID) == expected)
    }

    @Test(arguments: [("ubuntu22.04", "ubuntu", "22.04"), ("rhel9", "rhel", "9"), ("sl-micro6.0", "sl-micro", "6.0")])
    func osTagSplitsAtTheFirstDigit(tag: String, id: String, version: String) {
        #expect(OSTag(tag).id == id)
        #expect(OSTag(tag).version == version)
    }

    @Test(
        arguments: [
            ("Always", "Always"), ("Never", "Never"), ("IfNotPresent", "IfNotPresent"),
            ("always", "IfNotPresent"), ("", "IfNotPresent"), (nil, "IfNotPresent"),
        ] as [(String?, String)])
    func unknownPullPolicyMeansIfNotPresent(value: String?, expected: String) {
        #expect(ImagePaths.pullPolicy(value) == expected)
    }
}

/// Image resolution as seen in rendered DaemonSets.
@Suite struct RenderedImageTests {
    @Test func environmentFallbackReachesTheRenderedDaemonSets() throws {
        let environment = [
            "DRIVER_IMAGE": "mirror.local/driver:535",
            "CONTAINER_TOOLKIT_IMAGE": "mirror.local/toolkit:1",
            "DEVICE_PLUGIN_IMAGE": "mirror.local/plugin:1",
            "DCGM_EXPORTER_IMAGE": "mirror.local/exporter:1",
            "GFD_IMAGE": "mirror.local/gfd:1",
            "VALIDATOR_IMAGE": "mirror.local/validator:1",
        ]
        let objects = try render(facts: facts { $0.imageEnvironment = environment })
        #expect(try objects.daemonSet(named: DS.driver).container("nvidia-driver-ctr").image == "mirror.local/driver:535-ubuntu22.04")
        #expect(try objects.daemonSet(named: DS.toolkit).container("nvidia-container-toolkit-ctr").image == "mirror.local/toolkit:1")
        #expect(try objects.daemonSet(named: DS.devicePlugin).container("nvidia-device-plugin").image == "mirror.local/plugin:1")
        #expect(try objects.daemonSet(named: DS.dcgmExporter).container("nvidia-dcgm-exporter").image == "mirror.local/exporter:1")
        #expect(try objects.daemonSet(named: DS.gfd).container("gpu-feature-discovery").image == "mirror.local/gfd:1")
        #expect(try objects.daemonSet(named: DS.validator).container("nvidia-operator-validator").image == "mirror.local/validator:1")
    }

    @Test func policyImageWinsOverTheEnvironment() throws {
        let objects = try render(
            {
                $0.devicePlugin.repository = "nvcr.io/nvidia"
                $0.devicePlugin.image = "k8s-device-plugin"
                $0.devicePlugin.version = "v0.17.0"
            }, facts: facts { $0.imageEnvironment = ["DEVICE_PLUGIN_IMAGE": "mirror.local/plugin:1"] })
        let plugin = try objects.daemonSet(named: DS.devicePlugin).container("nvidia-device-plugin")
        #expect(plugin.image == "nvcr.io/nvidia/k8s-device-plugin:v0.17.0")
    }

    @Test func partialPolicyImageTakesTheRestFromTheEnvironment() throws {
        let objects = try render(
            { $0.toolkit.repository = "nvcr.io/nvidia/k8s" },
            facts: facts { $0.imageEnvironment = ["CONTAINER_TOOLKIT_IMAGE": "mirror.local/toolkit:1"] })
        let toolkit = try objects.daemonSet(named: DS.toolkit).container("nvidia-container-toolkit-ctr")
        #expect(toolkit.image == "nvcr.io/nvidia/k8s/toolkit:1")
    }

    @Test func driverVersionAloneKeepsTheDefaultRepositoryAndImage() throws {
        let objects = try render { $0.driver.version = "580.65.06" }
        #expect(try objects.daemonSet(named: DS.driver).container("nvidia-driver-ctr").image == "nvcr.io/nvidia/driver:580.65.06-ubuntu22.04")
    }

    @Test func driverImageFromTheEnvironmentGetsTheOSSuffixButADigestDoesNot() throws {
        let tagged = try render(
            facts: facts {
                $0.os = "rhel9"
                $0.imageEnvironment = ["DRIVER_IMAGE": "mirror.local/driver:550.54"]
            })
        #expect(try tagged.daemonSet(named: DS.driver).container("nvidia-driver-ctr").image == "mirror.local/driver:550.54-rhel9")
        let pinned = try render(facts: facts { $0.imageEnvironment = ["DRIVER_IMAGE": "mirror.local/driver@sha256:abc"] })
        #expect(try pinned.daemonSet(named: DS.driver).container("nvidia-driver-ctr").image == "mirror.local/driver@sha256:abc")
    }

    @Test func driverDigestVersionGetsNoOSSuffix() throws {
        let objects = try render {
            $0.driver.repository = "nvcr.io/nvidia"
            $0.driver.image = "driver"
            $0.driver.version = "sha256:abc"
        }
        #expect(try objects.daemonSet(named: DS.driver).container("nvidia-driver-ctr").image == "nvcr.io/nvidia/driver@sha256:abc")
    }
}
