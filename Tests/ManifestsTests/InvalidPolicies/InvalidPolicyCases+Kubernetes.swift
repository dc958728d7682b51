/// Invalid policies whose values Kubernetes itself would reject in the rendered objects, settings this
/// operator does not support, contradictory images, malformed YAML and wrong documents.
extension InvalidPolicyCase {
    static let rejectedByKubernetes: [InvalidPolicyCase] = [
        .init(
            "daemonsets:\n  tolerations:\n  - operator: Sometimes", "spec.daemonsets.tolerations[0].operator",
            #"expected one of "Equal", "Exists", """#),
        .init("daemonsets:\n  tolerations:\n  - key: a\n    operator: exists", "spec.daemonsets.tolerations[0].operator", "got string \"exists\""),
        .init(
            "daemonsets:\n  tolerations:\n  - key: a\n    effect: NoRun", "spec.daemonsets.tolerations[0].effect",
            #""NoSchedule", "PreferNoSchedule", "NoExecute""#),
        .init(
            "daemonsets:\n  tolerations:\n  - operator: Exists\n    value: x", "spec.daemonsets.tolerations[0].value",
            "expected no value with operator Exists"),
        .init(
            "daemonsets:\n  tolerations:\n  - operator: Equal\n    value: x", "spec.daemonsets.tolerations[0].operator",
            "expected Exists when key is empty"),
        .init(
            "daemonsets:\n  tolerations:\n  - key: bad key\n    operator: Exists", "spec.daemonsets.tolerations[0].key",
            "expected a name of at most 63"),
        .init(
            "daemonsets:\n  tolerations:\n  - key: a\n    effect: NoSchedule\n    tolerationSeconds: 10", "spec.daemonsets.tolerations[0].effect",
            "expected NoExecute when tolerationSeconds is set"),
        .init("daemonsets:\n  tolerations:\n  - key: a\n    value: bad value!", "spec.daemonsets.tolerations[0].value", "expected a label value"),
        .init("daemonsets:\n  labels:\n    bad key: x", "spec.daemonsets.labels.bad key", "expected a name of at most 63"),
        .init("daemonsets:\n  labels:\n    -team: x", "spec.daemonsets.labels.-team", "starting and ending with a letter or digit"),
        .init("daemonsets:\n  labels:\n    a/b/c: x", "spec.daemonsets.labels.a/b/c", "expected at most one '/'"),
        .init(
            "daemonsets:\n  labels:\n    Example.COM/team: x", "spec.daemonsets.labels.Example.COM/team",
            "expected the prefix before '/' to be a DNS subdomain"),
        .init(
            "daemonsets:\n  labels:\n    \(String(repeating: "k", count: 64)): x", "spec.daemonsets.labels.\(String(repeating: "k", count: 64))",
            "at most 63"),
        .init("daemonsets:\n  labels:\n    team: bad value", "spec.daemonsets.labels.team", "expected a value matching"),
        .init(
            "daemonsets:\n  labels:\n    team: \(String(repeating: "v", count: 64))", "spec.daemonsets.labels.team",
            "should have at most 63 characters"),
        .init("daemonsets:\n  labels:\n    team: -x", "spec.daemonsets.labels.team", "expected a value matching"),
        .init("daemonsets:\n  annotations:\n    bad key: x", "spec.daemonsets.annotations.bad key", "expected a name"),
        .init("daemonsets:\n  annotations:\n    example.com/: x", "spec.daemonsets.annotations.example.com/", "expected a name"),
        .init("dcgmExporter:\n  annotations:\n    no spaces please: x", "spec.dcgmExporter.annotations.no spaces please", "expected a name"),
        .init(
            "dcgmExporter:\n  serviceMonitor:\n    additionalLabels:\n      a b: x", "spec.dcgmExporter.serviceMonitor.additionalLabels.a b",
            "expected a name"),
        .init(
            "dcgmExporter:\n  serviceMonitor:\n    additionalLabels:\n      release: x y",
            "spec.dcgmExporter.serviceMonitor.additionalLabels.release",
            "expected a value matching"),
        .init("driver:\n  env:\n  - name: MY VAR\n    value: \"1\"", "spec.driver.env[0].name", "expected a value matching"),
        .init("toolkit:\n  env:\n  - name: 1ABC", "spec.toolkit.env[0].name", "expected a value matching"),
        .init("devicePlugin:\n  env:\n  - name: A=B", "spec.devicePlugin.env[0].name", "expected a value matching"),
        .init("validator:\n  plugin:\n    env:\n    - name: WITH SPACE", "spec.validator.plugin.env[0].name", "expected a value matching"),
        .init("driver:\n  manager:\n    env:\n    - name: \"\"", "spec.driver.manager.env[0].name", "expected a value matching"),
        .init("dcgmExporter:\n  env:\n  - value: x", "spec.dcgmExporter.env[0].name", "required field is missing", line: 8),
        .init("daemonsets:\n  priorityClassName: High", "spec.daemonsets.priorityClassName", "expected a value matching"),
        .init("daemonsets:\n  priorityClassName: under_score", "spec.daemonsets.priorityClassName", "expected a value matching"),
        .init("daemonsets:\n  priorityClassName: a..b", "spec.daemonsets.priorityClassName", "expected a value matching"),
        .init("daemonsets:\n  rollingUpdate:\n    maxUnavailable: x", "spec.daemonsets.rollingUpdate.maxUnavailable", "expected a value matching"),
        .init(
            "daemonsets:\n  rollingUpdate:\n    maxUnavailable: \"-1\"", "spec.daemonsets.rollingUpdate.maxUnavailable", "expected a value matching"),
        .init("daemonsets:\n  rollingUpdate:\n    maxUnavailable: 20 %", "spec.daemonsets.rollingUpdate.maxUnavailable", "expected a value matching"),
        .init(
            "daemonsets:\n  rollingUpdate:\n    maxUnavailable: \"99999999999\"", "spec.daemonsets.rollingUpdate.maxUnavailable",
            "expected an integer or a percentage"),
    ]

    static let unsupportedOrContradictory: [InvalidPolicyCase] = [
        .init("sandboxWorkloads:\n  enabled: true", "spec.sandboxWorkloads.enabled", "not supported by this operator"),
        .init("driver:\n  useNvidiaDriverCRD: true", "spec.driver.useNvidiaDriverCRD", "not supported by this operator"),
        .init("gds:\n  enabled: true", "spec.gds.enabled", "not supported by this operator"),
        .init("gdrcopy:\n  enabled: true", "spec.gdrcopy.enabled", "not supported by this operator"),
        .init("driver:\n  rdma:\n    enabled: true", "spec.driver.rdma.enabled", "not supported by this operator"),
        .init("cdi:\n  enabled: false\n  nriPluginEnabled: true", "spec.cdi.nriPluginEnabled", "needs spec.cdi.enabled: true"),
        .init("driver:\n  image: driver:535\n  version: \"550\"", "spec.driver.version", "already carries a tag or digest"),
        .init("toolkit:\n  image: ctk@sha256:abc\n  version: v1.17.0", "spec.toolkit.version", "already carries a tag or digest"),
        .init(
            "devicePlugin:\n  repository: nvcr.io/nvidia\n  image: k8s-device-plugin:v0.17.0\n  version: v0.18.0", "spec.devicePlugin.version",
            "already carries a tag or digest"),
    ]

    static let malformedYAML: [InvalidPolicyCase] = [
        .init("driver: {enabled: true", nil, "did not find expected ',' or '}'", line: 7),
        .init("driver:\n  enabled: \"true", nil, "found unexpected end of stream", line: 8),
        .init("driver:\n    enabled: true\n  version: x", nil, "did not find expected key", line: 8),
        .init("driver:\n  env: [a, b", nil, "did not find expected ',' or ']'", line: 8),
        .init("driver:\n\tenabled: true", nil, "found character that cannot start any token", line: 7),
        .init("driver: &a\n  enabled: *b", nil, "found undefined alias", line: 7),
    ]

    static let wrongDocuments: [InvalidPolicyCase] = [
        .file("apiVersion: nvidia.com/v2\nkind: ClusterPolicy\nmetadata:\n  name: cp\n", "apiVersion", #"expected "nvidia.com/v1""#, line: 1),
        .file("apiVersion: nvidia.com/v1\nkind: ClusterPolicy\nmetadata: {}\n", "metadata.name", "required field is missing", line: 3),
        .file("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n", "kind", #"expected kind "ClusterPolicy", got "Pod""#, line: 2),
        .file(header + "---\n" + header, nil, "found 2 ClusterPolicy documents", line: 6),
        .file(header + "spec: []\n", "spec", "expected object, got a list", line: 5),
    ]

    /// Every case.
    static let all: [InvalidPolicyCase] =
        wrongTypes + badEnums + badQuantities + outOfRange + unknownFieldsWhenStrict + rejectedByKubernetes + unsupportedOrContradictory
        + malformedYAML + wrongDocuments
}
