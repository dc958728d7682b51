/// Invalid policies the CRD schema rejects: wrong types, bad enums, bad quantities, out-of-range
/// numbers and unknown fields under `--strict`.
extension InvalidPolicyCase {
    static let wrongTypes: [InvalidPolicyCase] = [
        .init("driver:\n  enabled: \"sometimes\"", "spec.driver.enabled", "expected boolean, got string"),
        .init("toolkit:\n  enabled: 1", "spec.toolkit.enabled", "expected boolean, got integer"),
        .init("devicePlugin:\n  enabled: \"true\"", "spec.devicePlugin.enabled", "expected boolean"),
        .init("driver:\n  version: 535", "spec.driver.version", "expected string, got integer"),
        .init("daemonsets:\n  tolerations: x", "spec.daemonsets.tolerations", "expected array"),
        .init("daemonsets:\n  labels: [a]", "spec.daemonsets.labels", "expected object"),
        .init("daemonsets:\n  labels:\n    team: 1", "spec.daemonsets.labels.team", "expected string, got integer"),
        .init("driver:\n  env: {A: b}", "spec.driver.env", "expected array"),
        .init("driver:\n  env:\n  - A=b", "spec.driver.env[0]", "expected object", line: 8),
        .init("driver:\n  args: --verbose", "spec.driver.args", "expected array"),
        .init("driver:\n  upgradePolicy:\n    maxParallelUpgrades: \"2\"", "spec.driver.upgradePolicy.maxParallelUpgrades", "expected integer"),
        .init("driver:\n  upgradePolicy:\n    autoUpgrade: \"on\"", "spec.driver.upgradePolicy.autoUpgrade", "expected boolean"),
        .init("dcgmExporter:\n  serviceMonitor:\n    enabled: \"on\"", "spec.dcgmExporter.serviceMonitor.enabled", "expected boolean"),
        .init("driver:\n  startupProbe:\n    periodSeconds: \"10\"", "spec.driver.startupProbe.periodSeconds", "expected integer"),
        .init("driver:\n  resources: big", "spec.driver.resources", "expected object"),
        .init("driver:\n  resources:\n    limits: [1]", "spec.driver.resources.limits", "expected object"),
        .init("mig: single", "spec.mig", "expected object"),
        .init("validator:\n  plugin:\n    env: {}", "spec.validator.plugin.env", "expected array"),
        .init("hostPaths:\n  rootFS: 1", "spec.hostPaths.rootFS", "expected string"),
        .init("cdi:\n  enabled: \"true\"", "spec.cdi.enabled", "expected boolean"),
        .init("operator: []", "spec.operator", "expected object"),
        .init("daemonsets: x", "spec.daemonsets", "expected object"),
        .init("driver:\n  hostNetwork: \"no\"", "spec.driver.hostNetwork", "expected boolean"),
        .init("devicePlugin:\n  config:\n    name: 1", "spec.devicePlugin.config.name", "expected string"),
        .init("dcgmExporter:\n  hostPID: \"yes\"", "spec.dcgmExporter.hostPID", "expected boolean"),
        .init("toolkit:\n  installDir: 1", "spec.toolkit.installDir", "expected string"),
        .init(
            "daemonsets:\n  tolerations:\n  - key: a\n    effect: NoExecute\n    tolerationSeconds: \"10\"",
            "spec.daemonsets.tolerations[0].tolerationSeconds", "expected integer"),
        .init("driver:\n  manager:\n    env: x", "spec.driver.manager.env", "expected array"),
    ]

    static let badEnums: [InvalidPolicyCase] =
        [
            .init("daemonsets:\n  updateStrategy: Sometimes", "spec.daemonsets.updateStrategy", #"expected one of "RollingUpdate", "OnDelete""#),
            .init("driver:\n  kernelModuleType: closed", "spec.driver.kernelModuleType", #"expected one of "auto", "open", "proprietary""#),
            .init("mig:\n  strategy: all", "spec.mig.strategy", #""none", "single", "mixed""#),
            .init("operator:\n  defaultRuntime: podman", "spec.operator.defaultRuntime", #""docker", "crio", "containerd""#),
            .init(
                "dcgmExporter:\n  service:\n    internalTrafficPolicy: Global", "spec.dcgmExporter.service.internalTrafficPolicy",
                #""Cluster", "Local""#),
            .init("migManager:\n  config:\n    default: none", "spec.migManager.config.default", #""all-disabled""#),
            .init("sandboxWorkloads:\n  defaultWorkload: vm", "spec.sandboxWorkloads.defaultWorkload", #""container""#),
            .init("sandboxWorkloads:\n  mode: qemu", "spec.sandboxWorkloads.mode", #""kubevirt", "kata""#),
            .init("ccManager:\n  defaultMode: maybe", "spec.ccManager.defaultMode", #""on", "off", "devtools""#),
            .init(
                "dcgmExporter:\n  serviceMonitor:\n    relabelings:\n    - action: rewrite", "spec.dcgmExporter.serviceMonitor.relabelings[0].action",
                #""replace""#),
        ]
        + ["driver", "toolkit", "devicePlugin", "dcgmExporter", "dcgm", "gfd", "validator", "migManager", "driver.manager"].map { section in
            let nested = section == "driver.manager" ? "driver:\n  manager:\n    imagePullPolicy: always" : "\(section):\n  imagePullPolicy: always"
            return .init(nested, "spec.\(section).imagePullPolicy", #"expected one of "Always", "Never", "IfNotPresent", got string "always""#)
        }

    static let badQuantities: [InvalidPolicyCase] = [
        .init("driver:\n  resources:\n    limits:\n      memory: 1GB", "spec.driver.resources.limits.memory", "expected a value matching"),
        .init("driver:\n  resources:\n    requests:\n      cpu: one", "spec.driver.resources.requests.cpu", "expected a value matching"),
        .init("driver:\n  resources:\n    requests:\n      memory: 1.5.5Gi", "spec.driver.resources.requests.memory", "expected a value matching"),
        .init("driver:\n  resources:\n    limits:\n      cpu: 1 core", "spec.driver.resources.limits.cpu", "expected a value matching"),
        .init("toolkit:\n  resources:\n    limits:\n      memory: lots", "spec.toolkit.resources.limits.memory", "expected a value matching"),
        .init(
            "dcgmExporter:\n  resources:\n    requests:\n      cpu: 100mm", "spec.dcgmExporter.resources.requests.cpu", "expected a value matching"),
        .init("validator:\n  resources:\n    limits:\n      cpu: [1]", "spec.validator.resources.limits.cpu", "expected integer or string"),
        .init(
            "driver:\n  resources:\n    limits:\n      cpu: \"-1\"", "spec.driver.resources.limits.cpu",
            "expected a quantity greater than or equal to 0"),
        .init("gfd:\n  resources:\n    requests:\n      memory: -5Mi", "spec.gfd.resources.requests.memory", "greater than or equal to 0"),
        .init(
            "devicePlugin:\n  resources:\n    requests:\n      cpu: \"2\"\n    limits:\n      cpu: 500m",
            "spec.devicePlugin.resources.requests.cpu", "expected at most the limit 500m, got 2", line: 9),
        .init(
            "dcgm:\n  resources:\n    requests:\n      memory: 2Gi\n    limits:\n      memory: 1Gi",
            "spec.dcgm.resources.requests.memory", "expected at most the limit 1Gi", line: 9),
        .init(
            "migManager:\n  resources:\n    limits:\n      \"bad name!\": 1", "spec.migManager.resources.limits.bad name!",
            "resource name: expected a name"),
    ]

    static let outOfRange: [InvalidPolicyCase] = [
        .init(
            "driver:\n  upgradePolicy:\n    maxParallelUpgrades: -1", "spec.driver.upgradePolicy.maxParallelUpgrades", "greater than or equal to 0"),
        .init(
            "driver:\n  upgradePolicy:\n    waitForCompletion:\n      timeoutSeconds: -5",
            "spec.driver.upgradePolicy.waitForCompletion.timeoutSeconds",
            "greater than or equal to 0"),
        .init(
            "driver:\n  upgradePolicy:\n    podDeletion:\n      timeoutSeconds: -1", "spec.driver.upgradePolicy.podDeletion.timeoutSeconds",
            "greater than or equal to 0"),
        .init(
            "driver:\n  upgradePolicy:\n    drain:\n      timeoutSeconds: -1", "spec.driver.upgradePolicy.drain.timeoutSeconds",
            "greater than or equal to 0"),
        .init("driver:\n  startupProbe:\n    timeoutSeconds: 0", "spec.driver.startupProbe.timeoutSeconds", "greater than or equal to 1"),
        .init("driver:\n  livenessProbe:\n    periodSeconds: 0", "spec.driver.livenessProbe.periodSeconds", "greater than or equal to 1"),
        .init("driver:\n  readinessProbe:\n    failureThreshold: 0", "spec.driver.readinessProbe.failureThreshold", "greater than or equal to 1"),
        .init("dcgm:\n  hostPort: -1", "spec.dcgm.hostPort", "greater than or equal to 0"),
        .init("dcgm:\n  hostPort: 70000", "spec.dcgm.hostPort", "less than or equal to 65535"),
        .init("dcgmExporter:\n  serviceMonitor:\n    interval: 15 seconds", "spec.dcgmExporter.serviceMonitor.interval", "expected a value matching"),
        .init(
            "operator:\n  metrics:\n    serviceMonitor:\n      scrapeTimeout: 10x", "spec.operator.metrics.serviceMonitor.scrapeTimeout",
            "expected a value matching"),
    ]

    static let unknownFieldsWhenStrict: [InvalidPolicyCase] = [
        .init("driver:\n  enabeld: false", "spec.driver.enabeld", "unknown field", strict: true),
        .init("drivers:\n  enabled: false", "spec.drivers", "unknown field", strict: true),
        .init("daemonsets:\n  tolerationz: []", "spec.daemonsets.tolerationz", "unknown field", strict: true),
        .init("devicePlugin:\n  config:\n    nmae: x", "spec.devicePlugin.config.nmae", "unknown field", strict: true),
        .init("toolkit:\n  foo: 1", "spec.toolkit.foo", "unknown field", strict: true),
        .init("operator:\n  foo: bar", "spec.operator.foo", "unknown field", strict: true),
        .init("dcgmExporter:\n  serviceMonitor:\n    intervall: 15s", "spec.dcgmExporter.serviceMonitor.intervall", "unknown field", strict: true),
        .init("driver:\n  env:\n  - name: A\n    valeu: b", "spec.driver.env[0].valeu", "unknown field", strict: true),
    ]
}
