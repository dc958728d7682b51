import KubeClient
import protocol KubeModels.KubeResource

// KubeSim declares its own `ObjectStore`, `LabelSelector`, `Kubeconfig`, `ListOptions`, `PatchBody` and
// `ObjectKey`, and `KubeClient.X` cannot qualify them (the module and its main struct share a name),
// so test files that import both modules use these aliases, declared where only KubeClient is visible.

/// The client's object store.
typealias ClientObjectStore<R: KubeResource> = ObjectStore<R>
/// The client's label selector.
typealias ClientLabelSelector = LabelSelector
/// The client's kubeconfig model.
typealias ClientKubeconfig = Kubeconfig
/// The client's patch body.
typealias ClientPatchBody = PatchBody
