import KubeModels

/// The numeric value of a Kubernetes resource quantity (`500m`, `1Gi`, `2e3`), enough to compare a
/// request with its limit the way the API server does.
package enum ResourceQuantity {
    /// The value of `quantity` in base units, or `nil` when it is not a quantity.
    package static func value(of quantity: IntOrString) -> Double? {
        switch quantity {
        case .int(let number): return Double(number)
        case .string(let text): return value(of: text)
        }
    }

    /// The value of `text` in base units, or `nil` when it is not a quantity.
    package static func value(of text: String) -> Double? {
        var number = Substring(text)
        var multiplier = 1.0
        if let suffix = binarySuffixes.first(where: { number.hasSuffix($0.0) }) {
            number = number.dropLast(2)
            multiplier = suffix.1
        } else if let last = number.last, let suffix = decimalSuffixes[last] {
            number = number.dropLast()
            multiplier = suffix
        }
        // `Double` reads the remaining mantissa and any `e` exponent; an empty or bare-sign rest is not a number.
        guard !number.isEmpty, let mantissa = Double(number) else { return nil }
        return mantissa * multiplier
    }

    private static let binarySuffixes: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
    ]

    private static let decimalSuffixes: [Character: Double] = [
        "n": 1e-9, "u": 1e-6, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
    ]
}
