// swift-tools-version: 6.2
import PackageDescription

/// Compiler settings shared by every Swift target: Swift 6 language mode (strict concurrency) plus the
/// upcoming features the style guide asks for.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "swift-gpu-operator",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "operator", targets: ["Operator"]),
        .executable(name: "kube-sim", targets: ["KubeSimTool"]),
        .executable(name: "write-floor", targets: ["WriteFloor"]),
        .library(name: "KubeSim", targets: ["KubeSim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        // MARK: Shared Kubernetes wire models and YAML reading (no I/O), nested under KubeClient as DESIGN.md allows.
        .target(
            name: "KubeModels",
            dependencies: [.product(name: "Yams", package: "Yams")],
            path: "Sources/KubeClient/KubeModels",
            swiftSettings: strictSettings
        ),

        // MARK: libcurl glue, nested under KubeClient.
        .systemLibrary(
            name: "CLibCurl",
            path: "Sources/KubeClient/CLibCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .yum(["libcurl-devel"])]
        ),
        .target(
            name: "CCurlShim",
            dependencies: ["CLibCurl"],
            path: "Sources/KubeClient/CCurlShim"
        ),

        // MARK: Kubernetes API client.
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeModels",
                "CCurlShim",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/KubeClient",
            exclude: ["KubeModels", "CLibCurl", "CCurlShim"],
            swiftSettings: strictSettings
        ),

        // MARK: ClusterPolicy model, templates and pure rendering.
        .target(
            name: "Manifests",
            dependencies: [
                "KubeModels",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Templates"],
            swiftSettings: strictSettings
        ),

        // MARK: Control loop and component reconcilers.
        .target(
            name: "Reconcilers",
            dependencies: [
                "KubeModels",
                "KubeClient",
                "Manifests",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: The on-node validator (`operator validate`, also invoked as `nvidia-validator`).
        .target(
            name: "Validation",
            dependencies: [
                "KubeModels",
                "KubeClient",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: The C library's heap trim (glibc malloc_trim), for the operator's HeapTrimmer.
        .target(name: "CHeap", path: "Sources/CHeap"),

        // MARK: The `operator` executable.
        .executableTarget(
            name: "Operator",
            dependencies: [
                "CHeap",
                "KubeModels",
                "KubeClient",
                "Manifests",
                "Reconcilers",
                "Validation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: KubeSim, the loopback Kubernetes API emulator (tests, demo, benchmarks only).
        .target(
            name: "KubeSim",
            dependencies: [
                "KubeModels",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/KubeSim",
            exclude: ["Tool"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "KubeSimTool",
            dependencies: [
                "KubeSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/KubeSim/Tool",
            swiftSettings: strictSettings
        ),

        // MARK: The benchmark's write floor: replays an operator's minimal writes (bench/convergence.sh).
        .executableTarget(
            name: "WriteFloor",
            dependencies: [
                "KubeClient",
                "KubeModels",
                "KubeSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/WriteFloor",
            swiftSettings: strictSettings
        ),

        // MARK: Tests.
        // Shared test doubles: a manual clock, and a transport that answers from an in-process KubeSim.
        .target(
            name: "TestSupport",
            dependencies: ["KubeClient", "KubeModels", "KubeSim"],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KubeModelsTests",
            dependencies: ["KubeModels"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KubeClientTests",
            dependencies: ["KubeClient", "KubeModels", "KubeSim", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ManifestsTests",
            dependencies: ["Manifests", "KubeModels", "TestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KubeSimTests",
            dependencies: [
                "KubeSim",
                "KubeModels",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReconcilersTests",
            dependencies: [
                "Reconcilers", "Manifests", "KubeClient", "KubeModels", "KubeSim", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ValidationTests",
            dependencies: [
                "Validation", "KubeClient", "KubeModels", "KubeSim", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OperatorTests",
            dependencies: ["Manifests", "KubeModels", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["KubeModels", "KubeSim"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
    ]
)
