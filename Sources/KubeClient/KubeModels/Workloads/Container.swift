/// A container of a pod, with the fields the operand templates use.
package struct Container: Codable, Sendable, Hashable {
    package var name: String
    package var image: String?
    package var imagePullPolicy: String?
    package var command: [String]?
    package var args: [String]?
    package var workingDir: String?
    package var env: [EnvVar]?
    package var envFrom: [EnvFromSource]?
    package var ports: [ContainerPort]?
    package var resources: ResourceRequirements?
    package var volumeMounts: [VolumeMount]?
    package var securityContext: SecurityContext?
    package var startupProbe: Probe?
    package var livenessProbe: Probe?
    package var readinessProbe: Probe?
    package var lifecycle: Lifecycle?
    package var terminationMessagePath: String?
    package var terminationMessagePolicy: String?

    /// Creates a container.
    package init(name: String, image: String? = nil) {
        self.name = name
        self.image = image
    }
}

/// An environment variable: a literal value or a reference.
package struct EnvVar: Codable, Sendable, Hashable {
    package var name: String
    package var value: String?
    package var valueFrom: EnvVarSource?

    /// Creates a literal variable.
    package init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// Where an environment variable's value comes from.
package struct EnvVarSource: Codable, Sendable, Hashable {
    package var fieldRef: ObjectFieldSelector?
    package var configMapKeyRef: KeySelector?
    package var secretKeyRef: KeySelector?
    package var resourceFieldRef: JSONValue?
}

/// Selects a field of the pod, e.g. `spec.nodeName`.
package struct ObjectFieldSelector: Codable, Sendable, Hashable {
    package var apiVersion: String?
    package var fieldPath: String
}

/// Selects a key of a ConfigMap or Secret.
package struct KeySelector: Codable, Sendable, Hashable {
    package var name: String?
    package var key: String
    package var optional: Bool?
}

/// Imports every key of a ConfigMap or Secret as environment variables.
package struct EnvFromSource: Codable, Sendable, Hashable {
    package var prefix: String?
    package var configMapRef: OptionalReference?
    package var secretRef: OptionalReference?

    /// Creates a source from a Secret.
    package init(secretName: String) { secretRef = OptionalReference(name: secretName) }
}

/// A named reference that may be optional.
package struct OptionalReference: Codable, Sendable, Hashable {
    package var name: String
    package var optional: Bool?

    /// Creates a reference.
    package init(name: String, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// A port a container listens on.
package struct ContainerPort: Codable, Sendable, Hashable {
    package var name: String?
    package var containerPort: Int
    package var hostPort: Int?
    package var `protocol`: String?
}

/// Compute resource requests and limits.
package struct ResourceRequirements: Codable, Sendable, Hashable {
    package var limits: [String: IntOrString]?
    package var requests: [String: IntOrString]?

    /// Creates requirements.
    package init(limits: [String: IntOrString]? = nil, requests: [String: IntOrString]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// Where a volume is mounted inside a container.
package struct VolumeMount: Codable, Sendable, Hashable {
    package var name: String
    package var mountPath: String
    package var subPath: String?
    package var readOnly: Bool?
    /// `None`, `HostToContainer` or `Bidirectional`.
    package var mountPropagation: String?

    /// Creates a mount.
    package init(name: String, mountPath: String, subPath: String? = nil, readOnly: Bool? = nil, mountPropagation: String? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.subPath = subPath
        self.readOnly = readOnly
        self.mountPropagation = mountPropagation
    }
}

/// A container's security settings.
package struct SecurityContext: Codable, Sendable, Hashable {
    package var privileged: Bool?
    package var runAsUser: Int64?
    package var runAsGroup: Int64?
    package var runAsNonRoot: Bool?
    package var readOnlyRootFilesystem: Bool?
    package var allowPrivilegeEscalation: Bool?
    package var capabilities: Capabilities?
    package var seLinuxOptions: JSONValue?
    package var seccompProfile: JSONValue?

    /// Creates an empty security context.
    package init() {}
}

/// Linux capabilities to add or drop.
package struct Capabilities: Codable, Sendable, Hashable {
    package var add: [String]?
    package var drop: [String]?
}
