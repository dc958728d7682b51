import KubeModels
import Testing

@testable import Manifests

/// ServiceMonitors and the Services they scrape (reference §2.3, behaviour 9).
@Suite struct ServiceMonitorTests {
    private let withCRD = facts { $0.serviceMonitorCRD = true }

    private let fullConfig = ServiceMonitorConfig(
        enabled: true, interval: "15s", scrapeTimeout: "10s", honorLabels: true,
        additionalLabels: ["release": "kube-prometheus-stack"],
        relabelings: [
            RelabelConfig(
                sourceLabels: ["__meta_kubernetes_pod_node_name"], separator: ";", targetLabel: "instance",
                regex: "(.*)", modulus: nil, replacement: "$1", action: "replace"),
            RelabelConfig(
                sourceLabels: ["__address__"], separator: nil, targetLabel: "__tmp_hash", regex: nil,
                modulus: 4, replacement: nil, action: "hashmod"),
        ])

    @Test func noServiceMonitorWithoutTheCRD() throws {
        let objects = try render {
            $0.dcgmExporter.serviceMonitor = ServiceMonitorConfig(enabled: true)
            $0.operator.metrics = OperatorMetricsSpec(serviceMonitor: fullConfig)
        }
        #expect(objects.objects(kind: "ServiceMonitor").isEmpty)
        #expect(objects.object(kind: "Service", named: "gpu-operator") != nil, "the Service does not need the CRD")
        #expect(objects.object(kind: "Service", named: "nvidia-dcgm-exporter") != nil)
    }

    /// `dcgmExporter.serviceMonitor.enabled` → whether the exporter's ServiceMonitor is rendered.
    @Test(arguments: [(nil, false), (false, false), (true, true)] as [(Bool?, Bool)])
    func dcgmExporterServiceMonitorOnlyWhenEnabled(enabled: Bool?, rendered: Bool) throws {
        let objects = try render({ $0.dcgmExporter.serviceMonitor = ServiceMonitorConfig(enabled: enabled) }, facts: withCRD)
        #expect((objects.object(kind: "ServiceMonitor", named: "nvidia-dcgm-exporter") != nil) == rendered)
    }

    @Test func noDCGMExporterServiceMonitorWhenTheExporterIsDisabled() throws {
        let objects = try render(
            {
                $0.dcgmExporter.enabled = false
                $0.dcgmExporter.serviceMonitor = ServiceMonitorConfig(enabled: true)
            }, facts: withCRD)
        #expect(objects.object(kind: "ServiceMonitor", named: "nvidia-dcgm-exporter") == nil)
        #expect(objects.object(kind: "Service", named: "nvidia-dcgm-exporter") == nil)
    }

    @Test func operatorMetricsServiceMonitorIsAlwaysRenderedWithTheCRD() throws {
        let monitor = try #require(try render(facts: withCRD).object(kind: "ServiceMonitor", named: "gpu-operator"))
        #expect(monitor.namespace == "gpu-operator")
        #expect(monitor.body[path: ["spec", "namespaceSelector", "matchNames"]] == ["gpu-operator"])
        #expect(monitor.body[path: ["spec", "endpoints"]] == [["port": "gpu-operator-metrics", "path": "/metrics"]])
    }

    @Test func serviceMonitorsFollowTheOperatorNamespace() throws {
        let objects = try render(
            { $0.dcgmExporter.serviceMonitor = ServiceMonitorConfig(enabled: true) },
            facts: facts {
                $0.serviceMonitorCRD = true
                $0.namespace = "nvidia-gpu-operator"
            })
        for monitor in objects.objects(kind: "ServiceMonitor") {
            #expect(monitor.namespace == "nvidia-gpu-operator")
            #expect(monitor.body[path: ["spec", "namespaceSelector", "matchNames"]] == ["nvidia-gpu-operator"])
        }
    }

    /// The same edits for both monitors: labels on the object, the rest on endpoint 0.
    @Test(arguments: ["gpu-operator", "nvidia-dcgm-exporter"])
    func editsApplyToLabelsAndEndpointZero(name: String) throws {
        let objects = try render(
            {
                $0.dcgmExporter.serviceMonitor = fullConfig
                $0.operator.metrics = OperatorMetricsSpec(serviceMonitor: fullConfig)
            }, facts: withCRD)
        let monitor = try #require(objects.object(kind: "ServiceMonitor", named: name))
        #expect(monitor.body[path: ["metadata", "labels", "release"]] == "kube-prometheus-stack")
        #expect(monitor.body[path: ["metadata", "labels", "app"]] == .string(name), "template labels stay")
        let endpoint = try #require(monitor.body[path: ["spec", "endpoints"]]?.arrayValue?.first)
        #expect(endpoint["interval"] == "15s")
        #expect(endpoint["scrapeTimeout"] == "10s")
        #expect(endpoint["honorLabels"] == true)
        #expect(
            endpoint["relabelings"] == [
                [
                    "sourceLabels": ["__meta_kubernetes_pod_node_name"], "separator": ";", "targetLabel": "instance",
                    "regex": "(.*)", "replacement": "$1", "action": "replace",
                ],
                ["sourceLabels": ["__address__"], "targetLabel": "__tmp_hash", "modulus": 4, "action": "hashmod"],
            ])
    }

    @Test func honorLabelsFalseIsWrittenExplicitly() throws {
        let objects = try render(
            { $0.operator.metrics = OperatorMetricsSpec(serviceMonitor: ServiceMonitorConfig(honorLabels: false)) },
            facts: withCRD)
        let monitor = try #require(objects.object(kind: "ServiceMonitor", named: "gpu-operator"))
        #expect(monitor.body[path: ["spec", "endpoints"]]?.arrayValue?.first?["honorLabels"] == false)
    }

    @Test func dcgmExporterServiceTypeAndTrafficPolicyComeFromThePolicy() throws {
        let objects = try render {
            $0.dcgmExporter.service = DCGMExporterServiceSpec(type: "NodePort", internalTrafficPolicy: "Local")
        }
        let service = try #require(objects.object(kind: "Service", named: "nvidia-dcgm-exporter"))
        #expect(service.body[path: ["spec", "type"]] == "NodePort")
        #expect(service.body[path: ["spec", "internalTrafficPolicy"]] == "Local")
    }

    @Test func dcgmExporterServiceDefaultsToTheTemplate() throws {
        let service = try #require(try render().object(kind: "Service", named: "nvidia-dcgm-exporter"))
        #expect(service.body[path: ["spec", "type"]] == "ClusterIP")
        #expect(service.body[path: ["spec", "internalTrafficPolicy"]] == nil)
        #expect(service.body[path: ["spec", "ports"]] == [["name": "gpu-metrics", "port": 9400, "targetPort": 9400, "protocol": "TCP"]])
    }

    @Test func everyServiceMonitorSelectsARenderedServiceAndNamesOneOfItsPorts() throws {
        let objects = try render({ $0.dcgmExporter.serviceMonitor = ServiceMonitorConfig(enabled: true) }, facts: withCRD)
        let monitors = objects.objects(kind: "ServiceMonitor")
        #expect(monitors.count == 2)
        for monitor in monitors {
            let selector = try #require(monitor.body[path: ["spec", "selector", "matchLabels"]]?.objectValue)
            let services = objects.objects(kind: "Service").filter { service in
                let labels = service.body[path: ["metadata", "labels"]]?.objectValue ?? [:]
                return selector.allSatisfy { labels[$0.key] == $0.value } && service.namespace == monitor.namespace
            }
            #expect(services.count == 1, "\(monitor.name) selects \(services.map(\.name))")
            let ports = Set(services.first?.body[path: ["spec", "ports"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
            for endpoint in monitor.body[path: ["spec", "endpoints"]]?.arrayValue ?? [] {
                #expect(ports.contains(endpoint["port"]?.stringValue ?? ""), "\(monitor.name) endpoint \(endpoint)")
            }
        }
    }

    /// Field names of prometheus-operator's `monitoring.coreos.com/v1` ServiceMonitor
    /// (`pkg/apis/monitoring/v1/servicemonitor_types.go`, `types.go` `Endpoint`, `NamespaceSelector`,
    /// `http_config.go` inlined into `Endpoint`, and the `RelabelConfig` JSON tags).
    private enum PrometheusOperatorFields {
        static let top: Set = ["apiVersion", "kind", "metadata", "spec"]
        static let spec: Set = [
            "jobLabel", "targetLabels", "podTargetLabels", "endpoints", "selector", "namespaceSelector", "sampleLimit",
            "scrapeProtocols", "targetLimit", "labelLimit", "labelNameLengthLimit", "labelValueLengthLimit",
            "keepDroppedTargets", "attachMetadata", "scrapeClass", "bodySizeLimit",
        ]
        static let endpoint: Set = [
            "port", "targetPort", "path", "scheme", "params", "interval", "scrapeTimeout", "honorLabels", "honorTimestamps",
            "trackTimestampsStaleness", "metricRelabelings", "relabelings", "filterRunning", "bearerTokenFile",
            "authorization", "basicAuth", "oauth2", "bearerTokenSecret", "followRedirects", "enableHttp2", "tlsConfig",
            "proxyUrl", "noProxy", "proxyFromEnvironment", "proxyConnectHeader",
        ]
        static let relabeling: Set = ["sourceLabels", "separator", "targetLabel", "regex", "modulus", "replacement", "action"]
        static let namespaceSelector: Set = ["any", "matchNames"]
        static let labelSelector: Set = ["matchLabels", "matchExpressions"]
        static let metadata: Set = ["name", "namespace", "labels", "annotations"]
    }

    @Test func everyServiceMonitorUsesOnlyPrometheusOperatorFieldNames() throws {
        let objects = try render(
            {
                $0.dcgmExporter.serviceMonitor = fullConfig
                $0.operator.metrics = OperatorMetricsSpec(serviceMonitor: fullConfig)
            }, facts: withCRD)
        let monitors = objects.objects(kind: "ServiceMonitor")
        #expect(monitors.count == 2)
        func unknown(_ value: JSONValue?, _ allowed: Set<String>, _ path: String) -> [String] {
            (value?.objectValue?.keys.filter { !allowed.contains($0) } ?? []).map { "\(path).\($0)" }
        }
        for monitor in monitors {
            let body = monitor.body
            #expect(monitor.resourceType.group == "monitoring.coreos.com")
            #expect(body["apiVersion"] == "monitoring.coreos.com/v1")
            var extra = unknown(body, PrometheusOperatorFields.top, "")
            extra += unknown(body["metadata"], PrometheusOperatorFields.metadata, "metadata")
            extra += unknown(body["spec"], PrometheusOperatorFields.spec, "spec")
            extra += unknown(body[path: ["spec", "selector"]], PrometheusOperatorFields.labelSelector, "spec.selector")
            let namespaceSelector = body[path: ["spec", "namespaceSelector"]]
            extra += unknown(namespaceSelector, PrometheusOperatorFields.namespaceSelector, "spec.namespaceSelector")
            let endpoints = body[path: ["spec", "endpoints"]]?.arrayValue ?? []
            #expect(!endpoints.isEmpty)
            for (index, endpoint) in endpoints.enumerated() {
                extra += unknown(endpoint, PrometheusOperatorFields.endpoint, "spec.endpoints[\(index)]")
                for key in ["relabelings", "metricRelabelings"] {
                    for (rule, relabeling) in (endpoint[key]?.arrayValue ?? []).enumerated() {
                        extra += unknown(relabeling, PrometheusOperatorFields.relabeling, "spec.endpoints[\(index)].\(key)[\(rule)]")
                    }
                }
            }
            #expect(extra.isEmpty, "\(monitor.name) has fields prometheus-operator does not know: \(extra)")
        }
    }
}
