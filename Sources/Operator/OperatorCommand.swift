import ArgumentParser
import KubeClient

/// The `operator` executable: runs the GPU operator, or renders, lists and validates offline.
@main
struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "A Kubernetes operator that deploys the NVIDIA GPU node stack from a ClusterPolicy.",
        discussion: """
            With no subcommand, `run` is assumed: `operator --dry-run -f clusterpolicy.yaml` renders every \
            object offline.
            """,
        version: ProjectVersion.current,
        subcommands: [RunCommand.self, ImagesCommand.self, CRDCommand.self, VersionCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// `operator version`: prints the version.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the operator's version.")

    func run() {
        print("swift-gpu-operator \(ProjectVersion.current)")
    }
}
