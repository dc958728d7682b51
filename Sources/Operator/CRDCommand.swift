import ArgumentParser
import Manifests

/// `operator crd`: prints the ClusterPolicy CRD the operator carries.
struct CRDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "crd", abstract: "Print the ClusterPolicy CustomResourceDefinition.")

    func run() throws {
        StandardOutput.write(try YAMLWriter.document(try ClusterPolicyCRD.object))
    }
}
