import KubeModels

extension APIHandler {
    /// RBAC for a resource request by a non-admin user: the request itself, then, for writes of Roles,
    /// ClusterRoles and their bindings, escalation prevention over the written object.
    /// - Returns: the 403 to answer, or `nil` when the request is allowed.
    func authorize(_ user: UserInfo, resource: APIResource, path: ResourcePath, verb: String, request: IncomingRequest) async -> APIError? {
        let rbac = await cluster.rbacSnapshot()
        let attributes = RequestAttributes(
            verb: verb, group: path.group, resource: path.plural, subresource: path.subresource, namespace: path.namespace, name: path.name)
        guard RBACAuthorizer.allows(user, attributes, rbac) else { return .forbidden(RBACAuthorizer.forbiddenMessage(user, attributes)) }
        guard path.group == "rbac.authorization.k8s.io", ["create", "update", "patch"].contains(verb), path.subresource == nil else { return nil }
        // Create, update and server-side apply carry the whole object; merge and JSON patches are
        // not checked for escalation here (the operator writes RBAC only with server-side apply).
        let body: JSONValue
        do {
            switch verb {
            case "patch":
                guard case .apply(let applied) = try Self.parsePatch(request) else { return nil }
                body = applied
            default:
                body = try Self.parseBody(request)
            }
        } catch {
            return nil
        }
        return RBACAuthorizer.escalation(user, resource: path.plural, object: body, namespace: path.namespace, rbac).map { .forbidden($0) }
    }

    /// The TokenRequest API (`POST .../serviceaccounts/<name>/token`, as `kubectl create token` uses
    /// it): a token that authenticates as the service account.
    func issueToken(namespace: String, serviceAccount: String, resource: APIResource) async -> OutgoingResponse {
        do {
            _ = try await cluster.get(resource, namespace: namespace, name: serviceAccount)
        } catch {
            return .error(error)
        }
        let token = tokens.issue(namespace: namespace, serviceAccount: serviceAccount)
        let expiry = Timestamp.now().adding(seconds: 3600).rfc3339
        let answer: JSONValue = [
            "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
            "metadata": ["name": .string(serviceAccount), "namespace": .string(namespace)],
            "spec": ["audiences": ["https://kubernetes.default.svc"], "expirationSeconds": 3600],
            "status": ["token": .string(token), "expirationTimestamp": .string(expiry)],
        ]
        return .json(201, answer.serialized())
    }
}
