import Foundation
import KubeModels

/// The process environment that configuration loading reads, injectable for tests.
package struct ConfigurationEnvironment: Sendable {
    /// Environment variables (`KUBECONFIG`, `HOME`, `KUBERNETES_SERVICE_HOST`, …).
    package var variables: [String: String]
    /// Where in-cluster service-account files live.
    package var serviceAccountDirectory: String

    /// Creates an environment.
    package init(
        variables: [String: String],
        serviceAccountDirectory: String = InClusterConfiguration.defaultServiceAccountDirectory
    ) {
        self.variables = variables
        self.serviceAccountDirectory = serviceAccountDirectory
    }

    /// The running process's environment.
    package static var process: ConfigurationEnvironment {
        ConfigurationEnvironment(variables: ProcessInfo.processInfo.environment)
    }

    /// The home folder: `HOME`, else the account's home directory.
    package var homeDirectory: String {
        variables["HOME"] ?? NSHomeDirectory()
    }
}

extension Kubeconfig {
    /// Reads and parses one kubeconfig file, resolving its relative paths against the file's folder.
    /// - Parameter path: the file.
    /// - Throws: ``ConfigurationError/kubeconfigUnreadable(path:reason:)`` or
    ///   ``ConfigurationError/kubeconfigMalformed(path:reason:)``.
    package static func load(path: String) throws(ConfigurationError) -> Kubeconfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .kubeconfigUnreadable(path: path, reason: Self.describe(error))
        }
        var config = try parse(text, path: path)
        config.resolveRelativePaths(against: (path as NSString).deletingLastPathComponent)
        return config
    }

    /// Parses kubeconfig YAML without touching the file system, as kubectl does: the YAML becomes JSON
    /// (``YAMLReader``, YAML 1.1 scalars), which is then decoded strictly (a number where a string
    /// belongs is an error, as it is for kubectl).
    /// - Parameters:
    ///   - text: the YAML.
    ///   - path: the file it came from, for messages.
    /// - Throws: ``ConfigurationError/kubeconfigMalformed(path:reason:)``.
    package static func parse(_ text: String, path: String) throws(ConfigurationError) -> Kubeconfig {
        let value: JSONValue
        do {
            value = try YAMLReader.value(in: text, file: path)
        } catch {
            let position = error.position.map { "line \($0.line), column \($0.column): " } ?? ""
            throw .kubeconfigMalformed(path: path, reason: position + error.message)
        }
        if value.isNull { return Kubeconfig() }
        do {
            return try JSONValueDecoder().decode(Kubeconfig.self, from: value)
        } catch {
            throw .kubeconfigMalformed(path: path, reason: Self.describe(error))
        }
    }

    /// Merges kubeconfigs as kubectl merges the files of `KUBECONFIG`: for clusters, users and contexts
    /// the first file that defines a name wins; the first non-empty `current-context` wins.
    /// - Parameter configs: the files' contents, in `KUBECONFIG` order.
    package static func merged(_ configs: [Kubeconfig]) -> Kubeconfig {
        var result = Kubeconfig()
        var clusterNames = Set<String>()
        var userNames = Set<String>()
        var contextNames = Set<String>()
        for config in configs {
            for entry in config.clusters ?? [] where clusterNames.insert(entry.name).inserted {
                result.clusters?.append(entry)
            }
            for entry in config.users ?? [] where userNames.insert(entry.name).inserted {
                result.users?.append(entry)
            }
            for entry in config.contexts ?? [] where contextNames.insert(entry.name).inserted {
                result.contexts?.append(entry)
            }
            if result.currentContext?.isEmpty ?? true, let current = config.currentContext, !current.isEmpty {
                result.currentContext = current
            }
        }
        return result
    }

    /// Loads the kubeconfig kubectl would use: `explicitPath` if given (it must exist), else every
    /// existing file of `KUBECONFIG` (merged), else `~/.kube/config`.
    /// - Parameters:
    ///   - explicitPath: a `--kubeconfig` path.
    ///   - environment: where `KUBECONFIG` and `HOME` come from.
    /// - Returns: the merged configuration and the files it came from.
    /// - Throws: ``ConfigurationError/kubeconfigNotFound(searched:)`` when no file exists, or the
    ///   first file's read or parse error.
    package static func loadDefault(
        explicitPath: String?, environment: ConfigurationEnvironment
    ) throws(ConfigurationError) -> (config: Kubeconfig, files: [String]) {
        if let explicitPath {
            guard FileManager.default.fileExists(atPath: explicitPath) else {
                throw .kubeconfigNotFound(searched: [explicitPath])
            }
            return (try load(path: explicitPath), [explicitPath])
        }
        let candidates: [String]
        if let list = environment.variables["KUBECONFIG"], !list.isEmpty {
            candidates = list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        } else {
            candidates = [(environment.homeDirectory as NSString).appendingPathComponent(".kube/config")]
        }
        let existing = candidates.filter { FileManager.default.fileExists(atPath: $0) }
        guard !existing.isEmpty else { throw .kubeconfigNotFound(searched: candidates) }
        var configs: [Kubeconfig] = []
        for file in existing { configs.append(try load(path: file)) }
        return (merged(configs), existing)
    }

    /// Makes every relative file path absolute against `directory`, as kubectl does per file.
    package mutating func resolveRelativePaths(against directory: String) {
        func resolve(_ path: inout String?) {
            guard let value = path, !value.isEmpty, !value.hasPrefix("/") else { return }
            path = Self.absolutePath(value, in: directory)
        }
        if var list = clusters {
            for index in list.indices { resolve(&list[index].cluster.certificateAuthority) }
            clusters = list
        }
        if var list = users {
            for index in list.indices {
                resolve(&list[index].user.clientCertificate)
                resolve(&list[index].user.clientKey)
                resolve(&list[index].user.tokenFile)
                if let command = list[index].user.exec?.command, command.contains("/"), !command.hasPrefix("/") {
                    list[index].user.exec?.command = Self.absolutePath(command, in: directory)
                }
            }
            users = list
        }
    }

    private static func absolutePath(_ relative: String, in directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(relative).standardized.path
    }

    private static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
                .dataCorrupted(let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
            @unknown default:
                return String(describing: error)
            }
        }
        return (error as NSError).localizedDescription
    }
}
