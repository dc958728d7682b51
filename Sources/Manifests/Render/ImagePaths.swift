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

    /// Resolves an image: the policy fields, with any of repository, image and version they leave out
    /// taken from the environment variable's reference, else from the built-in default.
    /// - Parameters:
    ///   - source: the policy fields and fallbacks.
    ///   - environment: the operator's environment variables.
    /// - Throws: ``RenderError`` for a contradictory combination (see ``fromPolicy(_:fallback:)``).
    package static func resolve(_ source: ImageSource, environment: [String: String]) throws(RenderError) -> String {
        let fallback = fallback(source, environment: environment)
        return try fromPolicy(source, fallback: fallback) ?? fallback
    }

    /// The reference used for what the policy leaves out: the environment variable, else the built-in default.
    package static func fallback(_ source: ImageSource, environment: [String: String]) -> String {
        if let fromEnvironment = environment[source.environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        return source.builtInDefault
    }

    /// The reference the policy fields name, `nil` when they name none. `image` alone is a full
    /// reference, used verbatim (as upstream); otherwise each empty field comes from `fallback`.
    /// - Throws: ``RenderError`` naming `version` when `image` already carries a tag or digest and
    ///   `version` is set too: the two contradict each other, and neither is silently preferred.
    package static func fromPolicy(_ source: ImageSource, fallback: String) throws(RenderError) -> String? {
        let repository = source.repository ?? ""
        let image = source.image ?? ""
        let version = source.version ?? ""
        if repository.isEmpty && version.isEmpty {
            return image.isEmpty ? nil : image
        }
        if ImageReferenceParts.carriesTagOrDigest(image) {
            guard version.isEmpty else {
                throw RenderError(
                    source.path.appending("version"),
                    "expected no version when image \"\(image)\" already carries a tag or digest; set one of them")
            }
            return repository.isEmpty ? image : "\(repository)/\(image)"
        }
        let defaults = ImageReferenceParts(parsing: fallback)
        return compose(
            repository: repository.isEmpty ? defaults.repository : repository, image: image.isEmpty ? defaults.image : image,
            version: version.isEmpty ? defaults.version : version)
    }

    /// `repository/image:version`, or `repository/image@version` for a `sha256:` digest; an empty
    /// repository or version is left out.
    package static func compose(repository: String, image: String, version: String) -> String {
        let name = repository.isEmpty ? image : "\(repository)/\(image)"
        if version.isEmpty { return name }
        return version.hasPrefix("sha256:") ? "\(name)@\(version)" : "\(name):\(version)"
    }

    /// Appends `-<osTag>` to a driver-family image unless it is pinned by digest.
    package static func withOSSuffix(_ reference: String, osTag: String) -> String {
        reference.contains("sha256:") ? reference : "\(reference)-\(osTag)"
    }

    /// The precompiled driver image for one kernel: `repository/image:version-<kernel>-<osTag>`, or
    /// `image-<kernel>-<osTag>` when only `image` is given. A missing repository or image comes from
    /// `fallback` (the environment variable or built-in default reference).
    /// - Throws: ``RenderError`` when the version (the driver branch) is missing.
    package static func precompiled(_ source: ImageSource, kernel: String, osTag: String, fallback: String) throws(RenderError) -> String {
        let defaults = ImageReferenceParts(parsing: fallback)
        let image = source.image ?? ""
        let version = source.version ?? ""
        if (source.repository ?? "").isEmpty && version.isEmpty && !image.isEmpty { return "\(image)-\(kernel)-\(osTag)" }
        let repository = (source.repository ?? "").isEmpty ? defaults.repository : source.repository ?? ""
        let name = image.isEmpty ? defaults.image : image
        guard !version.isEmpty else {
            throw RenderError(
                source.path,
                "usePrecompiled needs version (the driver branch, e.g. 535; repository and image default to the driver image's): "
                    + "precompiled tags are <version>-<kernel>-<os>")
        }
        return compose(repository: repository, image: name, version: "\(version)-\(kernel)-\(osTag)")
    }

    /// `Always`, `Never` or `IfNotPresent`; anything else (empty included) means `IfNotPresent`.
    package static func pullPolicy(_ value: String?) -> String {
        switch value {
        case "Always", "Never", "IfNotPresent": value!
        default: "IfNotPresent"
        }
    }
}
