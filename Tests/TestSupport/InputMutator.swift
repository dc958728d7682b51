import Foundation
import KubeSim

/// Seeded random mutation of valid inputs, for property tests that stand in for a fuzzer where the
/// toolchain has no libFuzzer: the same seed gives the same inputs, so a failure names a seed that
/// replays it. Each mutation flips, deletes, inserts or duplicates bytes, or splices in tokens that
/// parsers treat specially (brackets, quotes, escapes, YAML anchors, tags and indentation).
package struct InputMutator: Sendable {
    /// How many inputs a target gets and how long it may take: `FUZZ_SECONDS` (default 2) bounds the
    /// time, `FUZZ_ITERATIONS` (default 4,000) the count; whichever ends first.
    package struct Budget: Sendable {
        package var seconds: Double
        package var iterations: Int

        /// The budget from the environment.
        package static var current: Budget {
            let environment = ProcessInfo.processInfo.environment
            return Budget(
                seconds: environment["FUZZ_SECONDS"].flatMap(Double.init) ?? 2,
                iterations: environment["FUZZ_ITERATIONS"].flatMap(Int.init) ?? 4_000)
        }
    }

    private var random: SeededGenerator
    private static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", "\"", "\\", "\\u", "\\ud800", ":", ",", "null", "-0", "1e999", "\u{0}", "\u{FFFF}",
        "\n", "\n  ", "\n- ", ": ", "&a ", "*a", "!!binary ", "!!str ", "? ", "|", ">-", "---\n", "...\n", "#", "%YAML 1.2\n", "\t",
    ].map { Array($0.utf8) }

    /// A mutator whose inputs are determined by `seed`.
    package init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// The next pseudo-random number.
    package mutating func next() -> UInt64 { random.next() }

    /// A number in `0..<bound`.
    package mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// `input` with one to four random mutations.
    package mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(4) {
            let at = below(bytes.count + 1)
            switch below(6) {
            case 0 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1 where !bytes.isEmpty:
                let end = min(bytes.count, at + 1 + below(16))
                bytes.removeSubrange(min(at, bytes.count)..<end)
            case 2:
                bytes.insert(contentsOf: (0..<(1 + below(8))).map { _ in UInt8(truncatingIfNeeded: next()) }, at: at)
            case 3 where !bytes.isEmpty:
                let start = below(bytes.count)
                let slice = bytes[start..<min(bytes.count, start + 1 + below(64))]
                bytes.insert(contentsOf: slice, at: at)
            case 4:
                bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: at)
            default:
                bytes = Array(bytes.prefix(at))
            }
        }
        return bytes
    }

    /// Runs `body` on mutations of the seeds until the budget is spent; returns how many inputs ran.
    /// `body` must not crash or hang on any input: that is the property under test.
    @discardableResult
    package static func run(seeds: [[UInt8]], seed: UInt64, budget: Budget = .current, _ body: ([UInt8]) throws -> Void) rethrows -> Int {
        var mutator = InputMutator(seed: seed)
        let deadline = ContinuousClock.now + .milliseconds(Int(budget.seconds * 1000))
        var count = 0
        for seedInput in seeds {
            try body(seedInput)
            count += 1
        }
        while count < budget.iterations && ContinuousClock.now < deadline {
            let base = seeds[mutator.below(seeds.count)]
            try body(mutator.mutate(base))
            count += 1
        }
        return count
    }
}
