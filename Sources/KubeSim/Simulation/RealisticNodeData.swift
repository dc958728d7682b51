/// The facts a realistic simulated node is made of: GPU models as GPU Feature Discovery labels them,
/// CPU models as NFD's `cpu` source reports them, cloud instance types, and the images a busy node
/// has cached. Values are typical of NFD v0.16+ and GFD v0.15+ on EKS-style nodes; they vary by node
/// ordinal so that a cluster holds several GPU and CPU models.
package enum RealisticNodeData {
    /// One GPU model and the GFD labels that describe it.
    package struct GPUModel: Sendable {
        /// `nvidia.com/gpu.product`.
        package var product: String
        /// `nvidia.com/gpu.family`.
        package var family: String
        /// `nvidia.com/gpu.compute.major` / `.minor`.
        package var compute: (major: Int, minor: Int)
        /// `nvidia.com/gpu.memory` in MiB.
        package var memoryMiB: Int
        /// `nvidia.com/gpu.count`.
        package var count: Int
        /// `nvidia.com/mig.capable`.
        package var migCapable: Bool
        /// The cloud instance type carrying it (`node.kubernetes.io/instance-type`, `nvidia.com/gpu.machine`).
        package var instanceType: String
        /// CPUs, memory (KiB) of the instance.
        package var cpus: Int
        /// Memory in KiB.
        package var memoryKiB: Int
        /// PCI device class of the GPU: `0302` (3D controller) or `0300` (VGA).
        package var pciClass: String
    }

    /// The GPU models, weighted by how often each ordinal picks it (H100 and A100 fleets with L40S,
    /// A10G and T4 inference nodes).
    package static let gpuModels: [GPUModel] = [
        GPUModel(
            product: "NVIDIA-H100-80GB-HBM3", family: "hopper", compute: (9, 0), memoryMiB: 81_559, count: 8, migCapable: true,
            instanceType: "p5.48xlarge", cpus: 192, memoryKiB: 2_097_152_000, pciClass: "0302"),
        GPUModel(
            product: "NVIDIA-A100-SXM4-80GB", family: "ampere", compute: (8, 0), memoryMiB: 81_920, count: 8, migCapable: true,
            instanceType: "p4de.24xlarge", cpus: 96, memoryKiB: 1_149_239_296, pciClass: "0302"),
        GPUModel(
            product: "NVIDIA-L40S", family: "ada-lovelace", compute: (8, 9), memoryMiB: 46_068, count: 4, migCapable: false,
            instanceType: "g6e.12xlarge", cpus: 48, memoryKiB: 394_264_576, pciClass: "0302"),
        GPUModel(
            product: "NVIDIA-A10G", family: "ampere", compute: (8, 6), memoryMiB: 23_028, count: 4, migCapable: false,
            instanceType: "g5.12xlarge", cpus: 48, memoryKiB: 195_977_216, pciClass: "0302"),
        GPUModel(
            product: "Tesla-T4", family: "turing", compute: (7, 5), memoryMiB: 15_360, count: 1, migCapable: false,
            instanceType: "g4dn.2xlarge", cpus: 8, memoryKiB: 32_505_856, pciClass: "0302"),
    ]

    /// Which GPU model the `ordinal`-th node has (30 % H100, 30 % A100, 20 % L40S, 10 % A10G, 10 % T4).
    package static func gpuModel(ordinal: Int) -> GPUModel {
        let slot = ordinal % 10
        return gpuModels[slot < 3 ? 0 : slot < 6 ? 1 : slot < 8 ? 2 : slot < 9 ? 3 : 4]
    }

    /// One CPU model as NFD's `cpu` source reports it.
    package struct CPUModel: Sendable {
        /// `cpu-model.vendor_id`.
        package var vendor: String
        /// `cpu-model.family`.
        package var family: String
        /// `cpu-model.id`.
        package var id: String
        /// The `cpu-cpuid.*` flags NFD publishes (each labelled `true`).
        package var flags: [String]
    }

    private static let commonFlags = [
        "ADX", "AESNI", "AVX", "AVX2", "CMPXCHG8", "FMA3", "FSRM", "FXSR", "FXSROPT", "GFNI", "HYPERVISOR", "IBPB", "LAHF", "MOVBE",
        "OSXSAVE", "SHA", "SPEC_CTRL_SSBD", "STIBP", "SYSCALL", "SYSEE", "VAES", "VPCLMULQDQ", "WBNOINVD", "X87", "XGETBV1", "XSAVE",
        "XSAVEC", "XSAVEOPT", "XSAVES",
    ]

    /// Sapphire Rapids (Intel) and Genoa (AMD) hosts.
    package static let cpuModels: [CPUModel] = [
        CPUModel(
            vendor: "Intel", family: "6", id: "143",
            flags: commonFlags + [
                "AMXBF16", "AMXINT8", "AMXTILE", "AVX512BF16", "AVX512BITALG", "AVX512BW", "AVX512CD", "AVX512DQ", "AVX512F",
                "AVX512FP16", "AVX512IFMA", "AVX512VBMI", "AVX512VBMI2", "AVX512VL", "AVX512VNNI", "AVX512VPOPCNTDQ", "AVXVNNI",
                "CETIBT", "CETSS", "CLDEMOTE", "IA32_ARCH_CAP", "MD_CLEAR", "MOVDIR64B", "MOVDIRI", "SERIALIZE", "TSXLDTRK", "WAITPKG",
            ]),
        CPUModel(
            vendor: "AMD", family: "25", id: "17",
            flags: commonFlags + [
                "AVX512BF16", "AVX512BITALG", "AVX512BW", "AVX512CD", "AVX512DQ", "AVX512F", "AVX512IFMA", "AVX512VBMI",
                "AVX512VBMI2", "AVX512VL", "AVX512VNNI", "AVX512VPOPCNTDQ", "IBRS_PREFERRED", "IBS", "IBSBRNTRGT", "IBSFETCHSAM",
                "IBSFFV", "IBSOPCNT", "IBSOPCNTEXT", "IBSOPSAM", "IBSRDWROPCNT", "IBSRIPINVALIDCHK", "SEV", "SEV_ES", "SEV_SNP", "SME",
            ]),
    ]

    /// CPU-only instance types (`node.kubernetes.io/instance-type`, CPUs, memory KiB).
    package static let cpuInstanceTypes: [(name: String, cpus: Int, memoryKiB: Int)] = [
        ("m7i.4xlarge", 16, 65_016_832), ("c7i.8xlarge", 32, 65_016_832), ("r7a.4xlarge", 16, 130_546_688),
    ]

    /// Availability zones of the simulated region.
    package static let zones = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]

    /// NFD's kernel-config labels (a typical Ubuntu HWE kernel).
    package static let kernelConfigs = ["NO_HZ", "NO_HZ_IDLE", "PREEMPT_VOLUNTARY", "X86_64", "HUGETLBFS"]

    /// Images every node has cached: (repository, tag, size in bytes).
    package static let systemImages: [(String, String, Int)] = [
        ("602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/pause", "3.9", 299_399),
        ("602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy", "v1.32.0-minimal-eksbuild.2", 35_921_211),
        ("602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni", "v1.19.2-eksbuild.1", 43_112_507),
        ("602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni-init", "v1.19.2-eksbuild.1", 60_284_103),
        ("602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon/aws-network-policy-agent", "v1.1.6-eksbuild.1", 33_702_930),
        ("602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/aws-ebs-csi-driver", "v1.38.1", 124_817_280),
        ("602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/csi-node-driver-registrar", "v2.12.0-eks-1-32-1", 13_874_006),
        ("602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/livenessprobe", "v2.14.0-eks-1-32-1", 13_013_544),
        ("public.ecr.aws/aws-observability/aws-for-fluent-bit", "2.32.4", 100_315_877),
        ("public.ecr.aws/eks/aws-load-balancer-controller", "v2.11.0", 45_182_310),
        ("registry.k8s.io/nfd/node-feature-discovery", "v0.16.6", 70_532_992),
        ("quay.io/prometheus/node-exporter", "v1.8.2", 11_854_911),
        ("docker.io/datadog/agent", "7.59.0", 389_422_561),
        ("docker.io/istio/proxyv2", "1.24.2", 97_403_418),
        ("ghcr.io/kyverno/kyverno", "v1.13.2", 42_093_615),
        ("docker.io/grafana/promtail", "3.3.2", 84_772_210),
        ("registry.k8s.io/metrics-server/metrics-server", "v0.7.2", 19_494_617),
        ("quay.io/jetstack/cert-manager-cainjector", "v1.16.2", 13_873_455),
    ]

    /// Images GPU nodes add: the NVIDIA stack and the workloads that ran there.
    package static let gpuImages: [(String, String, Int)] = [
        ("nvcr.io/nvidia/gpu-operator", "v24.9.1", 187_220_412),
        ("nvcr.io/nvidia/driver", "550.127.08-ubuntu22.04", 445_012_330),
        ("nvcr.io/nvidia/k8s/container-toolkit", "v1.17.3-ubuntu20.04", 146_332_094),
        ("nvcr.io/nvidia/k8s-device-plugin", "v0.17.0", 186_012_774),
        ("nvcr.io/nvidia/cloud-native/gpu-operator-validator", "v24.9.1", 180_994_122),
        ("nvcr.io/nvidia/k8s/dcgm-exporter", "3.3.9-3.6.1-ubuntu22.04", 355_121_008),
        ("nvcr.io/nvidia/cloud-native/k8s-mig-manager", "v0.10.0-ubuntu20.04", 181_884_301),
        ("nvcr.io/nvidia/cuda", "12.6.3-base-ubuntu22.04", 87_123_930),
        ("nvcr.io/nvidia/pytorch", "24.12-py3", 10_871_493_772),
        ("nvcr.io/nvidia/tritonserver", "24.12-py3", 8_034_119_120),
        ("nvcr.io/nvidia/nemo", "24.12", 20_511_339_401),
        ("nvcr.io/nvidia/tensorrt", "24.12-py3", 4_711_829_004),
        ("nvcr.io/nvidia/cuda", "12.4.1-runtime-ubuntu22.04", 1_640_177_223),
        ("nvcr.io/nvidia/k8s/cuda-sample", "vectoradd-cuda12.5.0", 53_870_041),
        ("nvcr.io/nvidia/cloud-native/k8s-cc-manager", "v0.1.1", 62_114_873),
        ("docker.io/vllm/vllm-openai", "v0.6.4", 9_112_882_614),
        ("ghcr.io/huggingface/text-generation-inference", "3.0.1", 6_810_230_117),
        ("docker.io/rayproject/ray-ml", "2.40.0-py310-gpu", 12_004_882_390),
        ("nvcr.io/nvidia/nim/meta/llama-3.1-8b-instruct", "1.3.3", 13_120_448_306),
        ("nvcr.io/nvidia/nvidia-dra-driver-gpu", "v25.3.0", 121_018_272),
        ("docker.io/pytorch/pytorch", "2.5.1-cuda12.4-cudnn9-runtime", 7_604_124_110),
        ("nvcr.io/nvidia/clara/bionemo-framework", "2.3", 18_201_993_104),
        ("nvcr.io/nvidia/deepstream", "7.1-triton-multiarch", 9_871_250_005),
        ("nvcr.io/nvidia/jax", "24.10-py3", 6_401_114_920),
        ("docker.io/kubeflow/training-operator", "v1-855e096", 72_113_470),
        ("nvcr.io/nvidia/cloud-native/dcgm", "3.3.9-1-ubuntu22.04", 402_183_552),
        ("nvcr.io/nvidia/k8s/nvidia-fs", "2.20.5", 73_304_221),
        ("nvcr.io/nvidia/cloud-native/nvidia-sandbox-device-plugin", "v0.0.2", 65_180_334),
        ("nvcr.io/nvidia/nemo-curator", "24.10", 14_330_912_040),
        ("nvcr.io/nvidia/rapidsai/base", "24.12-cuda12.5-py3.12", 5_118_203_881),
        ("nvcr.io/nvidia/k8s/kubevirt-gpu-device-plugin", "v1.2.10", 61_002_442),
        ("nvcr.io/nvidia/modulus/modulus", "24.12", 16_001_330_028),
    ]
}
