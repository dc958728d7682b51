import KubeModels

/// Reads a ClusterPolicy from YAML the way the API server would accept it: schema defaults applied,
/// unknown fields pruned (and reported), wrong types and enums rejected with the field path and line.
package enum ClusterPolicyLoader {
    /// A policy that loaded, with the warnings found.
    package struct Loaded: Sendable {
        package var policy: ClusterPolicy
        package var warnings: [PolicyDiagnostic]
        /// The source document, for positions of later (render) errors.
        package var document: YAMLDocument
    }

    /// Loads the single ClusterPolicy in `text`.
    /// - Parameters:
    ///   - text: YAML (or JSON) text.
    ///   - file: the name used in messages.
    ///   - strict: treat unknown fields as errors.
    /// - Throws: ``PolicyLoadError`` listing every problem.
    package static func load(_ text: String, file: String, strict: Bool = false) throws(PolicyLoadError) -> Loaded {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader.documents(in: text, file: file)
        } catch {
            throw PolicyLoadError([PolicyDiagnostic(severity: .error, file: file, position: error.position, path: nil, message: error.message)])
        }
        let document = try single(documents, file: file)
        var diagnostics: [PolicyDiagnostic] = []
        func report(_ severity: PolicyDiagnostic.Severity, _ path: FieldPath, _ message: String) {
            diagnostics.append(PolicyDiagnostic(severity: severity, file: file, position: document.position(of: path), path: path, message: message))
        }
        if let apiVersion = document.value["apiVersion"]?.stringValue, apiVersion != "nvidia.com/v1" {
            report(.error, FieldPath(dotted: "apiVersion"), "expected \"nvidia.com/v1\", got \"\(apiVersion)\"")
        }
        if document.value[path: ["metadata", "name"]]?.stringValue?.isEmpty ?? true {
            report(.error, FieldPath(dotted: "metadata.name"), "required field is missing")
        }
        var value = document.value
        let specPath = FieldPath(dotted: "spec")
        let result = SchemaValidator.apply(ClusterPolicyCRD.specSchema, to: value["spec"] ?? [:], at: specPath)
        for issue in result.issues {
            let severity: PolicyDiagnostic.Severity = issue.isUnknownField && !strict ? .warning : .error
            report(severity, issue.path, issue.isUnknownField ? "unknown field (the API server drops it)" : issue.detail)
        }
        value["spec"] = result.value
        value["status"] = nil
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw PolicyLoadError(diagnostics.filter { $0.severity == .error })
        }
        let policy: ClusterPolicy
        do {
            policy = try value.decode(as: ClusterPolicy.self)
        } catch {
            report(.error, specPath, "cannot be read: \(error)")
            throw PolicyLoadError(diagnostics.filter { $0.severity == .error })
        }
        for check in PolicyChecks.run(policy.spec) {
            report(check.isError ? .error : .warning, check.path, check.message)
        }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw PolicyLoadError(errors) }
        return Loaded(policy: policy, warnings: diagnostics, document: document)
    }

    private static func single(_ documents: [YAMLDocument], file: String) throws(PolicyLoadError) -> YAMLDocument {
        let policies = documents.filter { $0.value["kind"]?.stringValue == "ClusterPolicy" }
        if policies.count == 1 { return policies[0] }
        if policies.count > 1 {
            throw PolicyLoadError([
                PolicyDiagnostic(
                    severity: .error, file: file, position: policies[1].start, path: nil,
                    message: "found \(policies.count) ClusterPolicy documents; the operator uses one, give one per file")
            ])
        }
        let first = documents.first
        let kind = first?.value["kind"]?.stringValue
        throw PolicyLoadError([
            PolicyDiagnostic(
                severity: .error, file: file, position: first?.position(of: FieldPath(dotted: "kind")),
                path: first == nil ? nil : FieldPath(dotted: "kind"),
                message: kind.map { "expected kind \"ClusterPolicy\", got \"\($0)\"" } ?? "no ClusterPolicy document found")
        ])
    }
}
