import Testing

@testable import Manifests
@testable import Reconcilers

/// One overall outcome and the upstream condition pair it must produce (reference §2.5).
struct OutcomeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var outcome: StatusBuilder.Outcome
    var components: [ComponentStatus]
    var state: PolicyState
    var ready: (status: ConditionStatus, reason: String)
    var error: (status: ConditionStatus, reason: String)
    /// Text the `Error` condition's message (failures) or the `Ready` one's (success) must contain.
    var messageContains: String

    var testDescription: String { name }
}

/// Times used as `now` in successive builds.
private let t0 = "2025-01-01T00:00:00Z"
private let t1 = "2025-01-01T00:05:00Z"
private let t2 = "2025-01-01T00:10:00Z"

/// A component status.
private func component(_ component: Component, _ state: ComponentStatus.State, _ message: String = "") -> ComponentStatus {
    ComponentStatus(component: component, state: state, message: message)
}

/// Every component ready (the `reconciled` happy path).
private let allReady = Component.allCases.map { component($0, .ready, "1/1 nodes ready") }

/// Builds a status with namespace `gpu-operator` and generation 3.
private func build(
    _ outcome: StatusBuilder.Outcome, _ components: [ComponentStatus], previous: ClusterPolicyStatus? = nil, now: String = t0,
    generation: Int64? = 3
) -> (status: ClusterPolicyStatus, transitions: [StatusBuilder.Transition]) {
    StatusBuilder.build(outcome: outcome, components: components, namespace: "gpu-operator", generation: generation, previous: previous, now: now)
}

extension ClusterPolicyStatus {
    /// The condition of `type`.
    func condition(_ type: String) -> Condition? { conditions?.first { $0.type == type } }
}

/// ClusterPolicy status (DESIGN.md "Status"): upstream's Ready/Error pair, one condition per
/// component, stable transition times so an unchanged cluster is not rewritten, transitions for Events.
@Suite struct StatusBuilderTests {
    static let outcomes: [OutcomeCase] = [
        OutcomeCase(
            name: "all good", outcome: .reconciled, components: allReady, state: .ready,
            ready: (.true, "Reconciled"), error: (.false, "Ready"), messageContains: ""),
        OutcomeCase(
            name: "disabled components do not hold readiness back", outcome: .reconciled,
            components: [component(.driver, .disabled, "disabled"), component(.devicePlugin, .ready)], state: .ready,
            ready: (.true, "Reconciled"), error: (.false, "Ready"), messageContains: ""),
        OutcomeCase(
            name: "a component not ready", outcome: .reconciled,
            components: [component(.driver, .ready), component(.containerToolkit, .notReady), component(.devicePlugin, .notReady)],
            state: .notReady, ready: (.false, "Error"), error: (.true, "OperandNotReady"),
            messageContains: "container-toolkit, device-plugin"),
        OutcomeCase(
            name: "a component failed", outcome: .reconciled,
            components: [component(.driver, .failed, "render error"), component(.devicePlugin, .ready)],
            state: .notReady, ready: (.false, "Error"), error: (.true, "OperandNotReady"), messageContains: "driver"),
        OutcomeCase(
            name: "GPU nodes still being labelled", outcome: .labellingNodes(pending: ["gpu-3", "gpu-4"]), components: allReady,
            state: .notReady, ready: (.false, "NodesNotLabelled"), error: (.false, "Ready"),
            messageContains: "2 GPU node(s) not labelled yet, so their operands are not scheduled: gpu-3, gpu-4"),
        OutcomeCase(
            name: "no GPU nodes", outcome: .noGPUNodes, components: [], state: .ready,
            ready: (.true, "NoGPUNodes"), error: (.false, "Ready"), messageContains: ""),
        OutcomeCase(
            name: "no NFD labels", outcome: .nfdLabelsMissing, components: [], state: .ready,
            ready: (.true, "NFDLabelsMissing"), error: (.false, "Ready"), messageContains: "NFD"),
        OutcomeCase(
            name: "reconcile failed", outcome: .failed("GPU node gpu-1 has no NFD OS labels"), components: [], state: .notReady,
            ready: (.false, "Error"), error: (.true, "ReconcileFailed"), messageContains: "GPU node gpu-1 has no NFD OS labels"),
    ]

    @Test(arguments: outcomes)
    func outcomeConditions(_ row: OutcomeCase) throws {
        let status = build(row.outcome, row.components).status
        #expect(status.state == row.state)
        #expect(status.namespace == "gpu-operator")
        #expect(status.observedGeneration == 3)
        let ready = try #require(status.condition("Ready"))
        let error = try #require(status.condition("Error"))
        #expect((ready.status, ready.reason) == row.ready)
        #expect((error.status, error.reason) == row.error)
        let message = row.error.status == .true ? error.message : ready.message
        #expect(message.contains(row.messageContains), "\(message)")
        #expect(Array(status.conditions?.prefix(2).map(\.type) ?? []) == ["Ready", "Error"])
    }

    @Test func notReadyMessageNamesTheComponents() throws {
        let components = [component(.driver, .notReady), component(.dcgmExporter, .notReady), component(.gpuFeatureDiscovery, .ready)]
        let status = build(.reconciled, components).status
        #expect(try #require(status.condition("Error")).message == "ClusterPolicy is not ready; components not ready: driver, dcgm-exporter")
    }

    /// One condition per component, after Ready and Error, in the order given, with state → status/reason.
    @Test func oneConditionPerComponent() {
        let components = [
            component(.driver, .ready, "3/3 nodes ready"),
            component(.containerToolkit, .notReady, "2/3 nodes ready; not ready: gpu-7 (Init:0/1)"),
            component(.devicePlugin, .disabled, "disabled in the ClusterPolicy"),
            component(.dcgm, .failed, "render failed"),
        ]
        let conditions = build(.reconciled, components).status.conditions ?? []
        #expect(conditions.map(\.type) == ["Ready", "Error", "DriverReady", "ToolkitReady", "DevicePluginReady", "DCGMReady"])
        let perComponent = conditions.dropFirst(2).map { [$0.status.rawValue, $0.reason, $0.message] }
        #expect(
            perComponent == [
                ["True", "Ready", "3/3 nodes ready"],
                ["False", "NotReady", "2/3 nodes ready; not ready: gpu-7 (Init:0/1)"],
                ["True", "Disabled", "disabled in the ClusterPolicy"],
                ["False", "Failed", "render failed"],
            ])
    }

    @Test func conditionTypesOfEveryComponent() {
        let types = (build(.reconciled, allReady).status.conditions ?? []).map(\.type)
        #expect(
            types == [
                "Ready", "Error", "PrerequisitesReady", "OperatorMetricsReady", "DriverReady", "ToolkitReady", "ValidatorReady",
                "DevicePluginReady", "MPSControlDaemonReady", "DCGMReady", "DCGMExporterReady", "GPUFeatureDiscoveryReady",
                "MIGManagerReady",
            ])
    }

    @Test func everyConditionCarriesTheGeneration() {
        let status = build(.reconciled, allReady, generation: 7).status
        #expect(status.observedGeneration == 7)
        #expect((status.conditions ?? []).allSatisfy { $0.observedGeneration == 7 })
    }

    /// The first status: every condition is new, stamped `now`, and reported.
    @Test func firstBuildStampsAndReportsEveryCondition() {
        let (status, transitions) = build(.reconciled, allReady, previous: nil, now: t0)
        #expect((status.conditions ?? []).allSatisfy { $0.lastTransitionTime == t0 })
        #expect(transitions.map(\.type) == (status.conditions ?? []).map(\.type))
    }

    /// Same inputs, later: the identical status (so no write) and no transitions (so no Event).
    @Test(arguments: outcomes)
    func unchangedInputsGiveAnIdenticalStatus(_ row: OutcomeCase) {
        let first = build(row.outcome, row.components, now: t0).status
        let (second, transitions) = build(row.outcome, row.components, previous: first, now: t1)
        #expect(second == first)
        #expect(transitions.isEmpty)
    }

    /// One component of several going ready: exactly its transition; the overall pair keeps its status
    /// (and its transition time) though its message now names fewer components.
    @Test func componentGoingReadyIsTheOnlyTransition() throws {
        let before = [component(.driver, .notReady, "2/3 nodes ready"), component(.devicePlugin, .notReady, "0/3 nodes ready")]
        let after = [component(.driver, .ready, "3/3 nodes ready"), component(.devicePlugin, .notReady, "0/3 nodes ready")]
        let first = build(.reconciled, before, now: t0).status
        let (second, transitions) = build(.reconciled, after, previous: first, now: t1)
        #expect(transitions == [StatusBuilder.Transition(type: "DriverReady", status: .true, reason: "Ready", message: "3/3 nodes ready")])
        #expect(second.condition("DriverReady")?.lastTransitionTime == t1)
        #expect(second.condition("DevicePluginReady")?.lastTransitionTime == t0)
        let ready = try #require(second.condition("Ready"))
        #expect(ready.lastTransitionTime == t0)
        #expect(ready.message == "ClusterPolicy is not ready; components not ready: device-plugin")
        #expect(second.state == .notReady)
    }

    /// The last component going ready flips the overall pair too.
    @Test func lastComponentGoingReadyFlipsReadyAndError() {
        let before = [component(.driver, .notReady, "2/3 nodes ready"), component(.devicePlugin, .ready, "3/3 nodes ready")]
        let after = [component(.driver, .ready, "3/3 nodes ready"), component(.devicePlugin, .ready, "3/3 nodes ready")]
        let first = build(.reconciled, before, now: t0).status
        let (second, transitions) = build(.reconciled, after, previous: first, now: t1)
        #expect(second.state == .ready)
        #expect(Set(transitions.map(\.type)) == ["Ready", "Error", "DriverReady"])
        #expect(
            transitions.first { $0.type == "Ready" }
                == StatusBuilder.Transition(type: "Ready", status: .true, reason: "Reconciled", message: "All components are ready"))
        #expect(second.condition("DevicePluginReady")?.lastTransitionTime == t0)
        #expect(second.condition("Ready")?.lastTransitionTime == t1)
    }

    /// Progress within a state (a message change) is not a transition and keeps the time.
    @Test func messageChangeIsNotATransition() {
        let first = build(.reconciled, [component(.driver, .notReady, "1/3 nodes ready")], now: t0).status
        let (second, transitions) = build(.reconciled, [component(.driver, .notReady, "2/3 nodes ready")], previous: first, now: t1)
        #expect(transitions.isEmpty)
        #expect(second.condition("DriverReady")?.message == "2/3 nodes ready")
        #expect(second.condition("DriverReady")?.lastTransitionTime == t0)
        #expect(second != first)
    }

    /// Ready → failed → ready: each flip is a transition with the new time.
    @Test func failureAndRecovery() throws {
        let ok = build(.reconciled, allReady, now: t0).status
        let (failed, toFailed) = build(.failed("list nodes: 503"), [], previous: ok, now: t1)
        #expect(Set(toFailed.map(\.type)) == ["Ready", "Error"])
        #expect(failed.condition("Error")?.lastTransitionTime == t1)
        let (recovered, toReady) = build(.reconciled, allReady, previous: failed, now: t2)
        #expect(Set(toReady.map(\.type)) == Set((recovered.conditions ?? []).map(\.type)))
        #expect(try #require(recovered.condition("Ready")).lastTransitionTime == t2)
    }

    /// A new generation with nothing else changed still changes the status (observedGeneration) but
    /// is no transition.
    @Test func newGenerationIsWrittenButNotATransition() {
        let first = build(.reconciled, allReady, generation: 3).status
        let (second, transitions) = build(.reconciled, allReady, previous: first, now: t1, generation: 4)
        #expect(second.observedGeneration == 4)
        #expect(second != first)
        #expect(transitions.isEmpty)
    }

    // MARK: ignored

    @Test func ignoredPolicyNamesTheActiveOne() throws {
        let status = StatusBuilder.ignored(activePolicy: "cluster-policy", namespace: "gpu-operator", generation: 2, previous: nil, now: t0)
        #expect(status.state == .ignored)
        #expect(status.namespace == "gpu-operator")
        #expect(status.observedGeneration == 2)
        #expect(status.conditions?.map(\.type) == ["Ready", "Error"])
        let ready = try #require(status.condition("Ready"))
        let error = try #require(status.condition("Error"))
        #expect((ready.status, ready.reason) == (.false, "Ignored"))
        #expect((error.status, error.reason) == (.true, "Ignored"))
        #expect(error.message.contains("cluster-policy"))
        #expect(ready.lastTransitionTime == t0)
    }

    @Test func ignoredTwiceIsIdentical() {
        let first = StatusBuilder.ignored(activePolicy: "cluster-policy", namespace: "gpu-operator", generation: 2, previous: nil, now: t0)
        let second = StatusBuilder.ignored(activePolicy: "cluster-policy", namespace: "gpu-operator", generation: 2, previous: first, now: t1)
        #expect(second == first)
    }

    /// A policy that was active and becomes ignored: both conditions flip, stamped `now`.
    @Test func becomingIgnoredStampsNow() {
        let active = build(.reconciled, allReady, now: t0).status
        let ignored = StatusBuilder.ignored(activePolicy: "older", namespace: "gpu-operator", generation: 3, previous: active, now: t1)
        #expect(ignored.condition("Ready")?.lastTransitionTime == t1)
        #expect(ignored.condition("Error")?.lastTransitionTime == t1)
    }
}
