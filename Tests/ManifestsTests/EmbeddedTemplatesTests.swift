import Foundation
import KubeModels
import Testing

@testable import Manifests

/// The templates compiled into the binary are the reviewed YAML files, and every field they use
/// survives the typed models (nothing is silently dropped on the way to the cluster).
@Suite("Embedded templates")
struct EmbeddedTemplatesTests {
    static let templateDirectory = GoldenSupport.root.appendingPathComponent("Sources/Manifests/Templates")

    static var templateFiles: [String] {
        let enumerator = FileManager.default.enumerator(atPath: templateDirectory.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".yaml") { files.append(path) }
        }
        return files.sorted()
    }

    @Test("the generated source embeds exactly the files in Templates/ (regenerate with make templates)")
    func embeddedMatchesFiles() throws {
        let embedded = Dictionary(uniqueKeysWithValues: EmbeddedTemplates.files.map { ($0.path, $0.text) })
        #expect(Set(embedded.keys) == Set(Self.templateFiles))
        for path in Self.templateFiles {
            let text = try String(contentsOf: Self.templateDirectory.appendingPathComponent(path), encoding: .utf8)
            #expect(embedded[path] == text.trimmingTrailingNewlines, "Templates/\(path) changed; run make templates")
        }
    }

    @Test("each embedded JSON form is exactly what our YAML reader makes of the template", arguments: EmbeddedTemplates.files.map(\.path))
    func jsonMatchesYAML(path: String) throws {
        let file = try #require(EmbeddedTemplates.files.first { $0.path == path })
        let documents = try YAMLReader.documents(in: file.text + "\n", file: path)
        #expect(documents.count == 1, "Templates/\(path) must hold exactly one object")
        #expect(try JSONValue(parsingUTF8: Array(file.json.utf8)) == documents.first?.value, "run make templates")
    }

    @Test("every template decodes into its typed model without losing a field", arguments: EmbeddedTemplates.files.map(\.path))
    func lossless(path: String) throws {
        let text = try #require(EmbeddedTemplates.files.first { $0.path == path }?.text)
        let value = try #require(try YAMLReader.documents(in: text, file: path).first?.value)
        let kind = value["kind"]?.stringValue ?? ""
        let roundTripped: JSONValue
        switch kind {
        case "DaemonSet": roundTripped = try JSONValue(encoding: try value.decode(as: DaemonSet.self))
        case "ServiceAccount": roundTripped = try JSONValue(encoding: try value.decode(as: ServiceAccount.self))
        case "Role": roundTripped = try JSONValue(encoding: try value.decode(as: Role.self))
        case "ClusterRole": roundTripped = try JSONValue(encoding: try value.decode(as: ClusterRole.self))
        case "RoleBinding": roundTripped = try JSONValue(encoding: try value.decode(as: RoleBinding.self))
        case "ClusterRoleBinding": roundTripped = try JSONValue(encoding: try value.decode(as: ClusterRoleBinding.self))
        case "ConfigMap": roundTripped = try JSONValue(encoding: try value.decode(as: ConfigMap.self))
        case "Service": roundTripped = try JSONValue(encoding: try value.decode(as: Service.self))
        case "RuntimeClass": roundTripped = try JSONValue(encoding: try value.decode(as: RuntimeClass.self))
        case "ServiceMonitor": roundTripped = value
        default:
            Issue.record("Templates/\(path) has kind \(kind), which the renderer does not know")
            return
        }
        #expect(roundTripped == value, "Templates/\(path) uses a field the typed \(kind) model drops")
    }
}

extension String {
    /// The string without trailing newlines.
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
