import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Memory figures of this process (Linux), from `/proc/self/status`.
enum ProcessMemory {
    /// Current resident set size in bytes (`VmRSS`).
    static var residentBytes: Int { field("VmRSS") }
    /// Peak resident set size in bytes since start or the last ``resetPeak()`` (`VmHWM`).
    static var peakResidentBytes: Int { field("VmHWM") }

    /// Resets the peak to the current resident size (`echo 5 > /proc/self/clear_refs`).
    static func resetPeak() {
        if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            handle.write(Data("5".utf8))
            try? handle.close()
        }
    }

    /// Returns free heap memory to the system (glibc `malloc_trim(0)`, looked up at run time), so
    /// resident size afterwards approximates live memory rather than allocator high-water marks.
    static func trimHeap() {
        #if canImport(Glibc)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }

    private static func field(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            return (line.split(separator: " ").compactMap { Int($0) }.first ?? 0) * 1024
        }
        return 0
    }
}
