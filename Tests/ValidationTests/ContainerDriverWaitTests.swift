import KubeClient
import KubeModels
import TestSupport
import Testing
import Validation

/// A cluster answering only the driver DaemonSet question.
struct DriverDaemonSets: ValidationCluster {
    var sets: [JSONValue]

    func node(_ name: String) async throws(ValidationError) -> JSONValue { throw .kubernetes(action: "read node", reason: "not in this fake") }
    func daemonSet(_ name: String, namespace: String) async throws(ValidationError) -> JSONValue? { nil }
    func daemonSets(namespace: String, labelSelector: String) async throws(ValidationError) -> [JSONValue] {
        labelSelector == "app.kubernetes.io/component=nvidia-driver" && namespace == "gpu-operator" ? sets : []
    }
    func pods(namespace: String?, labelSelector: String?, fieldSelector: String?) async throws(ValidationError) -> [JSONValue] { [] }
    func pod(_ name: String, namespace: String) async throws(ValidationError) -> JSONValue? { nil }
    func createPod(_ pod: JSONValue, namespace: String) async throws(ValidationError) -> JSONValue { pod }
    func deletePod(_ name: String, namespace: String) async throws(ValidationError) {}

    static func owned(by kind: String, controller: Bool = true) -> JSONValue {
        [
            "metadata": [
                "name": "nvidia-driver-daemonset",
                "ownerReferences": [["apiVersion": "nvidia.com/v1", "kind": .string(kind), "controller": .bool(controller)]],
            ]
        ]
    }
}

@Suite("Containerized driver managed by the operator")
struct ContainerDriverWaitTests {
    @Test("a driver DaemonSet counts only with a ClusterPolicy or NVIDIADriver controller")
    func managedRule() async throws {
        #expect(try await DriverDaemonSets(sets: [DriverDaemonSets.owned(by: "ClusterPolicy")]).driverManagedByOperator(namespace: "gpu-operator"))
        #expect(try await DriverDaemonSets(sets: [DriverDaemonSets.owned(by: "NVIDIADriver")]).driverManagedByOperator(namespace: "gpu-operator"))
        #expect(
            try await !DriverDaemonSets(sets: [DriverDaemonSets.owned(by: "ClusterPolicy", controller: false)]).driverManagedByOperator(
                namespace: "gpu-operator"))
        #expect(try await !DriverDaemonSets(sets: [DriverDaemonSets.owned(by: "Deployment")]).driverManagedByOperator(namespace: "gpu-operator"))
    }

    @Test("WITH_WAIT: waits for .driver-ctr-ready every interval, then validates the driver and writes driver-ready")
    func waitsForTheDriverContainer() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let library = harness.driverRoot + "/usr/lib64/libnvidia-ml.so.1"
        try harness.file(library, "fake")
        try harness.script(harness.driverRoot + "/usr/bin/nvidia-smi", "exit 0")
        let clock = ManualClock()
        let context = try harness.context(
            "driver", ["WITH_WAIT": "true", "DISABLE_DEV_CHAR_SYMLINK_CREATION": "true"],
            cluster: DriverDaemonSets(sets: [DriverDaemonSets.owned(by: "ClusterPolicy")]), time: TimeSource(clock: clock))
        let task = Task { try await Validator.run(context, searchPath: "") }
        for _ in 0..<2 {
            #expect(await clock.waitForSleepers())
            clock.advance(by: .seconds(5))
        }
        #expect(await clock.waitForSleepers())
        #expect(harness.read(harness.output + "/driver-ready") == nil)
        try harness.file(harness.output + "/.driver-ctr-ready", "")
        clock.advance(by: .seconds(5))
        try await task.value
        #expect(clock.sleepDurations == [.seconds(5), .seconds(5), .seconds(5)])
        #expect(harness.read(harness.output + "/driver-ready")?.hasPrefix("IS_HOST_DRIVER=false\nNVIDIA_DRIVER_ROOT=/run/nvidia/driver\n") == true)
        #expect(harness.read(harness.output + "/driver-ready")?.hasSuffix("NVIDIA_DEV_ROOT=/\nDEV_ROOT_CTR_PATH=/host\n") == true)
    }
}
