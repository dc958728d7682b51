/// Request counts since start (or the last reset), by verb, resource and response code, for tests
/// and benchmarks that count API calls (`GET /kubesim/stats`).
///
/// JSON form: `{"total": 7, "byVerb": {"list": 2}, "byResource": {"nodes": 2},
/// "byCode": {"200": 7}, "requests": [{"verb": "list", "resource": "nodes", "code": 200, "count": 2}]}`.
/// Resources are named `plural` (core group) or `plural.group`, with `/status` for the status
/// subresource; non-resource requests (discovery, OpenAPI, health) are counted in
/// `nonResourceRequests` only.
package struct KubeSimStats: Sendable, Hashable, Codable {
    /// One (verb, resource, code) cell.
    package struct Entry: Sendable, Hashable, Codable {
        /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete` or `deletecollection`.
        package var verb: String
        /// e.g. `daemonsets.apps` or `pods/status`.
        package var resource: String
        /// HTTP status code of the answer.
        package var code: Int
        /// How many requests.
        package var count: Int
    }

    /// Resource requests in total.
    package var total = 0
    /// Requests per verb.
    package var byVerb: [String: Int] = [:]
    /// Requests per resource.
    package var byResource: [String: Int] = [:]
    /// Requests per response code (as text, for JSON).
    package var byCode: [String: Int] = [:]
    /// Every (verb, resource, code) cell, sorted.
    package var requests: [Entry] = []
    /// Discovery, OpenAPI, version and health requests.
    package var nonResourceRequests = 0
    /// Successful writes in the order the server answered them, as runs of one credential: two
    /// clients writing at once show as alternating runs.
    package var writerRuns: [WriterRun] = []

    /// Consecutive successful writes by one credential.
    package struct WriterRun: Sendable, Hashable, Codable {
        /// The credential (``UserInfo/credential``).
        package var writer: String
        /// How many writes in a row.
        package var count: Int
    }

    /// Empty statistics.
    package init() {}

    /// The verbs that write.
    package static let writeVerbs: Set<String> = ["create", "update", "patch", "delete", "deletecollection"]

    /// Requests matching every given filter.
    package func count(verb: String? = nil, resource: String? = nil, code: Int? = nil) -> Int {
        requests.filter { entry in
            (verb == nil || entry.verb == verb) && (resource == nil || entry.resource == resource) && (code == nil || entry.code == code)
        }.reduce(0) { $0 + $1.count }
    }

    /// Write requests (create, update, patch, delete, deletecollection), optionally for one resource.
    package func writes(resource: String? = nil) -> Int {
        requests.filter { Self.writeVerbs.contains($0.verb) && (resource == nil || $0.resource == resource) }
            .reduce(0) { $0 + $1.count }
    }
}
