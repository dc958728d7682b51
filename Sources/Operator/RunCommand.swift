import ArgumentParser
import Manifests

/// `operator run` (the default): runs the operator against a cluster, or with `--dry-run` prints every
/// object it would apply.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the operator, or render every object offline with --dry-run."
    )

    @Flag(help: "Render every object the operator would apply and print it; touch no cluster.")
    var dryRun = false

    @Option(name: [.customShort("f"), .customLong("filename")], help: "ClusterPolicy YAML file for --dry-run, or - for standard input.")
    var file: String?

    @Flag(help: "Treat unknown policy fields as errors instead of warnings.")
    var strict = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output of --dry-run: yaml (multi-document) or json (a v1 List).")
    var output: RenderOutput.Format = .yaml

    @OptionGroup(title: "Cluster facts (for --dry-run)")
    var facts: FactsOptions

    func validate() throws {
        if dryRun && file == nil { throw ValidationError("--dry-run needs -f FILE (or -f - for standard input)") }
        if !dryRun && file != nil { throw ValidationError("-f is only used with --dry-run") }
    }

    func run() async throws {
        guard dryRun, let file else {
            throw ValidationError("running against a cluster is not available yet; use --dry-run -f FILE")
        }
        let input = PolicyInputOptions(file: file, strict: strict)
        let loaded = try input.load()
        let result = try DryRun.render(loaded, facts: try facts.resolve(), file: input.displayName)
        StandardOutput.write(try RenderOutput.format(result, as: output))
    }
}

extension PolicyInputOptions {
    /// Creates options programmatically.
    init(file: String, strict: Bool) {
        self.init()
        self.file = file
        self.strict = strict
    }

    /// The name used in messages.
    var displayName: String { file == "-" ? "<stdin>" : file }
}

extension RenderOutput.Format: ExpressibleByArgument {}
