import Yams

/// Reads YAML text into JSON documents the way Kubernetes tools do (YAML 1.1 scalars, one JSON
/// value per document, empty documents skipped).
///
/// The one YAML-to-JSON conversion of the project: ClusterPolicy files and rendered templates
/// (Manifests), `--facts` files (the operator) and YAML request bodies (KubeSim) all go through it.
package enum YAMLReader {
    /// Parses every document of `text`.
    /// - Parameters:
    ///   - text: the YAML text.
    ///   - file: the file name used in error messages (`-` for standard input).
    /// - Throws: ``YAMLInputError`` with the line and column of malformed YAML.
    package static func documents(in text: String, file: String) throws(YAMLInputError) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        do {
            // Iterate the parser directly: Yams' document sequence stops silently on a syntax error.
            let parser = try Parser(yaml: text)
            while let node = try parser.nextRoot() {
                var positions: [FieldPath: SourcePosition] = [:]
                let value = try convert(node, path: FieldPath(), positions: &positions, file: file)
                if value.isNull { continue }
                let start = node.mark.map(SourcePosition.init) ?? SourcePosition(line: 1, column: 1)
                documents.append(YAMLDocument(value: value, positions: positions, start: start))
            }
        } catch let error as YAMLInputError {
            throw error
        } catch let error as YamlError {
            throw YAMLInputError(error, file: file)
        } catch {
            throw YAMLInputError(file: file, position: nil, message: "\(error)")
        }
        return documents
    }

    /// Parses text that holds at most one (non-empty) document, such as a request body.
    /// - Parameters:
    ///   - text: the YAML text (JSON is valid YAML).
    ///   - file: the name used in error messages.
    /// - Returns: the document's value, or `null` when the text holds none.
    /// - Throws: ``YAMLInputError`` for malformed YAML or a second document.
    package static func value(in text: String, file: String) throws(YAMLInputError) -> JSONValue {
        let documents = try documents(in: text, file: file)
        guard documents.count <= 1 else {
            throw YAMLInputError(file: file, position: documents[1].start, message: "expected a single document, found \(documents.count)")
        }
        return documents.first?.value ?? .null
    }
}
