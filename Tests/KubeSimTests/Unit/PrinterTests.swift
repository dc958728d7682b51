import KubeModels
import KubeSim
import Testing

@Suite("Server-side printing")
struct PrinterTests {
    static let spec: JSONValue = ["initContainers": [["name": "init", "image": "i"]], "containers": [["name": "main", "image": "m"]]]
    static let time = Timestamp(secondsSinceEpoch: 1_700_000_000)

    func pod(_ stage: PodStatusFactory.Stage) -> JSONValue {
        [
            "metadata": ["name": "p"], "spec": Self.spec,
            "status": PodStatusFactory.status(spec: Self.spec, stage: stage, hostIP: "10.0.0.1", podIP: "10.244.0.2", since: Self.time, podUID: "u"),
        ]
    }

    static let stageCases: [(PodStatusFactory.Stage, String)] = [
        (PodStatusFactory.Stage.scheduled, "Pending"), (.held, "Init:0/1"), (.ready, "Running"),
    ]

    @Test("pod STATUS column", arguments: stageCases)
    func podStatus(stage: PodStatusFactory.Stage, expected: String) {
        #expect(PodStatusPrinter.reason(pod(stage)) == expected)
    }

    @Test("held pods are Pending and unready with the init container running")
    func heldPod() {
        let status = pod(.held)["status"]
        #expect(status?["phase"] == "Pending")
        #expect(!PodStatusFactory.isReady(status))
        #expect(status?["initContainerStatuses"]?[0]?["state"]?["running"] != nil)
        #expect(status?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"] == "PodInitializing")
        #expect(PodStatusFactory.isReady(pod(.ready)["status"]))
    }

    @Test("more pod statuses: waiting reasons, terminating")
    func otherStatuses() {
        let crash: JSONValue = [
            "metadata": ["name": "p"], "spec": ["containers": [["name": "c"]]],
            "status": ["phase": "Running", "containerStatuses": [["name": "c", "state": ["waiting": ["reason": "CrashLoopBackOff"]]]]],
        ]
        #expect(PodStatusPrinter.reason(crash) == "CrashLoopBackOff")
        let initError: JSONValue = [
            "spec": Self.spec, "status": ["phase": "Pending", "initContainerStatuses": [["state": ["waiting": ["reason": "ImagePullBackOff"]]]]],
        ]
        #expect(PodStatusPrinter.reason(initError) == "Init:ImagePullBackOff")
        #expect(PodStatusPrinter.reason(pod(.ready).setting(["metadata", "deletionTimestamp"], to: "2024-01-01T00:00:00Z")) == "Terminating")
    }

    @Test("custom resource tables use printer columns")
    func customTable() throws {
        var resource = APIResource(
            type: ResourceType(group: "example.com", version: "v1", plural: "widgets", kind: "Widget", isNamespaced: true), singularName: "widget")
        resource.printer = .columns([
            PrinterColumn(name: "Size", type: "integer", jsonPath: ".spec.size"),
            PrinterColumn(name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp"),
        ])
        let object: JSONValue = ["metadata": ["name": "w1", "creationTimestamp": "2023-11-14T22:11:20Z"], "spec": ["size": 3]]
        let table = TableRenderer.table(resource: resource, objects: [object], now: Self.time, includeObject: .metadata, includeColumns: true)
        #expect(table["kind"] == "Table")
        #expect(table["columnDefinitions"]?.arrayValue?.map { $0["name"] } == ["Name", "Size", "Age"])
        #expect(table["rows"]?[0]?["cells"] == ["w1", 3, "2m"])
        #expect(table["rows"]?[0]?["object"]?["kind"] == "PartialObjectMetadata")
    }

    @Test("node table")
    func nodeTable() {
        let node = NodeFactory.node(
            name: "gpu-node-0001", gpu: true, ordinal: 1,
            profile: .init(runtime: "containerd", os: "ubuntu22.04", kernel: "5.15.0-105-generic"),
            extraLabels: ["node-role.kubernetes.io/worker": ""], now: Self.time
        )
        .setting(["metadata", "creationTimestamp"], to: .string(Self.time.rfc3339))
        let cells = BuiltinPrinters.columns(forKind: "Node").map { $0.cell(node, Self.time.adding(seconds: 30)) }
        #expect(Array(cells.prefix(5)) == ["gpu-node-0001", "Ready", "worker", "30s", "v1.32.0"])
        #expect(cells.last == "containerd://1.7.20")
    }
}

extension JSONValue {
    /// Element access for tests.
    subscript(index: Int) -> JSONValue? { arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil } }
}
