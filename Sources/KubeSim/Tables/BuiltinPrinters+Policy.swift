import KubeModels

extension BuiltinPrinters {
    /// The PodDisruptionBudget printer: `NAME  MIN AVAILABLE  MAX UNAVAILABLE  ALLOWED DISRUPTIONS  AGE`,
    /// with `N/A` for the bound that is not set.
    static let podDisruptionBudget: [TableColumn] = [
        .name,
        TableColumn("Min Available", description: "The minimum number or percentage of available pods this budget requires.") { object, _ in
            intOrPercent(object["spec"]?["minAvailable"])
        },
        TableColumn("Max Unavailable", description: "The maximum number or percentage of unavailable pods this budget requires.") {
            object, _ in
            intOrPercent(object["spec"]?["maxUnavailable"])
        },
        .integer(
            "Allowed Disruptions", ["status", "disruptionsAllowed"],
            description: "Calculated number of pods that can be disrupted at this time, based on the PDB."),
        .age,
    ]

    /// An int-or-string field as `intstr.String()` prints it, or `N/A` when absent.
    static func intOrPercent(_ value: JSONValue?) -> JSONValue {
        if let number = value?.intValue { return .string(String(number)) }
        return .string(value?.stringValue ?? "N/A")
    }
}
