import Foundation
import KubeModels

/// The objects NVIDIA's Helm-installed gpu-operator leaves in namespace `gpu-operator` for the default
/// ClusterPolicy `cluster-policy` (`Fixtures/upstream-install`, whose README names the sources), for
/// takeover tests to load into kube-sim before starting our operator.
enum UpstreamInstallFixture {
    /// The fixture folder.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/upstream-install")

    /// The placeholder every operand object's ownerReference carries for the ClusterPolicy's UID.
    static let clusterPolicyUIDPlaceholder = "CLUSTER_POLICY_UID"
    /// The placeholder for the leader Lease's `acquireTime` and `renewTime`.
    static let renewTimePlaceholder = "RENEW_TIME"

    /// Why the fixture could not be loaded.
    struct LoadError: Error, CustomStringConvertible {
        var file: String
        var cause: any Error

        var description: String { "upstream-install fixture \(file): \(cause)" }
    }

    /// The YAML files of the fixture, sorted by name.
    static func files() throws -> [URL] {
        do {
            return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "yaml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw LoadError(file: directory.path, cause: error)
        }
    }

    /// Every object of the fixture, file by file, with the placeholders replaced.
    /// - Parameters:
    ///   - clusterPolicyUID: the UID of the live ClusterPolicy `cluster-policy` the operand objects name as owner.
    ///   - renewTime: the Lease's acquire and renew time, an RFC 3339 MicroTime such as `2026-12-06T18:00:00.000000Z`.
    /// - Throws: ``LoadError`` naming the file that cannot be read or parsed.
    static func objects(clusterPolicyUID: String, renewTime: String) throws -> [JSONValue] {
        try files().flatMap { file in
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                    .replacingOccurrences(of: clusterPolicyUIDPlaceholder, with: clusterPolicyUID)
                    .replacingOccurrences(of: renewTimePlaceholder, with: "\"\(renewTime)\"")
                return try YAMLReader.documents(in: text, file: file.lastPathComponent).map(\.value)
            } catch {
                throw LoadError(file: file.lastPathComponent, cause: error)
            }
        }
    }
}
