/// A unified diff of two texts by lines (`diff -u` format, 3 lines of context), purely: the longest
/// common subsequence of lines, grouped into hunks.
package enum UnifiedDiff {
    /// One line of an edit script.
    enum Edit: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The diff, or `nil` when the texts are equal.
    /// - Parameters:
    ///   - old: the text before (e.g. the live object as YAML); empty for an object to create.
    ///   - new: the text after; empty for an object to delete.
    ///   - oldName: the `---` header's path.
    ///   - newName: the `+++` header's path.
    ///   - context: unchanged lines kept around each change.
    package static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String? {
        guard old != new else { return nil }
        let edits = script(lines(old), lines(new))
        var out = ["--- \(oldName)", "+++ \(newName)"]
        for hunk in hunks(edits, context: context) { out += hunk }
        return out.joined(separator: "\n") + "\n"
    }

    private static func lines(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty()
    }

    /// The edit script from an LCS table (texts here are a few hundred lines: O(n·m) is fine).
    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count
        let m = b.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                edits.append(.same(a[i]))
                i += 1
                j += 1
            } else if i < n, j == m || table[i + 1][j] >= table[i][j + 1] {
                // Removals first, as diff -u prints a changed line's old text before its new text.
                edits.append(.removed(a[i]))
                i += 1
            } else {
                edits.append(.added(b[j]))
                j += 1
            }
        }
        return edits
    }

    /// Groups edits into hunks with `context` unchanged lines around changes, each with its header.
    static func hunks(_ edits: [Edit], context: Int) -> [[String]] {
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard !changed.isEmpty else { return [] }
        var ranges: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(edits.count - 1, index + context)
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        var result: [[String]] = []
        for range in ranges {
            var oldStart = 1
            var newStart = 1
            for edit in edits[..<range.lowerBound] {
                switch edit {
                case .same:
                    oldStart += 1
                    newStart += 1
                case .removed: oldStart += 1
                case .added: newStart += 1
                }
            }
            var body: [String] = []
            var oldCount = 0
            var newCount = 0
            for edit in edits[range] {
                switch edit {
                case .same(let line):
                    body.append(" \(line)")
                    oldCount += 1
                    newCount += 1
                case .removed(let line):
                    body.append("-\(line)")
                    oldCount += 1
                case .added(let line):
                    body.append("+\(line)")
                    newCount += 1
                }
            }
            // diff -u numbers an empty side from the line before it.
            let header = "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@"
            result.append([header] + body)
        }
        return result
    }
}

extension Array where Element == String {
    fileprivate func dropLastIfEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
