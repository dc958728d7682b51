/// Runs `body` against a fresh simulated cluster with the CRD and default sample applied and the
/// operator started, and always stops every process afterwards.
func withOperatorCluster(
    gpuNodes: Int = 3, cpuNodes: Int = 1, podReadyDelay: String = "0.1s", sample: String? = "samples/clusterpolicy.yaml",
    _ body: (SimulatedCluster, OperatorProcess) async throws -> Void
) async throws {
    let cluster = try await SimulatedCluster(gpuNodes: gpuNodes, cpuNodes: cpuNodes, podReadyDelay: podReadyDelay)
    var operators: [OperatorProcess] = []
    do {
        if let sample { try cluster.applySample(sample) }
        let op = try cluster.startOperator()
        operators.append(op)
        try await body(cluster, op)
        await cluster.stop(operators)
    } catch {
        let logs = operators.map { $0.process.stderr.suffix(4000) }.joined(separator: "\n")
        await cluster.stop(operators)
        throw TestFailure("\(error)\n--- operator log (tail) ---\n\(logs)")
    }
}
