import Foundation

/// The CUDA driver API entry points the workload uses, resolved at run time from `libcuda.so.1`
/// with `dlopen`/`dlsym`, so the binary links against no CUDA library.
package struct CUDADriverLibrary: @unchecked Sendable {
    // @unchecked: C function pointers and the library handle are immutable after loading and the
    // driver API is thread-safe.
    typealias Result = Int32
    typealias Init = @convention(c) (UInt32) -> Result
    typealias DeviceGetCount = @convention(c) (UnsafeMutablePointer<Int32>) -> Result
    typealias DeviceGet = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Result
    typealias CtxCreate = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UInt32, Int32) -> Result
    typealias CtxDestroy = @convention(c) (OpaquePointer?) -> Result
    typealias ModuleLoadData = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UnsafeRawPointer) -> Result
    typealias ModuleGetFunction = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, OpaquePointer?, UnsafePointer<CChar>) -> Result
    typealias MemAlloc = @convention(c) (UnsafeMutablePointer<UInt64>, Int) -> Result
    typealias MemFree = @convention(c) (UInt64) -> Result
    typealias MemcpyHtoD = @convention(c) (UInt64, UnsafeRawPointer, Int) -> Result
    typealias MemcpyDtoH = @convention(c) (UnsafeMutableRawPointer, UInt64, Int) -> Result
    typealias LaunchKernel =
        @convention(c) (
            OpaquePointer?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, OpaquePointer?,
            UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        ) -> Result
    typealias CtxSynchronize = @convention(c) () -> Result
    typealias GetErrorString = @convention(c) (Result, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result

    let cuInit: Init
    let cuDeviceGetCount: DeviceGetCount
    let cuDeviceGet: DeviceGet
    let cuCtxCreate: CtxCreate
    let cuCtxDestroy: CtxDestroy
    let cuModuleLoadData: ModuleLoadData
    let cuModuleGetFunction: ModuleGetFunction
    let cuMemAlloc: MemAlloc
    let cuMemFree: MemFree
    let cuMemcpyHtoD: MemcpyHtoD
    let cuMemcpyDtoH: MemcpyDtoH
    let cuLaunchKernel: LaunchKernel
    let cuCtxSynchronize: CtxSynchronize
    let cuGetErrorString: GetErrorString

    /// Opens the library and resolves every entry point.
    /// - Parameter path: `libcuda.so.1` (found by the dynamic linker), or a path in tests.
    /// - Throws: ``ValidationError/cuda(call:reason:)`` naming `dlopen` or the missing symbol.
    package init(path: String = "libcuda.so.1") throws(ValidationError) {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown error"
            throw .cuda(
                call: "dlopen(\(path))",
                reason: "\(reason) — the NVIDIA driver library is not in this container (is the pod running with the NVIDIA runtime class?)")
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(ValidationError) -> T {
            guard let address = dlsym(handle, name) else {
                throw .cuda(call: "dlsym(\(name))", reason: "\(path) has no symbol \(name) (driver too old?)")
            }
            return unsafeBitCast(address, to: type)
        }
        cuInit = try symbol("cuInit", as: Init.self)
        cuDeviceGetCount = try symbol("cuDeviceGetCount", as: DeviceGetCount.self)
        cuDeviceGet = try symbol("cuDeviceGet", as: DeviceGet.self)
        cuCtxCreate = try symbol("cuCtxCreate_v2", as: CtxCreate.self)
        cuCtxDestroy = try symbol("cuCtxDestroy_v2", as: CtxDestroy.self)
        cuModuleLoadData = try symbol("cuModuleLoadData", as: ModuleLoadData.self)
        cuModuleGetFunction = try symbol("cuModuleGetFunction", as: ModuleGetFunction.self)
        cuMemAlloc = try symbol("cuMemAlloc_v2", as: MemAlloc.self)
        cuMemFree = try symbol("cuMemFree_v2", as: MemFree.self)
        cuMemcpyHtoD = try symbol("cuMemcpyHtoD_v2", as: MemcpyHtoD.self)
        cuMemcpyDtoH = try symbol("cuMemcpyDtoH_v2", as: MemcpyDtoH.self)
        cuLaunchKernel = try symbol("cuLaunchKernel", as: LaunchKernel.self)
        cuCtxSynchronize = try symbol("cuCtxSynchronize", as: CtxSynchronize.self)
        cuGetErrorString = try symbol("cuGetErrorString", as: GetErrorString.self)
    }

    /// Checks a driver call's result.
    /// - Throws: ``ValidationError/cuda(call:reason:)`` with the call's name, the code and the
    ///   driver's error string.
    func check(_ call: String, _ result: Result) throws(ValidationError) {
        guard result != 0 else { return }
        var text: UnsafePointer<CChar>?
        let described = cuGetErrorString(result, &text) == 0 ? text.map { String(cString: $0) } : nil
        throw .cuda(call: call, reason: "error \(result)" + (described.map { ": \($0)" } ?? " (no error string from the driver)"))
    }
}
