import KubeClient
import KubeModels
import Testing

@testable import Reconcilers

/// Which pods the upgrade treats as GPU pods (upstream's rule), and how pods are summarised for eviction.
@Suite struct GPUPodsTests {
    private func pod(limits: [String: IntOrString] = [:], requests: [String: IntOrString] = [:], initOnly: Bool = false) -> Pod {
        var container = Container(name: "main")
        container.resources = ResourceRequirements(limits: limits, requests: requests)
        var spec = PodSpec(containers: initOnly ? [Container(name: "main")] : [container])
        if initOnly { spec.initContainers = [container] }
        return Pod(metadata: ObjectMeta(name: "p", namespace: "ml"), spec: spec)
    }

    @Test("nvidia.com/gpu*, nvidia.com/mig-* in limits or requests of regular containers, or a DRA claim")
    func gpuPods() {
        #expect(GPUPods.usesGPU(pod(limits: ["nvidia.com/gpu": "1"])))
        #expect(GPUPods.usesGPU(pod(requests: ["nvidia.com/gpu.shared": "1"])))
        #expect(GPUPods.usesGPU(pod(limits: ["nvidia.com/mig-1g.10gb": "1"])))
        #expect(!GPUPods.usesGPU(pod(limits: ["cpu": "1"])))
        #expect(!GPUPods.usesGPU(pod(limits: ["nvidia.com/gpu": "1"], initOnly: true)), "init containers are not checked")
        var claimed = pod()
        claimed.spec?.resourceClaims = [["name": "gpu", "resourceClaimName": "a100"]]
        #expect(GPUPods.usesGPU(claimed))
    }

    @Test("controller, emptyDir and DaemonSet ownership are read for the eviction rules")
    func summaries() {
        var pod = pod(limits: ["nvidia.com/gpu": "1"])
        var scratch = Volume(name: "scratch")
        scratch.emptyDir = EmptyDirVolumeSource()
        pod.spec?.volumes = [scratch]
        pod.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "DaemonSet", name: "x", uid: "u", controller: true)]
        let summary = WorkloadPod(pod)
        #expect(summary.hasController && summary.usesEmptyDir && summary.isDaemonSetPod)
        #expect(summary.description == "ml/p")
    }

    @Test("a PodDisruptionBudget refusal names the budget")
    func refusal() {
        let cause = StatusCause(
            reason: "DisruptionBudget", message: "The disruption budget web-pdb needs 1 healthy pods and has 1 currently", field: nil)
        let status = Status(
            code: 429, reason: "TooManyRequests", message: "Cannot evict pod as it would violate the pod's disruption budget.",
            details: StatusDetails(causes: [cause]))
        let error = KubeError(reason: .tooManyRequests, code: 429, status: status)
        #expect(UpgradeExecutor.describeRefusal(error, namespace: "ml") == "eviction blocked by PodDisruptionBudget ml/web-pdb")
    }
}
