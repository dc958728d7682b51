import Foundation
import KubeModels

/// KubeSim's own control surface, outside the Kubernetes paths: the operations behind both the
/// in-process ``KubeSimServer`` methods and the HTTP routes under `/kubesim/` (which require the
/// same authentication as the Kubernetes API).
///
/// HTTP routes:
/// - `GET /kubesim/stats` → ``KubeSimStats`` JSON; `DELETE /kubesim/stats` resets the counts.
/// - `POST /kubesim/nodes` `{"name": "n1", "gpu": true, "labels": {"k": "v"}}` → 201 with the Node; optional
///   `"distribution"` (`k3s`, `rke2`, `microk8s`, `k0s`) and `"containerdVersion"` override the simulation's.
/// - `DELETE /kubesim/nodes/<name>` → 200, or 404 Status.
/// - `PATCH /kubesim/nodes/<name>/labels` `{"labels": {"k": "v", "gone": null}}` → 200 with the Node.
/// - `GET /kubesim/faults` → the ``FaultProfile``; `PUT /kubesim/faults` with a profile sets it.
/// - `POST /kubesim/watches/drop` → closes every open watch.
/// - `POST /kubesim/history/compact` → expires all watch history (every old resourceVersion gets 410).
/// - `POST /kubesim/holds` `{"node": "n1", "unready": true}` → holds (or with `false` releases) the
///   node's pods.
/// - `POST /kubesim/crashloops` `{"node": "n1", "namespace": "ns", "daemonSet": "ds", "crashLooping": true}`
///   → makes the node's pods of the DaemonSet (now and later ones) crash-loop, or with `false` recover;
///   answers `{"pods": [changed pod names], "crashLoops": [{"node", "namespace", "daemonSet"}...]}`.
/// - `GET /kubesim/churn` → the ``ChurnSettings`` and `changes` made so far; `PUT /kubesim/churn` with
///   settings changes them (400 naming the problem when they cannot be used).
/// - `GET /kubesim/writes` → every successful write since the start or the last `DELETE /kubesim/writes`
///   (``WriteLog``; 404 unless started with `--record-writes`).
/// - `POST /kubesim/tokens` `{"token": "t"}` → accepts another bearer token.
package struct AdminAPI: Sendable {
    /// The simulated cluster the operations act on.
    let cluster: SimulatedCluster
    /// The fault profile in force.
    let faults: FaultInjector
    /// Request counts.
    let stats: StatsRecorder
    /// Accepted bearer tokens.
    let tokens: TokenStore
    /// The background churn (run by the HTTP server; the in-process server only holds its settings).
    let churn: ChurnDriver
    /// The history window restored when a fault profile names none.
    let defaultHistoryWindow: Int

    /// Sets the fault profile (and the watch history window it names, or the configured one).
    package func setFaults(_ profile: FaultProfile) async {
        faults.setProfile(profile)
        await cluster.setHistoryWindow(profile.historyWindow ?? defaultHistoryWindow)
    }

    /// Decodes a JSON request body; a body that does not decode is a 400 naming `what` and why.
    private static func decode<T: Decodable>(_ type: T.Type, _ request: IncomingRequest, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(request.body))
        } catch {
            throw APIError.badRequest("invalid \(what): \(error)")
        }
    }

    private func churnAnswer() throws -> OutgoingResponse {
        var answer = try JSONValue(encoding: churn.settings)
        answer["changes"] = .int(Int64(churn.changes))
        return .json(200, answer.serialized())
    }

    /// Handles `/kubesim/<segments>`.
    func handle(segments: [String], request: IncomingRequest) async -> OutgoingResponse {
        do {
            switch (request.method, segments) {
            case ("GET", ["stats"]):
                return .json(200, try JSONValue(encoding: stats.snapshot()).serialized())
            case ("DELETE", ["stats"]), ("POST", ["stats", "reset"]):
                stats.reset()
                return .json(200, try JSONValue(encoding: stats.snapshot()).serialized())
            case ("POST", ["nodes"]):
                let body = try APIHandler.parseJSON(request.body)
                guard let name = body["name"]?.stringValue, !name.isEmpty else { throw APIError.badRequest("name is required") }
                let distribution = body["distribution"]?.stringValue
                if let distribution, NodeFactory.Distribution(rawValue: distribution) == nil {
                    let known = NodeFactory.Distribution.allCases.map(\.rawValue).joined(separator: ", ")
                    throw APIError.badRequest("distribution \"\(distribution)\" is not one of \(known)")
                }
                let node = await cluster.addNode(
                    name: name, gpu: body["gpu"]?.boolValue ?? false, labels: body["labels"]?.stringMap ?? [:], distribution: distribution,
                    containerdVersion: body["containerdVersion"]?.stringValue)
                return .json(201, node.json)
            case ("DELETE", let path) where path.count == 2 && path[0] == "nodes":
                guard await cluster.removeNode(name: path[1]) else { throw APIError.notFound(ControllerQueue.nodes, name: path[1]) }
                return .json(200, StatusEncoding.bytes(Status(code: 200, reason: "", message: "node \(path[1]) removed").success()))
            case ("PATCH", let path) where path.count == 3 && path[0] == "nodes" && path[2] == "labels":
                let body = try APIHandler.parseJSON(request.body)
                var labels: [String: String?] = [:]
                for (key, value) in body["labels"]?.members ?? [:] { labels[key] = value.stringValue }
                guard let node = await cluster.setNodeLabels(name: path[1], labels: labels) else {
                    throw APIError.notFound(ControllerQueue.nodes, name: path[1])
                }
                return .json(200, node.json)
            case (let method, let path) where ["PATCH", "POST"].contains(method) && path.count == 3 && path[0] == "nodes" && path[2] == "resources":
                let body = try APIHandler.parseJSON(request.body)
                var resources: [String: String?] = [:]
                for (key, value) in body["resources"]?.members ?? [:] {
                    // A quantity as a string or an integer; null removes the resource.
                    let quantity: String? = value.stringValue ?? value.intValue.map { String($0) }
                    resources[key] = .some(quantity)
                }
                guard let node = await cluster.setNodeResources(name: path[1], resources: resources) else {
                    throw APIError.notFound(ControllerQueue.nodes, name: path[1])
                }
                return .json(200, node.json)
            case ("POST", ["initfailures"]):
                let body = try APIHandler.parseJSON(request.body)
                guard let node = body["node"]?.stringValue, let daemonSet = body["daemonSet"]?.stringValue else {
                    throw APIError.badRequest("node and daemonSet are required")
                }
                let failure = body["container"]?.stringValue.map { InitFailure(container: $0, message: body["message"]?.stringValue ?? "") }
                let pods = await cluster.setInitFailure(
                    node: node, namespace: body["namespace"]?.stringValue ?? "default", daemonSet: daemonSet, failure: failure)
                return .json(200, JSONValue.object(["pods": .array(pods.map { .string($0) })]).serialized())
            case ("POST", ["completions"]):
                let body = try APIHandler.parseJSON(request.body)
                guard let labels = body["labels"]?.stringMap, !labels.isEmpty else { throw APIError.badRequest("labels are required") }
                let rules = await cluster.setCompletionRule(CompletionRule(labels: labels, afterSeconds: body["afterSeconds"]?.intValue ?? 0))
                let listed: [JSONValue] = rules.map { ["labels": JSONValue(stringMap: $0.labels), "afterSeconds": .int($0.afterSeconds)] }
                return .json(200, JSONValue.object(["completions": .array(listed)]).serialized())
            case ("GET", ["churn"]):
                return try churnAnswer()
            case ("PUT", ["churn"]), ("POST", ["churn"]):
                let settings = try Self.decode(ChurnSettings.self, request, what: "churn settings")
                if let problem = settings.problem { throw APIError.badRequest("invalid churn settings: \(problem)") }
                churn.set(settings)
                return try churnAnswer()
            case ("GET", ["writes"]), ("DELETE", ["writes"]):
                guard let log = stats.writeLog else {
                    throw APIError(code: 404, reason: "NotFound", message: "write recording is off (kube-sim serve --record-writes)")
                }
                let writes = log.all
                if request.method == "DELETE" { log.reset() }
                return .json(200, try JSONValue(encoding: ["writes": writes]).serialized())
            case ("GET", ["faults"]):
                return .json(200, try JSONValue(encoding: faults.profile).serialized())
            case ("PUT", ["faults"]), ("POST", ["faults"]):
                let profile = try Self.decode(FaultProfile.self, request, what: "fault profile")
                await setFaults(profile)
                return .json(200, try JSONValue(encoding: profile).serialized())
            case ("POST", ["watches", "drop"]):
                let count = await cluster.openWatchCount
                await cluster.dropWatches()
                return .json(200, JSONValue.object(["dropped": .int(Int64(count))]).serialized())
            case ("POST", ["history", "compact"]):
                await cluster.compactHistory()
                return .json(200, JSONValue.object(["resourceVersion": .string(String(await cluster.resourceVersion))]).serialized())
            case ("POST", ["holds"]):
                let body = try APIHandler.parseJSON(request.body)
                guard let node = body["node"]?.stringValue else { throw APIError.badRequest("node is required") }
                await cluster.holdPods(onNode: node, held: body["unready"]?.boolValue ?? true)
                return .json(200, JSONValue.object(["heldNodes": .array(await cluster.heldNodes.sorted().map { .string($0) })]).serialized())
            case ("POST", ["crashloops"]):
                return .json(200, try await crashLoop(APIHandler.parseJSON(request.body)).serialized())
            case ("POST", ["tokens"]):
                let body = try APIHandler.parseJSON(request.body)
                guard let token = body["token"]?.stringValue, !token.isEmpty else { throw APIError.badRequest("token is required") }
                tokens.add(token)
                return .json(200, JSONValue.object([:]).serialized())
            default:
                return .error(.pathNotFound())
            }
        } catch let error as APIError {
            return .error(error)
        } catch {
            return .error(.internalError("\(error)"))
        }
    }
}

extension Status {
    /// This status turned into a `Success` status.
    func success() -> Status {
        var copy = self
        copy.status = "Success"
        copy.reason = nil
        return copy
    }
}
