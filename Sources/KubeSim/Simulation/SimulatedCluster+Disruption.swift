import KubeModels

extension SimulatedCluster {
    /// Recomputes the status of every dirty PodDisruptionBudget (the disruption controller), and of
    /// budgets whose recorded evictions expired.
    /// - Parameter now: the current instant, for recheck deadlines.
    func syncBudgets(now: ContinuousClock.Instant) {
        for (key, deadline) in controllers.budgetRechecks where deadline <= now {
            controllers.budgetRechecks[key] = nil
            controllers.dirtyBudgets.insert(key)
        }
        let keys = controllers.dirtyBudgets
        controllers.dirtyBudgets = []
        guard !keys.isEmpty else { return }
        let wallNow = wallClock()
        for key in keys.sorted() {
            guard let budget = store.object(ControllerQueue.budgets, key), !budget.isDeleting else { continue }
            let pods = selectedPods(budget.value, namespace: key.namespace)
            var replicas: [String: Int] = [:]
            for pod in pods {
                guard let controller = pod.ownerReferences.first(where: { $0.controller == true }), replicas[controller.uid] == nil,
                    let (_, owner) = store.object(uid: controller.uid), let count = owner.value["spec"]?["replicas"]?.intValue
                else { continue }
                replicas[controller.uid] = Int(count)
            }
            let outcome = DisruptionBudgetPlanner.status(
                budget: budget.value, pods: pods.map(DisruptionBudgetPlanner.PodFacts.init), ownerReplicas: replicas, now: wallNow)
            if outcome.status != budget.value["status"] {
                commit(ControllerQueue.budgets, budget.value.setting(["status"], to: outcome.status))
            }
            if let recheck = outcome.recheck {
                let seconds = recheck.secondsSinceEpoch - wallNow.secondsSinceEpoch + 1
                controllers.budgetRechecks[key] = now.advanced(by: .seconds(seconds))
            } else {
                controllers.budgetRechecks[key] = nil
            }
        }
    }

    /// The pods of a namespace a budget's selector selects, as the disruption controller lists them
    /// (a missing selector selects nothing, an empty one everything).
    func selectedPods(_ budget: JSONValue, namespace: String) -> [StoredObject] {
        guard let object = budget["spec"]?["selector"], !object.isNull, let selector = LabelSelector(labelSelectorObject: object) else {
            return []
        }
        return store.objects(ControllerQueue.pods, namespace: namespace).filter { selector.matches($0.labels) }
    }
}
