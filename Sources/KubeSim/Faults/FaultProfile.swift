/// Faults injected into Kubernetes API requests (discovery, OpenAPI, health and `/kubesim/` are
/// never affected): error rates per status code, added latency, a paused server and a shrunken
/// watch history.
///
/// JSON form (the `/kubesim/faults` admin body):
/// `{"errorRates": {"503": 0.5, "429": 0.1}, "retryAfterSeconds": 1, "latencyMilliseconds": 20,
///   "paused": false, "historyWindow": 5, "verbs": ["list", "watch"], "seed": 42}`.
package struct FaultProfile: Sendable, Hashable, Codable {
    /// Probability (0...1) of answering with each status code; supported codes are 500, 503 and 429.
    /// The rates are cumulative: their sum should not exceed 1.
    package var errorRates: [Int: Double] = [:]
    /// `Retry-After` seconds sent with 429 answers.
    package var retryAfterSeconds = 1
    /// Delay added before every affected request is handled.
    package var latency: Duration = .zero
    /// While `true`, affected requests wait without an answer and open watches deliver nothing.
    package var paused = false
    /// When set, the watch history window shrinks (or grows) to this many events per resource.
    package var historyWindow: Int?
    /// Restricts error injection to these verbs (`get`, `list`, `watch`, `create`, `update`, `patch`,
    /// `delete`, `deletecollection`); `nil` affects every verb.
    package var verbs: Set<String>?
    /// Seed for the fault dice, for reproducible tests; `nil` uses system randomness.
    package var seed: UInt64?

    /// No faults.
    package init() {}

    /// Creates a profile.
    package init(
        errorRates: [Int: Double] = [:], retryAfterSeconds: Int = 1, latency: Duration = .zero, paused: Bool = false,
        historyWindow: Int? = nil, verbs: Set<String>? = nil, seed: UInt64? = nil
    ) {
        self.errorRates = errorRates
        self.retryAfterSeconds = retryAfterSeconds
        self.latency = latency
        self.paused = paused
        self.historyWindow = historyWindow
        self.verbs = verbs
        self.seed = seed
    }

    private enum CodingKeys: String, CodingKey {
        case errorRates, retryAfterSeconds, latencyMilliseconds, paused, historyWindow, verbs, seed
    }

    /// Decodes the JSON form; absent members keep their defaults.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rates = try container.decodeIfPresent([String: Double].self, forKey: .errorRates) ?? [:]
        var parsed: [Int: Double] = [:]
        for (code, rate) in rates {
            guard let number = Int(code) else {
                throw DecodingError.dataCorruptedError(forKey: .errorRates, in: container, debugDescription: "status code \(code) is not a number")
            }
            parsed[number] = rate
        }
        errorRates = parsed
        retryAfterSeconds = try container.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? 1
        latency = .milliseconds(try container.decodeIfPresent(Int64.self, forKey: .latencyMilliseconds) ?? 0)
        paused = try container.decodeIfPresent(Bool.self, forKey: .paused) ?? false
        historyWindow = try container.decodeIfPresent(Int.self, forKey: .historyWindow)
        verbs = try container.decodeIfPresent(Set<String>.self, forKey: .verbs)
        seed = try container.decodeIfPresent(UInt64.self, forKey: .seed)
    }

    /// Encodes the JSON form.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Dictionary(uniqueKeysWithValues: errorRates.map { (String($0.key), $0.value) }), forKey: .errorRates)
        try container.encode(retryAfterSeconds, forKey: .retryAfterSeconds)
        let (seconds, attoseconds) = latency.components
        try container.encode(seconds * 1000 + attoseconds / 1_000_000_000_000_000, forKey: .latencyMilliseconds)
        try container.encode(paused, forKey: .paused)
        try container.encodeIfPresent(historyWindow, forKey: .historyWindow)
        try container.encodeIfPresent(verbs.map { $0.sorted() }, forKey: .verbs)
        try container.encodeIfPresent(seed, forKey: .seed)
    }
}
