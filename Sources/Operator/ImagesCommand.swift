import ArgumentParser
import KubeModels
import Manifests

/// `operator images -f FILE`: every image the policy deploys, one per line, for mirroring.
struct ImagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "List every image the policy would deploy, one per line (for air-gapped mirroring)."
    )

    @OptionGroup var input: PolicyInputOptions
    @OptionGroup(title: "Cluster facts") var facts: FactsOptions

    func run() throws {
        let loaded = try input.load()
        let result = try DryRun.render(loaded, facts: try facts.resolve(), file: input.displayName)
        StandardOutput.write(ImageList.images(in: result).map { $0 + "\n" }.joined())
    }
}
