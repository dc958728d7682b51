import Foundation
import KubeModels
import Testing

@Suite("Whole-second timestamps (metav1.Time)")
struct TimestampTests {
    static let rfcCases: [(Int64, String)] = [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(951_782_400), "2000-02-29T00:00:00Z"),
        (Int64(1_714_564_800), "2024-05-01T12:00:00Z"),
        (Int64(-1), "1969-12-31T23:59:59Z"),
    ]

    @Test("formats and parses RFC 3339", arguments: rfcCases)
    func rfc3339(seconds: Int64, text: String) {
        #expect(Timestamp(secondsSinceEpoch: seconds).rfc3339 == text)
        #expect(Timestamp(secondsSinceEpoch: seconds).description == text)
        #expect(Timestamp(rfc3339: text)?.secondsSinceEpoch == seconds)
    }

    @Test("parses offsets and drops fractions; malformed or impossible dates are nil")
    func offsets() {
        #expect(Timestamp(rfc3339: "2024-05-01T14:00:00.123+02:00")?.secondsSinceEpoch == 1_714_564_800)
        #expect(Timestamp(rfc3339: "not a time") == nil)
        #expect(Timestamp(rfc3339: "2024-13-01T00:00:00Z") == nil)
    }

    @Test("a date becomes the whole second it falls in, before 1970 too")
    func fromDate() {
        #expect(Timestamp(Date(timeIntervalSince1970: 1_714_564_800.999)).secondsSinceEpoch == 1_714_564_800)
        #expect(Timestamp(Date(timeIntervalSince1970: -0.5)).secondsSinceEpoch == -1)
    }

    @Test("now is the current second")
    func now() {
        let before = Int64(Date().timeIntervalSince1970.rounded(.down))
        let now = Timestamp.now().secondsSinceEpoch
        let after = Int64(Date().timeIntervalSince1970.rounded(.down))
        #expect(before <= now && now <= after)
    }

    @Test("adding seconds and ordering")
    func arithmetic() {
        let start = Timestamp(secondsSinceEpoch: 1_700_000_000)
        #expect(start.adding(seconds: 90).rfc3339 == "2023-11-14T22:14:50Z")
        #expect(start < start.adding(seconds: 1))
        #expect(start.adding(seconds: -1) < start)
        #expect(start.adding(seconds: 0) == start)
    }
}
