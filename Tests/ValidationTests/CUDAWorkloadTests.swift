import Foundation
import Logging
import Testing
import Validation

@Suite("CUDA workload, host side (no GPU)")
struct CUDAWorkloadTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A C compiler, if the machine has one.
    static let compiler = ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Builds a fake `libcuda` whose `failing` call returns 700 and every other call succeeds
    /// (without touching memory, so a full run reads back zeros).
    static func fakeLibrary(in harness: Harness, failing: String?, deviceCount: Int32 = 1) throws -> String {
        let names = [
            "cuInit", "cuDeviceGet", "cuCtxCreate_v2", "cuCtxDestroy_v2", "cuModuleLoadData", "cuModuleGetFunction", "cuMemAlloc_v2",
            "cuMemFree_v2", "cuMemcpyHtoD_v2", "cuMemcpyDtoH_v2", "cuLaunchKernel", "cuCtxSynchronize",
        ]
        let source = """
            int cuDeviceGetCount(int *count) { *count = \(deviceCount); return 0; }
            \(names.map { "int \($0)(void) { return \($0 == failing ? 700 : 0); }" }.joined(separator: "\n"))
            int cuGetErrorString(int error, const char **text) { *text = "an illegal memory access was encountered"; return 0; }
            """
        try harness.file(harness.root + "/fake.c", source)
        let output = harness.root + "/libcuda-\(failing ?? "none").so"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(compiler))
        process.arguments = ["-shared", "-fPIC", "-o", output, harness.root + "/fake.c"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return output
    }

    @Test("a missing driver library is a clear error naming dlopen and the runtime class hint")
    func missingLibrary() {
        let error = #expect(throws: ValidationError.self) { try CUDADriverLibrary(path: "/nonexistent/libcuda.so.1") }
        #expect(error?.description.hasPrefix("dlopen(/nonexistent/libcuda.so.1) failed:") == true)
        #expect(error?.description.contains("NVIDIA runtime class") == true)
    }

    @Test("a library without the driver API names the missing symbol")
    func missingSymbol() throws {
        let error = #expect(throws: ValidationError.self) { try CUDADriverLibrary(path: "libc.so.6") }
        #expect(error?.description.contains("dlsym(cuInit) failed") == true)
    }

    @Test(
        "each failing driver call is named with its code and the driver's error string",
        .enabled(if: compiler != nil, "no C compiler to build the fake libcuda"),
        arguments: [
            ("cuInit", "cuInit"), ("cuDeviceGet", "cuDeviceGet(0)"), ("cuCtxCreate_v2", "cuCtxCreate_v2(GPU 0)"),
            ("cuModuleLoadData", "cuModuleLoadData(vectorAdd PTX, GPU 0)"), ("cuModuleGetFunction", "cuModuleGetFunction(vectorAdd)"),
            ("cuMemAlloc_v2", "cuMemAlloc_v2"), ("cuMemcpyHtoD_v2", "cuMemcpyHtoD_v2"), ("cuLaunchKernel", "cuLaunchKernel(vectorAdd)"),
            ("cuCtxSynchronize", "cuCtxSynchronize"), ("cuMemcpyDtoH_v2", "cuMemcpyDtoH_v2"),
        ])
    func failingCall(symbol: String, named call: String) throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let library = try CUDADriverLibrary(path: try Self.fakeLibrary(in: harness, failing: symbol))
        #expect(throws: ValidationError.cuda(call: call, reason: "error 700: an illegal memory access was encountered")) {
            try CUDAWorkload(library: library, logger: Self.logger).run()
        }
    }

    @Test("a kernel that computes nothing fails the result check, naming the element", .enabled(if: compiler != nil, "no C compiler"))
    func wrongResult() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let library = try CUDADriverLibrary(path: try Self.fakeLibrary(in: harness, failing: nil))
        #expect(throws: ValidationError.cuda(call: "vectorAdd result check", reason: "GPU 0: element 0 is 0.0, expected 0.5")) {
            try CUDAWorkload(library: library, logger: Self.logger).run()
        }
    }

    @Test("no visible GPU is reported as such", .enabled(if: compiler != nil, "no C compiler to build the fake libcuda"))
    func noDevice() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let library = try CUDADriverLibrary(path: try Self.fakeLibrary(in: harness, failing: nil, deviceCount: 0))
        #expect(throws: ValidationError.cuda(call: "cuDeviceGetCount", reason: "no CUDA device is visible in this container")) {
            try CUDAWorkload(library: library, logger: Self.logger).run()
        }
    }

    @Test("the embedded PTX declares a low ISA and target and the vectorAdd entry")
    func ptx() {
        #expect(VectorAddPTX.source.contains(".version 6.0\n.target sm_50\n.address_size 64"))
        #expect(VectorAddPTX.source.contains(".visible .entry vectorAdd("))
    }
}
