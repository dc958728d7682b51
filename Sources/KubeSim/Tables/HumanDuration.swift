import KubeModels

/// Ages as kubectl prints them (`k8s.io/apimachinery/pkg/util/duration.HumanDuration`): `45s`,
/// `3m12s`, `17m`, `5h3m`, `2d4h`, `40d`, `2y`.
package enum HumanDuration {
    /// The age between `since` and `now`.
    package static func age(since: Timestamp?, now: Timestamp) -> String {
        guard let since else { return "<unknown>" }
        return format(seconds: now.secondsSinceEpoch - since.secondsSinceEpoch)
    }

    /// Formats a duration in seconds.
    package static func format(seconds: Int64) -> String {
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let rest = seconds % 60
            return rest == 0 ? "\(minutes)m" : "\(minutes)m\(rest)s"
        }
        if minutes < 180 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let rest = minutes % 60
            return rest == 0 ? "\(hours)h" : "\(hours)h\(rest)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let rest = hours % 24
            return rest == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(rest)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = hours / 24 % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }
}
