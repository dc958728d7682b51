import Foundation
import KubeClient
import KubeModels
import Testing

/// Every wire model decodes from, and encodes to, a ``JSONValue`` tree exactly as Foundation's coders do.
@Suite("JSONValue coders: model round trips")
struct JSONValueModelRoundTripTests {
    /// Decodes `json` as `T` with both decoders and encodes the result with both encoders.
    ///
    /// Checks that the tree decoder agrees with `JSONDecoder`, that the tree encoder agrees with
    /// `JSONEncoder` (parsed back), that the fixture survives decode-then-encode unchanged (so it names
    /// only modeled fields and decoding dropped none), and that the encoded tree decodes to the same value.
    static func check<T: Codable & Equatable>(_ type: T.Type, _ json: String) throws {
        let tree = try JSONValue(parsingUTF8: Array(json.utf8))
        let fast = try JSONValueDecoder().decode(T.self, from: tree)
        let foundation = try JSONDecoder().decode(T.self, from: Data(json.utf8))
        #expect(fast == foundation, "\(T.self): tree decoder and JSONDecoder disagree")

        let encoded = try JSONValueEncoder().encode(fast)
        let foundationEncoded = try JSONValue(parsingUTF8: Array(try JSONEncoder().encode(fast)))
        #expect(encoded == foundationEncoded, "\(T.self): tree encoder and JSONEncoder disagree")
        #expect(encoded == tree, "\(T.self): the fixture does not survive a round trip")
        #expect(try JSONValueDecoder().decode(T.self, from: encoded) == fast)
    }

    @Test("core objects")
    func coreObjects() throws {
        try Self.check(Node.self, ModelFixtures.node)
        try Self.check(Namespace.self, ModelFixtures.namespace)
        try Self.check(ServiceAccount.self, ModelFixtures.serviceAccount)
        try Self.check(ConfigMap.self, ModelFixtures.configMap)
        try Self.check(Secret.self, ModelFixtures.secret)
        try Self.check(Service.self, ModelFixtures.service)
        try Self.check(RuntimeClass.self, ModelFixtures.runtimeClass)
        try Self.check(Lease.self, ModelFixtures.lease)
        try Self.check(PartialObjectMetadata.self, ModelFixtures.partialObjectMetadata)
    }

    @Test("workloads")
    func workloads() throws {
        try Self.check(DaemonSet.self, ModelFixtures.daemonSet)
        try Self.check(Pod.self, ModelFixtures.pod)
        try Self.check(Container.self, ModelFixtures.container)
        try Self.check(Probe.self, ModelFixtures.probe)
        try Self.check(ControllerRevision.self, ModelFixtures.controllerRevision)
    }

    @Test("RBAC")
    func rbac() throws {
        try Self.check(Role.self, ModelFixtures.role)
        try Self.check(ClusterRole.self, ModelFixtures.clusterRole)
        try Self.check(RoleBinding.self, ModelFixtures.roleBinding)
        try Self.check(ClusterRoleBinding.self, ModelFixtures.clusterRoleBinding)
    }

    @Test("API machinery: CRDs with schemas, events, status, delete options")
    func machinery() throws {
        try Self.check(CustomResourceDefinition.self, ModelFixtures.customResourceDefinition)
        try Self.check(JSONSchemaProps.self, ModelFixtures.schema)
        try Self.check(Event.self, ModelFixtures.event)
        try Self.check(EventsV1Event.self, ModelFixtures.eventsV1Event)
        try Self.check(Status.self, ModelFixtures.status)
        try Self.check(DeleteOptions.self, ModelFixtures.deleteOptions)
    }

    @Test("nested generics: ObjectList<Node> and lists of raw objects")
    func lists() throws {
        let tree = try JSONValue(parsingUTF8: Array(ModelFixtures.nodeList.utf8))
        let list = try JSONValueDecoder().decode(ObjectList<Node>.self, from: tree)
        let foundation = try JSONDecoder().decode(ObjectList<Node>.self, from: Data(ModelFixtures.nodeList.utf8))
        #expect(list.items == foundation.items)
        #expect(list.metadata == foundation.metadata)
        #expect(list.items.map(\.metadata.name) == ["gpu-1", "cpu-1"])
        #expect(list.metadata.remainingItemCount == 1)
        #expect(try JSONValueEncoder().encode(list) == tree)

        let raw = try JSONValueDecoder().decode(ObjectList<JSONValue>.self, from: tree)
        #expect(raw.items.first == tree["items"]?.arrayValue?.first)
        #expect(try JSONValueEncoder().encode(raw) == tree)
    }

    @Test("IntOrString keeps the written form and reads fractional numbers as text")
    func intOrString() throws {
        let decoder = JSONValueDecoder()
        #expect(try decoder.decode(IntOrString.self, from: 8) == .int(8))
        #expect(try decoder.decode(IntOrString.self, from: "25%") == .string("25%"))
        #expect(try decoder.decode(IntOrString.self, from: 2.0) == .int(2))
        #expect(try decoder.decode(IntOrString.self, from: 0.5) == .string("0.5"))
        #expect(try JSONDecoder().decode(IntOrString.self, from: Data("0.5".utf8)) == .string("0.5"))
        #expect(throws: DecodingError.self) { try decoder.decode(IntOrString.self, from: true) }
        #expect(try JSONValueEncoder().encode(IntOrString.int(3)) == .int(3))
        #expect(try JSONValueEncoder().encode(IntOrString.string("3")) == .string("3"))
    }

    @Test("optional fields: missing and null decode as nil, nil is left out when encoding")
    func optionalVersusNull() throws {
        let decoder = JSONValueDecoder()
        let missing = try decoder.decode(ObjectMeta.self, from: ["name": "a"])
        let null = try decoder.decode(ObjectMeta.self, from: ["name": "a", "labels": nil, "generation": nil])
        #expect(missing == null)
        #expect(null.labels == nil && null.generation == nil)
        #expect(try JSONValueEncoder().encode(null) == ["name": "a"])
        #expect(try decoder.decode(String?.self, from: nil) == nil)
        #expect(try decoder.decode([String?].self, from: ["a", nil]) == ["a", nil])
        let optionals: [String?] = ["a", nil]
        #expect(try JSONValueEncoder().encode(optionals) == ["a", nil])
    }

    @Test("the client's typed paths decode list pages and watch lines with the tree decoder")
    func clientPaths() throws {
        let page = try JSONEncoding.decode(ObjectList<Node>.self, from: Array(ModelFixtures.nodeList.utf8))
        #expect(page.items.count == 2 && page.metadata.continue == "tok")
        let line = Array(#"{"type":"MODIFIED","object":\#(ModelFixtures.node)}"#.utf8)
        guard case .modified(let node) = try WatchEventDecoding.decode(line, as: Node.self) else {
            Issue.record("expected MODIFIED")
            return
        }
        #expect(node.status?.nodeInfo?.kernelVersion == "5.15.0")
        let bookmark = Array(#"{"type":"BOOKMARK","object":{"kind":"Node","metadata":{"resourceVersion":"77"}}}"#.utf8)
        #expect(try WatchEventDecoding.decode(bookmark, as: Node.self) == .bookmark(resourceVersion: "77"))
        #expect(try JSONEncoding.encode(ObjectMeta(name: "a/b", labels: ["k": "v"])) == Array(#"{"labels":{"k":"v"},"name":"a/b"}"#.utf8))
    }
}
