import KubeModels

/// Checks of a decoded policy that the schema cannot express: values with a format, values Kubernetes
/// would reject in the rendered objects, settings this operator does not support, and settings that have
/// no effect.
package enum PolicyChecks {
    /// One finding.
    package struct Finding: Sendable, Hashable {
        package var path: FieldPath
        package var message: String
        package var isError: Bool
    }

    /// Every finding for `spec`, errors and warnings.
    package static func run(_ spec: ClusterPolicySpec) -> [Finding] {
        var findings: [Finding] = []
        func error(_ path: String, _ message: String) { findings.append(Finding(path: FieldPath(dotted: path), message: message, isError: true)) }
        func warning(_ path: String, _ message: String) { findings.append(Finding(path: FieldPath(dotted: path), message: message, isError: false)) }

        if let raw = spec.daemonsets.rollingUpdate?.maxUnavailable {
            do {
                _ = try DaemonSetTransforms.maxUnavailable(raw)
            } catch let failure {
                error(failure.path?.description ?? "spec.daemonsets", failure.message)
            }
        }
        if spec.sandboxWorkloads.enabled == true {
            error("spec.sandboxWorkloads.enabled", "sandbox (virtual machine) workloads are not supported by this operator; set it to false")
        }
        if spec.driver.useNvidiaDriverCRD == true {
            error("spec.driver.useNvidiaDriverCRD", "NVIDIADriver resources are not supported by this operator; set it to false")
        }
        if spec.gds.enabled == true { error("spec.gds.enabled", "the GPUDirect Storage driver sidecar is not supported by this operator") }
        if spec.gdrcopy.enabled == true { error("spec.gdrcopy.enabled", "the GDRCopy driver sidecar is not supported by this operator") }
        if spec.driver.rdma?.enabled == true {
            error("spec.driver.rdma.enabled", "GPUDirect RDMA (nvidia-peermem) is not supported by this operator")
        }
        if spec.cdi.nriPluginEnabled == true {
            if spec.cdi.enabled == false { error("spec.cdi.nriPluginEnabled", "the NRI plugin needs spec.cdi.enabled: true") }
            if spec.toolkit.enabled == false { error("spec.cdi.nriPluginEnabled", "the NRI plugin needs spec.toolkit.enabled: true") }
        }
        if spec.operator.useOCPDriverToolkit == true {
            warning("spec.operator.use_ocp_driver_toolkit", "applies to OpenShift only, which this operator does not support; ignored")
        }
        if spec.psp.enabled == true { warning("spec.psp.enabled", "PodSecurityPolicy no longer exists in Kubernetes; ignored") }
        if spec.nodeStatusExporter.enabled == true {
            warning("spec.nodeStatusExporter.enabled", "the node status exporter is not deployed by this operator")
        }
        findings += KubernetesValueChecks.run(spec)
        return findings
    }
}
