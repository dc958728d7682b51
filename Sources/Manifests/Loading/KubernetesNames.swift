/// Kubernetes' own syntax rules for names, label keys and values (`k8s.io/apimachinery/pkg/util/validation`),
/// so a policy value the API server would reject in a rendered object is caught before it is rendered.
package enum KubernetesNames {
    /// Why `key` is not a qualified name (a label or annotation key), or `nil` when it is one.
    package static func qualifiedNameProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "expected at most one '/' in \"\(key)\"" }
        if parts.count == 2 {
            let prefix = String(parts[0])
            guard isDNSSubdomain(prefix) else {
                return "expected the prefix before '/' to be a DNS subdomain (lower-case letters, digits, '-' and '.', at most 253), got \"\(key)\""
            }
        }
        let name = String(parts[parts.count - 1])
        guard !name.isEmpty, name.count <= 63, isLabelValue(name) else {
            return "expected a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
                + " (optionally prefixed by a DNS subdomain and '/'), got \"\(key)\""
        }
        return nil
    }

    /// Why `value` is not a valid label value, or `nil` when it is one.
    package static func labelValueProblem(_ value: String) -> String? {
        guard value.count <= 63, isLabelValue(value) else {
            return "expected a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending"
                + " with a letter or digit, got \"\(value)\""
        }
        return nil
    }

    /// Whether `text` is a DNS-1123 subdomain: dot-separated lower-case alphanumeric labels with inner `-`.
    package static func isDNSSubdomain(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
                && label.allSatisfy { isLowerAlphanumeric($0) || $0 == "-" }
        }
    }

    /// Label-value characters: empty, or alphanumeric at both ends with `-`, `_` and `.` inside.
    private static func isLabelValue(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && text.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    private static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    private static func isLowerAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber)
    }
}
