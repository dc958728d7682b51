import Foundation

/// A point in wall-clock time with whole-second precision, formatted the way Kubernetes formats
/// `metav1.Time` (`2024-05-01T12:00:00Z`).
///
/// A plain value so that pure code (controllers, printers) takes "now" as a parameter instead of
/// reading a clock.
package struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    package var secondsSinceEpoch: Int64

    /// Creates a timestamp from seconds since the Unix epoch.
    package init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// The whole second `date` falls in (the fraction is dropped, rounding towards the past).
    package init(_ date: Date) {
        secondsSinceEpoch = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// The current wall-clock time, to the second.
    package static func now() -> Timestamp { Timestamp(Date()) }

    /// This timestamp moved by a number of seconds.
    package func adding(seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    /// Orders timestamps chronologically.
    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// RFC 3339 in UTC, e.g. `2024-05-01T12:00:00Z`.
    package var description: String { rfc3339 }

    /// RFC 3339 in UTC, e.g. `2024-05-01T12:00:00Z`.
    package var rfc3339: String { RFC3339.string(secondsSinceEpoch: secondsSinceEpoch) }

    /// Parses RFC 3339 text (`Z` or a numeric offset, optional fractional seconds, which are dropped).
    /// - Returns: `nil` when the text is not RFC 3339.
    package init?(rfc3339 text: String) {
        guard let parsed = RFC3339.parse(text) else { return nil }
        self.secondsSinceEpoch = parsed.secondsSinceEpoch
    }
}
