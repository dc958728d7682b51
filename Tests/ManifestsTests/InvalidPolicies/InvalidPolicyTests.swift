import KubeModels
import Testing

@testable import Manifests

/// A table of invalid ClusterPolicies, each taken the way `operator --dry-run` takes it (load, then
/// render, in process): every one fails with a message naming the field and its line. A few run
/// through the binary in `DryRunCLITests`, which also checks exit 1 and an empty stdout.
@Suite("Invalid ClusterPolicies") struct InvalidPolicyTests {
    /// The error diagnostics `--dry-run` prints for `text`, empty when it loads and renders.
    static func diagnostics(_ text: String, strict: Bool) -> [PolicyDiagnostic] {
        let loaded: ClusterPolicyLoader.Loaded
        do {
            loaded = try ClusterPolicyLoader.load(text, file: "cp.yaml", strict: strict)
        } catch {
            return error.diagnostics
        }
        do {
            _ = try Renderer.render(loaded.policy, facts: ClusterFacts())
            return []
        } catch {
            return [PolicyDiagnostic(renderError: error, of: loaded, file: "cp.yaml")]
        }
    }

    @Test("the table holds at least 100 distinct cases")
    func tableSize() {
        #expect(InvalidPolicyCase.all.count >= 100)
        #expect(Set(InvalidPolicyCase.all.map(\.text)).count == InvalidPolicyCase.all.count)
    }

    @Test("each invalid policy fails with file:line:column, the field and what was expected", arguments: InvalidPolicyCase.all)
    func rejected(_ invalid: InvalidPolicyCase) throws {
        let found = Self.diagnostics(invalid.text, strict: invalid.strict)
        let diagnostic = try #require(found.first { $0.path?.description == invalid.path }, "\(found)")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains(invalid.expected), "\(diagnostic)")
        let line = try #require(invalid.expectedLine, "no line to expect for \(invalid.text)")
        #expect(diagnostic.position?.line == line, "\(diagnostic)")
        let prefix = "cp.yaml:\(line):\(diagnostic.position?.column ?? 0): " + (invalid.path.map { "\($0): " } ?? "")
        #expect(diagnostic.description.hasPrefix(prefix), "\(diagnostic)")
    }

    @Test("without --strict an unknown field is a warning and the policy loads")
    func unknownFieldIsAWarningByDefault() throws {
        for invalid in InvalidPolicyCase.unknownFieldsWhenStrict {
            #expect(Self.diagnostics(invalid.text, strict: false).isEmpty, "\(invalid.text)")
        }
    }
}
