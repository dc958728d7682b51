import Foundation
import KubeClient
import KubeModels

/// Reads the API server's version (`GET /version`).
package enum ServerVersion {
    /// The `gitVersion`, e.g. `v1.32.4`.
    /// - Throws: `KubeError` when the request fails or the answer has no version.
    package static func read(_ client: KubeClient) async throws -> String {
        let response = try await client.send(APIRequest(method: .get, path: "/version"))
        let body = try JSONValue(parsing: Data(response.body))
        guard let version = body["gitVersion"]?.stringValue else {
            throw KubeError(reason: .decoding, request: "GET /version", underlying: MissingVersion())
        }
        return version
    }

    private struct MissingVersion: Error, CustomStringConvertible {
        var description: String { "the /version answer has no gitVersion" }
    }
}
