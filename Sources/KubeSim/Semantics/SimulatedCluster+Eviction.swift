import KubeModels

extension SimulatedCluster {
    /// Most evictions a budget may record before the disruption controller confirms them.
    static let maxDisruptedPods = 2000

    /// Evicts a pod (`POST .../pods/<name>/eviction`), as the API server's eviction subresource does:
    /// a Pending, finished or terminating pod, a pod no PodDisruptionBudget selects, or an unready pod
    /// of a budget that is healthy enough is deleted at once; otherwise the one budget selecting it
    /// must allow a disruption, which the eviction uses up (recorded in `status.disruptedPods`) before
    /// the pod is deleted with the body's `deleteOptions`.
    /// - Parameters:
    ///   - namespace: the pod's namespace.
    ///   - name: the pod's name.
    ///   - body: the `policy/v1` or `policy/v1beta1` `Eviction`.
    ///   - dryRun: `dryRun=All` from the query.
    /// - Returns: the `Success` Status (code 201).
    /// - Throws: ``APIError``: 400 for a malformed Eviction, 404 for a missing pod, 429 when a budget
    ///   forbids the eviction, 500 when several budgets select the pod, 409 on failed preconditions.
    package func evict(namespace: String, name: String, body: JSONValue, dryRun: Bool) throws(APIError) -> Status {
        let options = try Self.evictionDeleteOptions(body, name: name, namespace: namespace, dryRun: dryRun)
        let pods = Self.resource(.pods)
        guard let pod = store.object(ControllerQueue.pods, ObjectKey(namespace: namespace, name: name)) else {
            throw APIError.notFound(ControllerQueue.pods, name: name)
        }
        let phase = pod.value["status"]?["phase"]?.stringValue ?? ""
        if !["Succeeded", "Failed", "Pending"].contains(phase), !pod.isDeleting {
            try checkBudgets(for: pod, dryRun: options.dryRun)
        }
        _ = try delete(pods, namespace: namespace, name: name, options: options)
        var status = Status(code: 201, reason: "", message: "")
        status.status = "Success"
        status.reason = nil
        status.message = nil
        return status
    }

    /// The budget check of an eviction; takes a disruption from the budget when it allows one.
    private func checkBudgets(for pod: StoredObject, dryRun: Bool) throws(APIError) {
        let budgets = store.objects(ControllerQueue.budgets, namespace: pod.key.namespace).filter { budget in
            guard let object = budget.value["spec"]?["selector"], let selector = LabelSelector(labelSelectorObject: object) else { return false }
            return !selector.isEverything && selector.matches(pod.labels)
        }
        guard budgets.count <= 1 else {
            throw APIError.internalError("this pod has more than one PodDisruptionBudget, which the eviction subresource does not support")
        }
        guard let budget = budgets.first else { return }
        let status = budget.value["status"] ?? .object([:])
        let (healthy, desired) = (status["currentHealthy"]?.intValue ?? 0, status["desiredHealthy"]?.intValue ?? 0)
        if !PodStatusFactory.isReady(pod.value["status"]) {
            if budget.value["spec"]?["unhealthyPodEvictionPolicy"]?.stringValue == "AlwaysAllow" { return }
            if healthy >= desired, desired > 0 { return }
        }
        let name = budget.key.name
        if status["observedGeneration"]?.intValue ?? 0 < budget.value["metadata"]?["generation"]?.intValue ?? 1 {
            throw Self.budgetViolation(retryAfterSeconds: 10, cause: "The disruption budget \(name) is still being processed by the server.")
        }
        let allowed = status["disruptionsAllowed"]?.intValue ?? 0
        let recorded = status["disruptedPods"]?.members ?? [:]
        if allowed < 0 {
            throw APIError.forbidden("poddisruptionbudgets.policy \"\(name)\" is forbidden: pdb disruptions allowed is negative")
        }
        if recorded.count > Self.maxDisruptedPods {
            throw APIError.forbidden(
                "poddisruptionbudgets.policy \"\(name)\" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller"
            )
        }
        if allowed == 0 {
            throw Self.budgetViolation(
                retryAfterSeconds: 0, cause: "The disruption budget \(name) needs \(desired) healthy pods and has \(healthy) currently")
        }
        guard !dryRun else { return }
        var updated = status.setting(["disruptionsAllowed"], to: .int(allowed - 1))
        if allowed == 1 {
            let generation = status["observedGeneration"]?.intValue ?? 0
            updated["conditions"] = DisruptionBudgetPlanner.allowedCondition(
                status["conditions"], allowed: 0, generation: generation, now: wallClock())
        }
        var disrupted = recorded
        disrupted[pod.key.name] = .string(wallClock().rfc3339)
        updated["disruptedPods"] = .object(disrupted)
        commit(ControllerQueue.budgets, budget.value.setting(["status"], to: updated))
    }

    /// The 429 an eviction gets when a budget forbids it.
    static func budgetViolation(retryAfterSeconds: Int, cause: String) -> APIError {
        let details = StatusDetails(
            causes: [StatusCause(reason: "DisruptionBudget", message: cause, field: nil)],
            retryAfterSeconds: retryAfterSeconds > 0 ? retryAfterSeconds : nil)
        let status = Status(
            code: 429, reason: "TooManyRequests", message: "Cannot evict pod as it would violate the pod's disruption budget.", details: details)
        return APIError(status, headers: retryAfterSeconds > 0 ? ["Retry-After": String(retryAfterSeconds)] : [:])
    }

    /// Checks an Eviction body against the URL and reads its `deleteOptions`.
    static func evictionDeleteOptions(_ body: JSONValue, name: String, namespace: String, dryRun: Bool) throws(APIError) -> DeleteOptions {
        guard case .object = body else { throw APIError.badRequest("the body of the request must be an object") }
        let apiVersion = body["apiVersion"]?.stringValue ?? ""
        let kind = body["kind"]?.stringValue ?? ""
        guard kind == "Eviction", ["policy/v1", "policy/v1beta1"].contains(apiVersion) else {
            throw APIError.badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (policy/v1)")
        }
        if let bodyName = body["metadata"]?["name"]?.stringValue, bodyName != name {
            throw APIError.badRequest("name in URL does not match name in Eviction object")
        }
        if let bodyNamespace = body["metadata"]?["namespace"]?.stringValue, !bodyNamespace.isEmpty, bodyNamespace != namespace {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let deleteOptions = body["deleteOptions"] ?? .object([:])
        var options = DeleteOptions(
            propagationPolicy: deleteOptions["propagationPolicy"]?.stringValue, preconditionUID: deleteOptions["preconditions"]?["uid"]?.stringValue,
            preconditionResourceVersion: deleteOptions["preconditions"]?["resourceVersion"]?.stringValue, dryRun: dryRun)
        if deleteOptions["dryRun"]?.arrayValue?.contains("All") == true { options.dryRun = true }
        return options
    }
}
