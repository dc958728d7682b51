import KubeModels

/// Where one operand's image comes from: its ClusterPolicy fields, the operator environment variable
/// upstream uses for it, and our built-in default.
package struct ImageSource: Sendable, Hashable {
    /// The spec section, e.g. `spec.driver`.
    package var path: FieldPath
    package var repository: String?
    package var image: String?
    package var version: String?
    /// The upstream environment variable, e.g. `DRIVER_IMAGE`.
    package var environmentVariable: String
    /// Our default when neither the policy nor the environment names an image.
    package var builtInDefault: String
}

/// Image reference composition (reference §1.5), pure.
package enum ImagePaths {
    /// The upstream appVersion whose operator image carries `nvidia-validator` (a policy may still
    /// name it in `spec.validator`; the templates run either image).
    package static let upstreamOperatorVersion = "v26.7.0"

    /// Our own operator image, which carries `operator validate` also as `nvidia-validator`: the
    /// built-in validator image (the same tag as `config/manager/deployment.yaml`).
    package static let operatorImage = "ghcr.io/swift-gpu-operator/operator:0.1.0"

    /// Built-in default images, by upstream environment variable.
    package static let builtInDefaults: [String: String] = [
        "DRIVER_IMAGE": "nvcr.io/nvidia/driver:595.91.07",
        "DRIVER_MANAGER_IMAGE": "nvcr.io/nvidia/cloud-native/k8s-driver-manager:v0.12.0",
        "CONTAINER_TOOLKIT_IMAGE": "nvcr.io/nvidia/k8s/container-toolkit:v1.20.0",
        "DEVICE_PLUGIN_IMAGE": "nvcr.io/nvidia/k8s-device-plugin:v0.20.0",
        "GFD_IMAGE": "nvcr.io/nvidia/k8s-device-plugin:v0.20.0",
        "MIG_MANAGER_IMAGE": "nvcr.io/nvidia/cloud-native/k8s-mig-manager:v0.15.0",
        "DCGM_IMAGE": "nvcr.io/nvidia/cloud-native/dcgm:4.6.0-1-ubuntu24.04",
        "DCGM_EXPORTER_IMAGE": "nvcr.io/nvidia/k8s/dcgm-exporter:4.6.0-4.8.3-distroless",
        "VALIDATOR_IMAGE": operatorImage,
    ]

    /// Resolves an image: policy fields, else the environment variable, else the built-in default.
    /// - Parameters:
    ///   - source: the policy fields and fallbacks.
    ///   - environment: the operator's environment variables.
    /// - Throws: ``RenderError`` `invalid image specification` when the policy gives some but not all
    ///   of repository, image and version (the environment does not rescue a partial spec, as upstream).
    package static func resolve(_ source: ImageSource, environment: [String: String]) throws(RenderError) -> String {
        if let fromPolicy = try fromPolicy(source) { return fromPolicy }
        if let fromEnvironment = environment[source.environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        return source.builtInDefault
    }

    /// The reference the policy fields name, `nil` when they name none.
    /// - Throws: ``RenderError`` for a partial repository/image/version triple.
    package static func fromPolicy(_ source: ImageSource) throws(RenderError) -> String? {
        let repository = source.repository ?? ""
        let image = source.image ?? ""
        let version = source.version ?? ""
        if repository.isEmpty && version.isEmpty {
            return image.isEmpty ? nil : image
        }
        guard !repository.isEmpty, !image.isEmpty, !version.isEmpty else {
            throw RenderError(
                source.path,
                "invalid image specification: repository, image and version must all be set "
                    + "(repository \"\(repository)\", image \"\(image)\", version \"\(version)\")")
        }
        return compose(repository: repository, image: image, version: version)
    }

    /// `repository/image:version`, or `repository/image@version` for a `sha256:` digest.
    package static func compose(repository: String, image: String, version: String) -> String {
        version.hasPrefix("sha256:") ? "\(repository)/\(image)@\(version)" : "\(repository)/\(image):\(version)"
    }

    /// Appends `-<osTag>` to a driver-family image unless it is pinned by digest.
    package static func withOSSuffix(_ reference: String, osTag: String) -> String {
        reference.contains("sha256:") ? reference : "\(reference)-\(osTag)"
    }

    /// The precompiled driver image for one kernel: `repository/image:version-<kernel>-<osTag>`, or
    /// `image-<kernel>-<osTag>` when only `image` is given.
    /// - Throws: ``RenderError`` when neither a full triple nor an image is given.
    package static func precompiled(_ source: ImageSource, kernel: String, osTag: String) throws(RenderError) -> String {
        let repository = source.repository ?? ""
        let image = source.image ?? ""
        let version = source.version ?? ""
        if repository.isEmpty && version.isEmpty && !image.isEmpty { return "\(image)-\(kernel)-\(osTag)" }
        guard !repository.isEmpty, !image.isEmpty, !version.isEmpty else {
            throw RenderError(
                source.path,
                "usePrecompiled needs repository, image and version (the driver branch, e.g. 535): "
                    + "precompiled tags are <version>-<kernel>-<os>")
        }
        return "\(repository)/\(image):\(version)-\(kernel)-\(osTag)"
    }

    /// `Always`, `Never` or `IfNotPresent`; anything else (empty included) means `IfNotPresent`.
    package static func pullPolicy(_ value: String?) -> String {
        switch value {
        case "Always", "Never", "IfNotPresent": value!
        default: "IfNotPresent"
        }
    }
}
