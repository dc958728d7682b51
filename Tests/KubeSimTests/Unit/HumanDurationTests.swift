import KubeModels
import KubeSim
import Testing

@Suite("Ages")
struct HumanDurationTests {
    static let ageCases: [(Int64, String)] = [
        (Int64(5), "5s"), (Int64(119), "119s"), (Int64(125), "2m5s"), (Int64(600), "10m"), (Int64(3 * 3600 + 120), "3h2m"),
        (Int64(10 * 3600), "10h"), (Int64(50 * 3600), "2d2h"), (Int64(40 * 86_400), "40d"), (Int64(3 * 365 * 86_400), "3y"), (Int64(-5), "<invalid>"),
    ]

    @Test("prints ages like kubectl", arguments: ageCases)
    func ages(seconds: Int64, text: String) {
        #expect(HumanDuration.format(seconds: seconds) == text)
    }

    @Test("the age between two timestamps; none is <unknown>")
    func age() {
        let created = Timestamp(secondsSinceEpoch: 1_700_000_000)
        #expect(HumanDuration.age(since: created, now: created.adding(seconds: 125)) == "2m5s")
        #expect(HumanDuration.age(since: nil, now: created) == "<unknown>")
    }
}
