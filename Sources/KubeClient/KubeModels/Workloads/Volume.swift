/// A pod volume; exactly one source is set.
package struct Volume: Codable, Sendable, Hashable {
    package var name: String
    package var hostPath: HostPathVolumeSource?
    package var configMap: ConfigMapVolumeSource?
    package var secret: SecretVolumeSource?
    package var emptyDir: EmptyDirVolumeSource?
    package var projected: JSONValue?

    /// Creates a host-path volume.
    package static func hostPath(_ name: String, path: String, type: String? = nil) -> Volume {
        var volume = Volume(name: name)
        volume.hostPath = HostPathVolumeSource(path: path, type: type)
        return volume
    }

    /// Creates a ConfigMap volume.
    package static func configMap(_ name: String, configMapName: String, items: [KeyToPath]? = nil, defaultMode: Int? = nil) -> Volume {
        var volume = Volume(name: name)
        volume.configMap = ConfigMapVolumeSource(name: configMapName, items: items, defaultMode: defaultMode)
        return volume
    }

    /// Creates a Secret volume.
    package static func secret(_ name: String, secretName: String, items: [KeyToPath]? = nil) -> Volume {
        var volume = Volume(name: name)
        volume.secret = SecretVolumeSource(secretName: secretName, items: items)
        return volume
    }

    /// Creates an emptyDir volume.
    package static func emptyDir(_ name: String) -> Volume {
        var volume = Volume(name: name)
        volume.emptyDir = EmptyDirVolumeSource()
        return volume
    }

    /// Creates a volume with no source yet.
    package init(name: String) { self.name = name }
}

/// A directory or file of the node.
package struct HostPathVolumeSource: Codable, Sendable, Hashable {
    package var path: String
    /// e.g. `Directory`, `DirectoryOrCreate`, `File`, `Socket`.
    package var type: String?
}

/// A ConfigMap projected as files.
package struct ConfigMapVolumeSource: Codable, Sendable, Hashable {
    package var name: String?
    package var items: [KeyToPath]?
    package var defaultMode: Int?
    package var optional: Bool?

    /// Creates a source.
    package init(name: String?, items: [KeyToPath]? = nil, defaultMode: Int? = nil) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
    }
}

/// A Secret projected as files.
package struct SecretVolumeSource: Codable, Sendable, Hashable {
    package var secretName: String?
    package var items: [KeyToPath]?
    package var defaultMode: Int?
    package var optional: Bool?
}

/// One key of a ConfigMap or Secret and the file it becomes.
package struct KeyToPath: Codable, Sendable, Hashable {
    package var key: String
    package var path: String
    package var mode: Int?

    /// Creates a mapping.
    package init(key: String, path: String) {
        self.key = key
        self.path = path
    }
}

/// A scratch directory living as long as the pod.
package struct EmptyDirVolumeSource: Codable, Sendable, Hashable {
    package var medium: String?
    package var sizeLimit: IntOrString?

    /// Creates an emptyDir source.
    package init() {}
}
