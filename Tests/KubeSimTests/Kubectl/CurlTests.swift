import Foundation
import KubeModels
import KubeSim
import Testing

/// Where curl (libcurl 7.88, like the project's KubeClient transport) is installed.
let curlPath = "/usr/bin/curl"

@Suite("libcurl clients", .enabled(if: FileManager.default.isExecutableFile(atPath: curlPath)))
struct CurlTests {
    @Test("large bodies sent with Expect: 100-continue are answered without libcurl's one-second wait")
    func expectContinue() async throws {
        try await TestCluster.with(tls: true) { server, _ in
            let runner = try CommandRunner()
            defer { runner.cleanUp() }
            let ca = try runner.write("ca.pem", server.caPEM)
            let body: JSONValue = [
                "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "big"],
                "data": ["k": .string(String(repeating: "x", count: 1_500_000))],
            ]
            let bodyPath = try runner.write("body.json", body.serializedString())
            let result = try await runner.run(
                curlPath,
                [
                    "-sv", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca, "-H", "Authorization: Bearer \(server.token)",
                    "-H", "Content-Type: application/json", "-H", "Expect: 100-continue", "--data-binary", "@\(bodyPath)",
                    "\(server.url)/api/v1/namespaces/default/configmaps",
                ])
            #expect(result.stdout == "201", "\(result.stderr)")
            #expect(result.stderr.contains("< HTTP/1.1 100 Continue"), "\(result.stderr)")
        }
    }
}
