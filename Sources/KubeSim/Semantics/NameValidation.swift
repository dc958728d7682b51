import KubeModels

/// The API server's object-name rules, returning the 422 cause it would give.
package enum NameValidation {
    /// Which naming rule a resource uses.
    package enum Rule: Sendable {
        /// RFC 1123 subdomain (most kinds).
        case subdomain
        /// RFC 1123 label (namespaces).
        case label
        /// RFC 1035 label (services).
        case dns1035Label
        /// Any path segment (RBAC kinds allow `system:controller:x`).
        case pathSegment
    }

    /// The rule for a resource.
    package static func rule(for resource: GroupResource) -> Rule {
        switch (resource.group, resource.resource) {
        case ("", "namespaces"): .label
        case ("", "services"): .dns1035Label
        case ("rbac.authorization.k8s.io", _): .pathSegment
        default: .subdomain
        }
    }

    /// The cause explaining why `name` breaks `rule`, or `nil` when it is valid.
    package static func problem(with name: String, rule: Rule) -> StatusCause? {
        if name.isEmpty {
            return StatusCause(reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name")
        }
        let message: String?
        switch rule {
        case .subdomain:
            message =
                isSubdomain(name)
                ? nil
                : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        case .label:
            message =
                isLabel(name)
                ? nil
                : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        case .dns1035Label:
            message =
                isLabel(name) && name.first!.isLetter
                ? nil
                : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        case .pathSegment:
            message =
                name == "." || name == ".." ? "may not be '\(name)'" : (name.contains("/") || name.contains("%") ? "may not contain '/' or '%'" : nil)
        }
        return message.map { StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": \($0)", field: "metadata.name") }
    }

    /// Whether `text` is an RFC 1123 label (≤ 63 lower-case alphanumerics or `-`, alphanumeric ends).
    package static func isLabel(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 63 else { return false }
        let bytes = Array(text.utf8)
        func alnum(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        return alnum(bytes.first!) && alnum(bytes.last!) && bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// Whether `text` is an RFC 1123 subdomain (dot-separated labels, ≤ 253 characters).
    package static func isSubdomain(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }

    /// Causes for invalid label keys or values in `metadata.labels`.
    package static func labelProblems(_ labels: JSONValue?) -> [StatusCause] {
        guard let members = labels?.objectValue else { return [] }
        var causes: [StatusCause] = []
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            if !SelectorParser.isValidKey(key) {
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid",
                        message:
                            "Invalid value: \"\(key)\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                        field: "metadata.labels"))
            }
            guard let text = value.stringValue else {
                causes.append(
                    StatusCause(
                        reason: "FieldValueTypeInvalid", message: "Invalid value: \(value.serializedString()): must be a string",
                        field: "metadata.labels"))
                continue
            }
            if !SelectorParser.isValidValue(text) {
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid",
                        message:
                            "Invalid value: \"\(text)\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                        field: "metadata.labels"))
            }
        }
        return causes
    }
}
