import ArgumentParser
import Foundation
import KubeClient

/// The process entry point: the `operator` command, or `operator validate` when the binary is
/// invoked as `nvidia-validator` (the name upstream's templates run, with the check in `COMPONENT`).
@main
enum OperatorEntry {
    static func main() async {
        let name = (CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent }) ?? "operator"
        if name == "nvidia-validator" {
            await ValidateCommand.main(Array(CommandLine.arguments.dropFirst()))
        } else {
            await OperatorCommand.main()
        }
    }
}

/// The `operator` executable: runs the GPU operator, or renders, lists and validates offline.
struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "A Kubernetes operator that deploys the NVIDIA GPU node stack from a ClusterPolicy.",
        discussion: """
            With no subcommand, `run` is assumed: `operator --dry-run -f clusterpolicy.yaml` renders every \
            object offline.
            """,
        version: ProjectVersion.current,
        subcommands: [RunCommand.self, ImagesCommand.self, CRDCommand.self, ValidateCommand.self, VersionCommand.self],
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
