import KubeSim
import Testing

@Suite("Timestamps and ages")
struct TimestampTests {
    static let rfcCases: [(Int64, String)] = [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(951_782_400), "2000-02-29T00:00:00Z"),
        (Int64(1_714_564_800), "2024-05-01T12:00:00Z"),
    ]

    @Test("formats and parses RFC 3339", arguments: rfcCases)
    func rfc3339(seconds: Int64, text: String) {
        #expect(Timestamp(secondsSinceEpoch: seconds).rfc3339 == text)
        #expect(Timestamp(rfc3339: text)?.secondsSinceEpoch == seconds)
    }

    @Test("parses offsets and fractions")
    func offsets() {
        #expect(Timestamp(rfc3339: "2024-05-01T14:00:00.123+02:00")?.secondsSinceEpoch == 1_714_564_800)
        #expect(Timestamp(rfc3339: "not a time") == nil)
        #expect(Timestamp(rfc3339: "2024-13-01T00:00:00Z") == nil)
    }

    static let ageCases: [(Int64, String)] = [
        (Int64(5), "5s"), (Int64(119), "119s"), (Int64(125), "2m5s"), (Int64(600), "10m"), (Int64(3 * 3600 + 120), "3h2m"),
        (Int64(10 * 3600), "10h"), (Int64(50 * 3600), "2d2h"), (Int64(40 * 86_400), "40d"), (Int64(3 * 365 * 86_400), "3y"), (Int64(-5), "<invalid>"),
    ]

    @Test("prints ages like kubectl", arguments: ageCases)
    func ages(seconds: Int64, text: String) {
        #expect(HumanDuration.format(seconds: seconds) == text)
    }
}
