import KubeModels
import Logging

extension APIHandler {
    /// The verb of a resource request, as the API server's audit and metrics name it.
    static func verb(_ request: IncomingRequest, path: ResourcePath) -> String {
        switch request.method {
        case "GET", "HEAD":
            if path.isWatchPath || request.query.flag("watch") { return "watch" }
            return path.name == nil ? "list" : "get"
        case "POST": return "create"
        case "PUT": return "update"
        case "PATCH": return "patch"
        case "DELETE": return path.name == nil ? "deletecollection" : "delete"
        default: return request.method.lowercased()
        }
    }

    /// Answers a resource request and records it in the statistics.
    func handleResource(_ path: ResourcePath, request: IncomingRequest, user: UserInfo = .admin) async -> OutgoingResponse {
        let verb = Self.verb(request, path: path)
        guard let resource = await cluster.resource(group: path.group, version: path.version, plural: path.plural) else {
            return .error(.pathNotFound())
        }
        var statsName = resource.groupResource.description
        if let subresource = path.subresource { statsName += "/\(subresource)" }
        if authorizesWithRBAC, !user.isSuperuser, let refusal = await authorize(user, resource: resource, path: path, verb: verb, request: request) {
            stats.record(verb: verb, resource: statsName, code: 403)
            logger.debug("forbidden", metadata: ["user": "\(user.name)", "verb": "\(verb)", "resource": "\(statsName)"])
            return .error(refusal)
        }
        let response = await respond(resource, path: path, verb: verb, request: request)
        stats.record(verb: verb, resource: statsName, code: response.status)
        if KubeSimStats.writeVerbs.contains(verb), response.status < 400 {
            stats.recordWrite(by: user.credential)
            stats.writeLog?.append(
                WriteLog.Entry(
                    method: request.method, path: request.path, query: request.query.firstValues, contentType: request.header("content-type"),
                    userAgent: request.header("user-agent"), body: String(decoding: request.body, as: UTF8.self)))
        }
        if response.status >= 500 {
            logger.debug("request failed", metadata: ["verb": "\(verb)", "resource": "\(statsName)", "code": "\(response.status)"])
        }
        return response
    }

    private func respond(_ resource: APIResource, path: ResourcePath, verb: String, request: IncomingRequest) async -> OutgoingResponse {
        let isEviction = path.subresource == "eviction" && resource.groupResource == ControllerQueue.pods && path.name != nil
        if path.subresource == "token", resource.groupResource == GroupResource(group: "", resource: "serviceaccounts"), path.name != nil {
            guard verb == "create" else { return .error(.methodNotAllowed(request.method)) }
            return await issueToken(namespace: path.namespace ?? "", serviceAccount: path.name ?? "", resource: resource)
        }
        if isEviction {
            guard verb == "create" else { return .error(.methodNotAllowed(request.method)) }
        } else if let subresource = path.subresource {
            guard subresource == "status", resource.hasStatusSubresource else { return .error(.pathNotFound()) }
            guard ["get", "update", "patch"].contains(verb) else { return .error(.methodNotAllowed(request.method)) }
        }
        if !resource.type.isNamespaced, path.namespace != nil { return .error(.pathNotFound()) }
        let needsNamespace = resource.type.isNamespaced && path.name != nil || (verb == "create" && resource.type.isNamespaced)
        if needsNamespace, path.namespace == nil { return .error(.pathNotFound()) }
        guard let format = ResponseFormat.negotiate(request.header("accept")) else {
            return .error(.notAcceptable(request.header("accept") ?? ""))
        }
        await faults.waitWhilePaused()
        let latency = faults.latency
        if latency > .zero {
            do {
                try await Task.sleep(for: latency)
            } catch {
                return .error(.serviceUnavailable("the request was cancelled"))
            }
        }
        if let injected = faults.injectedError(forVerb: verb) { return .error(injected) }
        let include = TableRenderer.IncludeObject(rawValue: request.query["includeObject"] ?? "") ?? .metadata
        let encoding = ObjectEncoding(resource: resource, format: format, includeObject: include, now: Timestamp.now())
        do {
            switch verb {
            case "get":
                let object = try await cluster.get(resource, namespace: path.namespace, name: path.name ?? "")
                return .json(200, encoding.object(object))
            case "list":
                let page = try await cluster.list(resource, namespace: path.namespace, options: try Self.listOptions(request, resource))
                return .json(200, encoding.list(page))
            case "watch":
                return try await watch(resource, path: path, request: request, encoding: encoding)
            case "create" where isEviction:
                let status = try await cluster.evict(
                    namespace: path.namespace ?? "", name: path.name ?? "", body: try Self.parseBody(request),
                    dryRun: request.query["dryRun"] == "All")
                return .json(201, StatusEncoding.bytes(status))
            case "create":
                let body = try Self.parseBody(request)
                let outcome = try await cluster.create(resource, namespace: path.namespace, body: body, options: Self.writeOptions(request))
                return written(outcome, encoding: encoding, status: 201)
            case "update":
                let body = try Self.parseBody(request)
                let outcome = try await cluster.update(
                    resource, namespace: path.namespace, name: path.name ?? "", body: body,
                    subresource: path.subresource ?? "", options: Self.writeOptions(request))
                return written(outcome, encoding: encoding, status: outcome.created ? 201 : 200)
            case "patch":
                let patch = try Self.parsePatch(request)
                var options = try Self.writeOptions(request)
                if case .apply = patch { options.fieldManager = request.query["fieldManager"] ?? "" }
                let outcome = try await cluster.patch(
                    resource, namespace: path.namespace, name: path.name ?? "", body: patch,
                    subresource: path.subresource ?? "", options: options)
                return written(outcome, encoding: encoding, status: outcome.created ? 201 : 200)
            case "delete":
                let outcome = try await cluster.delete(
                    resource, namespace: path.namespace, name: path.name ?? "", options: try Self.deleteOptions(request))
                switch outcome {
                case .deleted(let object):
                    return .json(200, resource.returnsDeletedObject ? encoding.object(object) : StatusEncoding.deleted(object, resource: resource))
                case .pending(let object):
                    return .json(200, encoding.object(object))
                }
            case "deletecollection":
                let deleted = try await cluster.deleteCollection(
                    resource, namespace: path.namespace, list: try Self.listOptions(request, resource),
                    options: try Self.deleteOptions(request))
                let version = await cluster.resourceVersion
                return .json(
                    200,
                    ObjectEncoding(resource: resource, format: .json, now: encoding.now)
                        .list(ListPage(items: deleted, resourceVersion: version)))
            default:
                return .error(.methodNotAllowed(request.method))
            }
        } catch let error as APIError {
            return .error(error)
        } catch {
            return .error(.internalError("\(error)"))
        }
    }

    private func written(_ outcome: WriteOutcome, encoding: ObjectEncoding, status: Int) -> OutgoingResponse {
        let warnings = outcome.warnings.map { ("Warning", "299 - \"\($0.replacingQuotes())\"") }
        return .json(status, encoding.object(outcome.object), headers: warnings)
    }

    /// LIST/WATCH options from the query (selectors, paging, resourceVersion, bookmarks).
    static func listOptions(_ request: IncomingRequest, _ resource: APIResource) throws(APIError) -> ListOptions {
        var options = ListOptions()
        if let text = request.query["labelSelector"] { options.labelSelector = try LabelSelector(parsing: text) }
        if let text = request.query["fieldSelector"] {
            options.fieldSelector = try FieldSelector(parsing: text, supportedFields: resource.selectableFields)
        }
        options.limit = request.query.integer("limit")
        options.continueToken = request.query["continue"]
        options.resourceVersion = request.query["resourceVersion"]
        options.allowBookmarks = request.query.flag("allowWatchBookmarks")
        options.sendInitialEvents = request.query.flag("sendInitialEvents")
        return options
    }

    /// Write options from the query (field manager, dry run, field validation, force).
    static func writeOptions(_ request: IncomingRequest) throws(APIError) -> WriteOptions {
        var options = WriteOptions(fieldManager: fieldManager(request))
        options.dryRun = request.query["dryRun"] == "All"
        if let dryRun = request.query["dryRun"], dryRun != "All" {
            throw APIError.badRequest("dryRun: Unsupported value: \"\(dryRun)\": supported values: \"All\"")
        }
        if let text = request.query["fieldValidation"] {
            guard let validation = FieldValidation(rawValue: text) else {
                throw APIError.badRequest("fieldValidation: invalid value \"\(text)\": must be one of Ignore, Warn, Strict")
            }
            options.fieldValidation = validation
        }
        options.force = request.query.flag("force")
        return options
    }

    /// DELETE options from the query and the `DeleteOptions` body (JSON, YAML or protobuf, by content type).
    static func deleteOptions(_ request: IncomingRequest) throws(APIError) -> DeleteOptions {
        var options = DeleteOptions()
        options.propagationPolicy = request.query["propagationPolicy"]
        if request.query.flag("orphanDependents") { options.propagationPolicy = "Orphan" }
        options.dryRun = request.query["dryRun"] == "All"
        guard !request.body.isEmpty else { return options }
        // Go clients (Helm's among them) send DeleteOptions as protobuf; kubectl and curl send JSON.
        let body = try parseBody(request)
        if let policy = body["propagationPolicy"]?.stringValue { options.propagationPolicy = policy }
        if body["orphanDependents"]?.boolValue == true { options.propagationPolicy = "Orphan" }
        options.preconditionUID = body["preconditions"]?["uid"]?.stringValue
        options.preconditionResourceVersion = body["preconditions"]?["resourceVersion"]?.stringValue
        if body["dryRun"]?.arrayValue?.contains("All") == true { options.dryRun = true }
        return options
    }

    /// A create or update body, as JSON, YAML or (for a few kinds) protobuf.
    static func parseBody(_ request: IncomingRequest) throws(APIError) -> JSONValue {
        let type = request.header("content-type")?.lowercased() ?? "application/json"
        if type.hasPrefix("application/yaml") || type.hasPrefix("application/x-yaml") {
            return try parseYAML(request.body)
        }
        if type.hasPrefix("application/vnd.kubernetes.protobuf") {
            return try ProtobufDecoding.decode(request.body)
        }
        guard type.hasPrefix("application/json") || type.hasPrefix("*/*") else {
            throw APIError.unsupportedMediaType(type, accepted: ["application/json", "application/yaml"])
        }
        return try parseJSON(request.body)
    }

    /// A PATCH body, by content type.
    static func parsePatch(_ request: IncomingRequest) throws(APIError) -> PatchBody {
        guard let type = PatchContentType(header: request.header("content-type")) else {
            throw APIError.unsupportedMediaType(request.header("content-type") ?? "", accepted: PatchContentType.allCases.map(\.rawValue))
        }
        switch type {
        case .merge: return .merge(try parseJSON(request.body))
        case .json: return .json(try parseJSON(request.body))
        case .strategic: return .strategic(try parseJSON(request.body))
        case .apply:
            do {
                return .apply(try JSONValue(parsingUTF8: request.body))
            } catch {
                return .apply(try parseYAML(request.body))
            }
        }
    }

    /// Parses JSON, answering 400 when it is not.
    static func parseJSON(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        do {
            return try JSONValue(parsingUTF8: bytes)
        } catch {
            throw APIError.badRequest("the body of the request could not be decoded: \(error)")
        }
    }

    /// Parses a one-document YAML body, answering 400 when it is not one.
    static func parseYAML(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        do {
            return try YAMLReader.value(in: String(decoding: bytes, as: UTF8.self), file: "yaml")
        } catch {
            throw APIError.badRequest("error converting YAML to JSON: \(error)")
        }
    }
}

extension String {
    /// The text with `"` escaped for a `Warning` header's quoted string.
    func replacingQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
