import Foundation
import KubeModels

/// NVIDIA's own gpu-operator, recognised by what a Helm install of it leaves in the operator
/// namespace (takeover-and-operands.md §1.1, §1.2): its Deployment `gpu-operator` running the
/// `nvcr.io/nvidia/gpu-operator` image, and the leader Lease `53822513.nvidia.com` it renews. Two
/// operators writing the same DaemonSets and node labels fight (hazard 4), so while it runs this one
/// writes nothing. Pure.
package enum UpstreamOperator {
    /// The name of upstream's leader-election Lease (controller-runtime's `LeaderElectionID`).
    package static let leaseName = "53822513.nvidia.com"
    /// The name of the Deployment upstream's Helm chart creates.
    package static let deploymentName = "gpu-operator"

    /// What shows upstream running, one sentence each; empty when it is not running.
    /// - Parameters:
    ///   - deployment: the Deployment named ``deploymentName`` in the operator namespace, if any.
    ///   - lease: the Lease named ``leaseName`` there, if any.
    ///   - now: the wall-clock time, for the Lease's expiry.
    package static func evidence(deployment: JSONValue?, lease: Lease?, now: Date) -> [String] {
        var found: [String] = []
        if let deployment, let image = upstreamImage(deployment) {
            let replicas = deployment[path: ["spec", "replicas"]]?.intValue ?? 1
            let namespace = deployment[path: ["metadata", "namespace"]]?.stringValue ?? ""
            if replicas > 0 {
                found.append("Deployment \(namespace)/\(deploymentName) runs \(image) with \(replicas) replica(s)")
            }
        }
        if let lease, let holder = liveHolder(lease, now: now) {
            found.append("Lease \(lease.metadata.namespace ?? "")/\(leaseName) is held by \(holder)")
        }
        return found
    }

    /// The status message while upstream runs: what shows it, and how to stop it.
    package static func message(_ evidence: [String]) -> String {
        "NVIDIA's gpu-operator is still running (\(evidence.joined(separator: "; "))). This operator writes nothing until it "
            + "is stopped: scale its Deployment to 0 or delete it, keeping the ClusterPolicy (see docs/MIGRATING.md)"
    }

    /// The image of the Deployment's first container that is upstream's operator image (a repository
    /// path ending in `nvidia/gpu-operator` or `nvidia/cloud-native/gpu-operator`), if any.
    package static func upstreamImage(_ deployment: JSONValue) -> String? {
        let containers = deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        for container in containers {
            guard let image = container["image"]?.stringValue else { continue }
            let repository = image.split(separator: "@").first.map(String.init) ?? image
            let path = repositoryPath(repository)
            if path.hasSuffix("nvidia/gpu-operator") || path.hasSuffix("nvidia/cloud-native/gpu-operator") { return image }
        }
        return nil
    }

    /// The holder of a Lease that has not expired at `now`, if any.
    package static func liveHolder(_ lease: Lease, now: Date) -> String? {
        guard let spec = lease.spec, let holder = spec.holderIdentity, !holder.isEmpty else { return nil }
        guard let renew = spec.renewTime.flatMap(MicroTime.parse) else { return holder }
        let duration = TimeInterval(spec.leaseDurationSeconds ?? 15)
        return now <= renew.addingTimeInterval(duration) ? holder : nil
    }

    /// `registry/path/name:tag` without the tag (a colon after the last slash).
    private static func repositoryPath(_ reference: String) -> String {
        guard let colon = reference.lastIndex(of: ":") else { return reference }
        if let slash = reference.lastIndex(of: "/"), colon < slash { return reference }
        return String(reference[..<colon])
    }
}
