import KubeModels

extension Container {
    /// Sets an environment variable the way upstream's `setEnv` does: overwrite the value in place when
    /// the name exists, otherwise append at the end (order is observable and stable).
    package mutating func setEnv(_ name: String, _ value: String) {
        var variables = env ?? []
        if let index = variables.firstIndex(where: { $0.name == name }) {
            variables[index].value = value
            variables[index].valueFrom = nil
        } else {
            variables.append(EnvVar(name: name, value: value))
        }
        env = variables
    }

    /// Applies a list of policy environment variables with ``setEnv(_:_:)``, in order.
    package mutating func setEnv(_ variables: [EnvVarSpec]?) {
        for variable in variables ?? [] { setEnv(variable.name, variable.value ?? "") }
    }

    /// The literal value of an environment variable, if set.
    package func envValue(_ name: String) -> String? {
        env?.first(where: { $0.name == name })?.value
    }

    /// Adds a mount, replacing one with the same name and path.
    package mutating func setVolumeMount(_ mount: VolumeMount) {
        var mounts = volumeMounts ?? []
        if let index = mounts.firstIndex(where: { $0.name == mount.name && $0.mountPath == mount.mountPath }) {
            mounts[index] = mount
        } else {
            mounts.append(mount)
        }
        volumeMounts = mounts
    }
}

extension PodSpec {
    /// Edits the container named `name` (main containers first, then init containers); no-op when absent.
    package mutating func editContainer(named name: String, _ edit: (inout Container) throws(RenderError) -> Void) throws(RenderError) {
        if let index = containers.firstIndex(where: { $0.name == name }) {
            try edit(&containers[index])
        } else if let index = initContainers?.firstIndex(where: { $0.name == name }) {
            try edit(&initContainers![index])
        }
    }

    /// Edits every main container.
    package mutating func editContainers(_ edit: (inout Container) -> Void) {
        for index in containers.indices { edit(&containers[index]) }
    }

    /// Edits every init container.
    package mutating func editInitContainers(_ edit: (inout Container) -> Void) {
        guard initContainers != nil else { return }
        for index in initContainers!.indices { edit(&initContainers![index]) }
    }

    /// Removes a main or init container by name.
    package mutating func removeContainer(named name: String) {
        containers.removeAll { $0.name == name }
        initContainers?.removeAll { $0.name == name }
        if initContainers?.isEmpty == true { initContainers = nil }
    }

    /// Whether a main or init container of that name exists.
    package func hasContainer(named name: String) -> Bool {
        containers.contains { $0.name == name } || (initContainers ?? []).contains { $0.name == name }
    }

    /// Adds a volume, replacing one of the same name in place.
    package mutating func setVolume(_ volume: Volume) {
        var list = volumes ?? []
        if let index = list.firstIndex(where: { $0.name == volume.name }) {
            list[index] = volume
        } else {
            list.append(volume)
        }
        volumes = list
    }

    /// Edits the volume named `name`; no-op when absent.
    package mutating func editVolume(named name: String, _ edit: (inout Volume) -> Void) {
        guard let index = volumes?.firstIndex(where: { $0.name == name }) else { return }
        edit(&volumes![index])
    }

    /// Whether a volume of that name exists.
    package func hasVolume(named name: String) -> Bool { (volumes ?? []).contains { $0.name == name } }

    /// Appends image pull secrets by name, skipping ones already present.
    package mutating func addPullSecrets(_ names: [String]?) {
        for name in names ?? [] where !name.isEmpty {
            var list = imagePullSecrets ?? []
            if !list.contains(where: { $0.name == name }) { list.append(LocalObjectReference(name: name)) }
            imagePullSecrets = list
        }
    }

    /// Turns on host networking with the DNS policy pods on the host network need.
    package mutating func useHostNetwork() {
        hostNetwork = true
        dnsPolicy = "ClusterFirstWithHostNet"
    }
}
