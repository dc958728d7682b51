/// A small, seedable random number generator (SplitMix64), so tests can make names reproducible.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator; equal seeds give equal sequences.
    package init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random identifiers shaped like the API server's: `generateName` suffixes and object UIDs.
package enum RandomNames {
    /// The alphabet Kubernetes uses for generated names (`k8s.io/apimachinery/pkg/util/rand`):
    /// no vowels and no easily confused characters.
    package static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    /// A random suffix of `length` characters from ``alphabet``, as appended to `generateName`.
    /// - Parameters:
    ///   - length: number of characters (the API server uses 5).
    ///   - generator: the randomness source.
    package static func suffix(length: Int = 5, using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        for _ in 0..<length { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A random RFC 4122 version-4 UUID in lower-case text form, as used for `metadata.uid`.
    /// - Parameter generator: the randomness source.
    package static func uid(using generator: inout some RandomNumberGenerator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes a 32-bit hash the way Kubernetes names controller revisions: the decimal digits of the
    /// hash, each mapped into ``alphabet`` (`rand.SafeEncodeString(fmt.Sprint(hash))`).
    /// - Parameter hash: e.g. an FNV-1a hash of a pod template.
    package static func safeEncode(_ hash: UInt32) -> String {
        String(decoding: String(hash).utf8.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    /// The 32-bit FNV-1a hash of `bytes`.
    package static func fnv1a32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }
}
