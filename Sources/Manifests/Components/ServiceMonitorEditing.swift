import KubeModels

/// Applies a ``ServiceMonitorConfig`` to a ServiceMonitor object (reference §2.3): extra labels on the
/// object, and interval, scrape timeout, honorLabels and relabelings on its first endpoint.
enum ServiceMonitorEditing {
    static func apply(_ config: ServiceMonitorConfig?, to object: inout JSONValue) throws(RenderError) {
        guard let config else { return }
        if let extra = config.additionalLabels, !extra.isEmpty {
            var labels = object[path: ["metadata", "labels"]]?.objectValue ?? [:]
            for (key, value) in extra { labels[key] = .string(value) }
            object["metadata"]?["labels"] = .object(labels)
        }
        guard case .array(var endpoints)? = object[path: ["spec", "endpoints"]], !endpoints.isEmpty else { return }
        if let interval = config.interval, !interval.isEmpty { endpoints[0]["interval"] = .string(interval) }
        if let timeout = config.scrapeTimeout, !timeout.isEmpty { endpoints[0]["scrapeTimeout"] = .string(timeout) }
        if let honor = config.honorLabels { endpoints[0]["honorLabels"] = .bool(honor) }
        if let relabelings = config.relabelings, !relabelings.isEmpty {
            endpoints[0]["relabelings"] = try TemplateEditing.encode(relabelings)
        }
        object["spec"]?["endpoints"] = .array(endpoints)
    }
}

/// The operator's metrics Service and, when the prometheus-operator CRD exists, its ServiceMonitor.
enum OperatorMetricsRender {
    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        var out: [JSONValue] = []
        for var object in objects {
            if object["kind"]?.stringValue == "ServiceMonitor" {
                guard context.facts.serviceMonitorCRD else { continue }
                try ServiceMonitorEditing.apply(context.spec.operator.metrics?.serviceMonitor, to: &object)
            }
            out.append(object)
        }
        return out
    }
}
