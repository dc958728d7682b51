import KubeClient

// KubeSim declares its own `Kubeconfig`, `ListOptions`, `PatchBody` and `ObjectKey`, and `KubeClient.X`
// cannot qualify them (the module and its main struct share a name), so test files that import both
// modules use these aliases, declared where only KubeClient is visible.

/// The client's kubeconfig model.
typealias ClientKubeconfig = Kubeconfig
/// The client's patch body.
typealias ClientPatchBody = PatchBody
