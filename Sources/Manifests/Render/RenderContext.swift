import KubeModels

/// Everything one render reads: the policy, the cluster facts, and values derived from both.
/// Immutable and `Sendable`.
package struct RenderContext: Sendable {
    package let policy: ClusterPolicy
    package let facts: ClusterFacts

    /// Creates a context.
    package init(policy: ClusterPolicy, facts: ClusterFacts) {
        self.policy = policy
        self.facts = facts
    }

    /// The policy's spec.
    package var spec: ClusterPolicySpec { policy.spec }

    /// The RuntimeClass name operands use (`operator.runtimeClass`, default `nvidia`).
    package var runtimeClassName: String {
        if let name = spec.operator.runtimeClass, !name.isEmpty { return name }
        return "nvidia"
    }

    /// Whether CDI is enabled (default true).
    package var isCDIEnabled: Bool { spec.cdi.enabled ?? true }

    /// Whether the toolkit's NRI plugin injects GPUs instead of runtime classes.
    package var isNRIEnabled: Bool { spec.cdi.nriPluginEnabled ?? false }

    /// The toolkit's host install directory (default `/usr/local/nvidia`).
    package var toolkitInstallDir: String {
        if let dir = spec.toolkit.installDir, !dir.isEmpty { return dir }
        return "/usr/local/nvidia"
    }

    /// Resolves an image with this context's environment.
    /// - Throws: ``RenderError`` for a partial image specification.
    package func image(_ source: ImageSource) throws(RenderError) -> String {
        try ImagePaths.resolve(source, environment: facts.imageEnvironment)
    }

    /// The image source of a component section with the common fields.
    package func source<Extra>(_ section: ComponentSpec<Extra>, path: String, env: String) -> ImageSource {
        ImageSource(
            path: FieldPath(dotted: path), repository: section.repository, image: section.image, version: section.version,
            environmentVariable: env, builtInDefault: ImagePaths.builtInDefaults[env] ?? "")
    }

    /// The validator image (also used by every `*-validation` init container).
    /// - Throws: ``RenderError`` for a partial image specification.
    package func validatorImage() throws(RenderError) -> String {
        try image(source(spec.validator, path: "spec.validator", env: "VALIDATOR_IMAGE"))
    }
}
