import CHeap
import KubeClient

/// Hands memory the allocator holds but no longer uses back to the kernel every ``period``.
///
/// A converging operator decodes thousands of 15-30 KB Node objects and list pages; once freed,
/// glibc keeps most of those pages resident inside its arenas (it returns memory only from the top
/// of a heap), so resident memory stays near the convergence peak for the life of the process.
/// `malloc_trim(0)` releases every whole free page in every arena (`madvise(MADV_DONTNEED)`), which
/// brings resident memory back to what is live. It takes a few milliseconds; on other C libraries this
/// does nothing.
struct HeapTrimmer: Sendable {
    /// How often the heap is trimmed.
    static let period: Duration = .seconds(10)

    let time: TimeSource

    /// Trims every ``period`` until cancelled.
    func run() async {
        while !Task.isCancelled {
            do {
                try await time.sleep(Self.period)
            } catch {
                return
            }
            Self.trim()
        }
    }

    /// Releases the allocator's free pages now.
    static func trim() {
        _ = cheap_trim()
    }
}
