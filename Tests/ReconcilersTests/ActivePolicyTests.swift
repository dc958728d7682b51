import KubeModels
import Manifests
import Reconcilers
import Testing

/// Reference §6.5: the oldest ClusterPolicy is in effect; the rest are ignored.
@Suite("Active ClusterPolicy selection")
struct ActivePolicyTests {
    static func policy(_ name: String, created: String?, deleting: Bool = false) -> ClusterPolicy {
        var metadata = ObjectMeta(name: name)
        metadata.creationTimestamp = created
        if deleting { metadata.deletionTimestamp = "2026-11-23T12:00:00Z" }
        return ClusterPolicy(metadata: metadata)
    }

    @Test("the oldest wins, whatever the order listed")
    func oldest() {
        let first = Self.policy("zeta", created: "2026-11-23T09:00:00Z")
        let second = Self.policy("alpha", created: "2026-11-23T10:00:00Z")
        #expect(ActivePolicy.select([second, first])?.metadata.name == "zeta")
        #expect(ActivePolicy.select([first, second])?.metadata.name == "zeta")
    }

    @Test("equal creation times are broken by name")
    func tieByName() {
        let stamp = "2026-11-23T09:00:00Z"
        #expect(ActivePolicy.select([Self.policy("b", created: stamp), Self.policy("a", created: stamp)])?.metadata.name == "a")
    }

    @Test("a policy being deleted hands over to the next oldest; none means nil")
    func deletion() {
        let going = Self.policy("old", created: "2026-11-23T08:00:00Z", deleting: true)
        let next = Self.policy("new", created: "2026-11-23T09:00:00Z")
        #expect(ActivePolicy.select([going, next])?.metadata.name == "new")
        #expect(ActivePolicy.select([going]) == nil)
        #expect(ActivePolicy.select([]) == nil)
    }
}
