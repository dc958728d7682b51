/// The shape of a protobuf field in Kubernetes' generated `.proto` definitions, enough to turn the
/// wire form into the JSON form of the same object.
indirect enum ProtobufField: Sendable {
    case string
    case bytes
    case int64
    case bool
    case time
    case stringMap
    case bytesMap
    case repeatedString
    case message(ProtobufMessage)
    case repeatedMessage(ProtobufMessage)
}

/// A message: field number → JSON name and shape.
struct ProtobufMessage: Sendable {
    /// Field number to JSON name and shape.
    var fields: [Int: (name: String, field: ProtobufField)]
}

/// The messages of the built-in kinds kubectl's typed clients send as protobuf
/// (`kubectl create namespace|configmap|secret|serviceaccount`, the evictions of `kubectl drain`, the
/// DeleteOptions of every Go client's delete, Helm's among them),
/// from `k8s.io/api/core/v1`, `k8s.io/api/policy` and `k8s.io/apimachinery/pkg/apis/meta/v1`.
enum ProtobufSchemas {
    /// `metav1.OwnerReference`.
    static let ownerReference = ProtobufMessage(fields: [
        1: ("kind", .string), 3: ("name", .string), 4: ("uid", .string), 5: ("apiVersion", .string),
        6: ("controller", .bool), 7: ("blockOwnerDeletion", .bool),
    ])

    /// `metav1.ObjectMeta` (without managedFields, which kubectl never sends).
    static let objectMeta = ProtobufMessage(fields: [
        1: ("name", .string), 2: ("generateName", .string), 3: ("namespace", .string), 5: ("uid", .string),
        6: ("resourceVersion", .string), 7: ("generation", .int64), 8: ("creationTimestamp", .time),
        11: ("labels", .stringMap), 12: ("annotations", .stringMap), 13: ("ownerReferences", .repeatedMessage(ownerReference)),
        14: ("finalizers", .repeatedString),
    ])

    /// `corev1.ObjectReference`.
    static let objectReference = ProtobufMessage(fields: [
        1: ("kind", .string), 2: ("namespace", .string), 3: ("name", .string), 4: ("uid", .string),
        5: ("apiVersion", .string), 6: ("resourceVersion", .string), 7: ("fieldPath", .string),
    ])

    /// `metav1.DeleteOptions`.
    static let deleteOptions = ProtobufMessage(fields: [
        1: ("gracePeriodSeconds", .int64),
        2: ("preconditions", .message(ProtobufMessage(fields: [1: ("uid", .string), 2: ("resourceVersion", .string)]))),
        3: ("orphanDependents", .bool), 4: ("propagationPolicy", .string), 5: ("dryRun", .repeatedString),
    ])

    /// `policy.Eviction` (the same message in `policy/v1` and `policy/v1beta1`).
    static let eviction = ProtobufMessage(fields: [1: ("metadata", .message(objectMeta)), 2: ("deleteOptions", .message(deleteOptions))])

    /// Messages by `apiVersion/kind`.
    static let kinds: [String: ProtobufMessage] = [
        "v1/Namespace": ProtobufMessage(fields: [
            1: ("metadata", .message(objectMeta)),
            2: ("spec", .message(ProtobufMessage(fields: [1: ("finalizers", .repeatedString)]))),
            3: ("status", .message(ProtobufMessage(fields: [1: ("phase", .string)]))),
        ]),
        "v1/ConfigMap": ProtobufMessage(fields: [
            1: ("metadata", .message(objectMeta)), 2: ("data", .stringMap), 3: ("binaryData", .bytesMap), 4: ("immutable", .bool),
        ]),
        "v1/Secret": ProtobufMessage(fields: [
            1: ("metadata", .message(objectMeta)), 2: ("data", .bytesMap), 3: ("type", .string), 4: ("stringData", .stringMap),
            5: ("immutable", .bool),
        ]),
        "v1/ServiceAccount": ProtobufMessage(fields: [
            1: ("metadata", .message(objectMeta)), 2: ("secrets", .repeatedMessage(objectReference)),
            3: ("imagePullSecrets", .repeatedMessage(ProtobufMessage(fields: [1: ("name", .string)]))),
            4: ("automountServiceAccountToken", .bool),
        ]),
        // client-go's protobuf serializer labels DeleteOptions with the version it was converted to: the
        // core group's `v1` for core resources, `meta.k8s.io/v1` elsewhere.
        "v1/DeleteOptions": deleteOptions,
        "meta.k8s.io/v1/DeleteOptions": deleteOptions,
        "policy/v1/Eviction": eviction,
        "policy/v1beta1/Eviction": eviction,
    ]
}
