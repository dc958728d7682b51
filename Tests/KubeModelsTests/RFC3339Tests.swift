import Foundation
import KubeModels
import Testing

@Suite("RFC 3339 timestamps")
struct RFC3339Tests {
    /// Instants from before 1970 to past 2100, leap days and year ends included.
    static let instants: [TimeInterval] = [
        -86_400 * 365.25 * 30, -1, 0, 951_782_400, 951_868_799, 1_709_164_800, 1_735_689_599, 1_770_000_000.5,
        4_107_542_399, 4_133_980_800,
    ]

    @Test("formats whole seconds exactly as ISO8601DateFormatter does, and parses them back", arguments: instants)
    func wholeSeconds(interval: TimeInterval) throws {
        let date = Date(timeIntervalSince1970: interval.rounded(.down))
        let foundation = ISO8601DateFormatter()
        foundation.formatOptions = [.withInternetDateTime]
        let text = RFC3339.string(from: date)
        #expect(text == foundation.string(from: date))
        #expect(RFC3339.date(from: text) == date)
    }

    @Test("MicroTime: six fractional digits, never rounded into the next second")
    func microseconds() throws {
        let date = Date(timeIntervalSince1970: 1_770_000_000.25)
        #expect(RFC3339.string(from: date, fractionalDigits: 6) == "2026-02-02T02:40:00.250000Z")
        #expect(
            RFC3339.string(from: Date(timeIntervalSince1970: 1_770_000_000.999_999_5), fractionalDigits: 6)
                == "2026-02-02T02:40:00.999999Z")
        let parsed = try #require(RFC3339.date(from: "2026-02-02T02:40:00.250000Z"))
        #expect(abs(parsed.timeIntervalSince(date)) < 1e-6)
    }

    @Test("offsets and lower-case separators; malformed or impossible dates are nil")
    func parsing() throws {
        let utc = try #require(RFC3339.date(from: "2024-02-29T12:00:00Z"))
        #expect(RFC3339.date(from: "2024-02-29T14:30:00+02:30") == utc.addingTimeInterval(3_600 * 2.5 - 9_000))
        #expect(RFC3339.date(from: "2024-02-29t09:00:00-03:00") == utc)
        #expect(RFC3339.date(from: "2024-02-29T12:00:00z") == utc)
        for text in [
            "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00", "2024-01-01",
            "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+0200", "2024-01-01T00:00:00Zjunk", "",
        ] {
            #expect(RFC3339.date(from: text) == nil, "\(text)")
        }
    }
}
