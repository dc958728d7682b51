import Logging

/// The CUDA workload (`COMPONENT=cuda-workload`, run inside the validation pod): on every visible
/// GPU, create a context, JIT-load the embedded PTX, add two vectors and check every element.
package struct CUDAWorkload: Sendable {
    /// Elements per vector.
    package static let elementCount = 50_000

    /// The driver library.
    package var library: CUDADriverLibrary
    /// Where progress is logged.
    package var logger: Logger

    /// Creates the workload.
    package init(library: CUDADriverLibrary, logger: Logger) {
        self.library = library
        self.logger = logger
    }

    /// Runs the vector add on every GPU.
    /// - Returns: the number of GPUs validated.
    /// - Throws: ``ValidationError/cuda(call:reason:)`` naming the failing driver call and its error
    ///   string, or a wrong result.
    @discardableResult
    package func run() throws(ValidationError) -> Int {
        let cuda = library
        try cuda.check("cuInit", cuda.cuInit(0))
        var count: Int32 = 0
        try cuda.check("cuDeviceGetCount", cuda.cuDeviceGetCount(&count))
        guard count > 0 else { throw .cuda(call: "cuDeviceGetCount", reason: "no CUDA device is visible in this container") }
        for ordinal in 0..<count {
            try runOnDevice(Int32(ordinal))
            logger.info("vector add passed", metadata: ["gpu": .stringConvertible(ordinal)])
        }
        return Int(count)
    }

    private func runOnDevice(_ ordinal: Int32) throws(ValidationError) {
        let cuda = library
        var device: Int32 = 0
        try cuda.check("cuDeviceGet(\(ordinal))", cuda.cuDeviceGet(&device, ordinal))
        var context: OpaquePointer?
        try cuda.check("cuCtxCreate_v2(GPU \(ordinal))", cuda.cuCtxCreate(&context, 0, device))
        defer { _ = cuda.cuCtxDestroy(context) }
        var module: OpaquePointer?
        let loaded = VectorAddPTX.source.withCString { cuda.cuModuleLoadData(&module, $0) }
        try cuda.check("cuModuleLoadData(vectorAdd PTX, GPU \(ordinal))", loaded)
        var function: OpaquePointer?
        try cuda.check(
            "cuModuleGetFunction(\(VectorAddPTX.entry))", VectorAddPTX.entry.withCString { cuda.cuModuleGetFunction(&function, module, $0) })
        let n = Self.elementCount
        let bytes = n * MemoryLayout<Float>.stride
        let a = (0..<n).map { Float($0) }
        let b = (0..<n).map { Float(2 * $0) + 0.5 }
        var deviceA: UInt64 = 0
        var deviceB: UInt64 = 0
        var deviceC: UInt64 = 0
        try cuda.check("cuMemAlloc_v2", cuda.cuMemAlloc(&deviceA, bytes))
        defer { _ = cuda.cuMemFree(deviceA) }
        try cuda.check("cuMemAlloc_v2", cuda.cuMemAlloc(&deviceB, bytes))
        defer { _ = cuda.cuMemFree(deviceB) }
        try cuda.check("cuMemAlloc_v2", cuda.cuMemAlloc(&deviceC, bytes))
        defer { _ = cuda.cuMemFree(deviceC) }
        try cuda.check("cuMemcpyHtoD_v2", a.withUnsafeBytes { cuda.cuMemcpyHtoD(deviceA, $0.baseAddress!, bytes) })
        try cuda.check("cuMemcpyHtoD_v2", b.withUnsafeBytes { cuda.cuMemcpyHtoD(deviceB, $0.baseAddress!, bytes) })
        var count = UInt32(n)
        let threads: UInt32 = 256
        let blocks = (UInt32(n) + threads - 1) / threads
        let launched = withUnsafeMutablePointer(to: &deviceA) { pa in
            withUnsafeMutablePointer(to: &deviceB) { pb in
                withUnsafeMutablePointer(to: &deviceC) { pc in
                    withUnsafeMutablePointer(to: &count) { pn in
                        var parameters: [UnsafeMutableRawPointer?] = [
                            UnsafeMutableRawPointer(pa), UnsafeMutableRawPointer(pb), UnsafeMutableRawPointer(pc), UnsafeMutableRawPointer(pn),
                        ]
                        return parameters.withUnsafeMutableBufferPointer {
                            cuda.cuLaunchKernel(function, blocks, 1, 1, threads, 1, 1, 0, nil, $0.baseAddress, nil)
                        }
                    }
                }
            }
        }
        try cuda.check("cuLaunchKernel(\(VectorAddPTX.entry))", launched)
        try cuda.check("cuCtxSynchronize", cuda.cuCtxSynchronize())
        var c = [Float](repeating: 0, count: n)
        try cuda.check("cuMemcpyDtoH_v2", c.withUnsafeMutableBytes { cuda.cuMemcpyDtoH($0.baseAddress!, deviceC, bytes) })
        if let wrong = (0..<n).first(where: { c[$0] != a[$0] + b[$0] }) {
            throw .cuda(call: "vectorAdd result check", reason: "GPU \(ordinal): element \(wrong) is \(c[wrong]), expected \(a[wrong] + b[wrong])")
        }
    }
}
