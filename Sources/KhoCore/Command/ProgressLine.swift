import Foundation

/// One line of the live progress display: a unit's reading, or a dataset's bundling.
public struct ProgressLine: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        case reading
        case bundling
    }

    /// `unit/dataset`, or the dataset for bundling.
    public var label: String
    public var stage: Stage
    public var rows: Int
    public var bytes: Int64
    public var totalBytes: Int64
    public var seconds: Double

    public init(label: String, stage: Stage, rows: Int = 0, bytes: Int64 = 0, totalBytes: Int64 = 0, seconds: Double) {
        self.label = label
        self.stage = stage
        self.rows = rows
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.seconds = seconds
    }

    /// `so-gddt/co-so-giao-duc  đọc  120 000 / ~300 000 dòng  12,0 / 30,0 MB  40%  60 000 dòng/s  còn ~3 s`.
    /// The total of rows is estimated from the bytes read so far: only the bytes are known ahead.
    public func rendered(_ language: Language) -> String {
        let vi = language == .vi
        guard stage == .reading else {
            return "\(label)  " + (vi ? "đóng gói" : "bundling") + "  \(Int(seconds)) s"
        }
        var parts = [label, vi ? "đọc" : "reading"]
        let fraction = totalBytes > 0 ? min(1, Double(bytes) / Double(totalBytes)) : 0
        if fraction > 0.01 {
            let estimate = Int((Double(rows) / fraction).rounded())
            parts.append("\(Self.count(rows, language)) / ~\(Self.count(estimate, language)) " + (vi ? "dòng" : "rows"))
        } else {
            parts.append("\(Self.count(rows, language)) " + (vi ? "dòng" : "rows"))
        }
        parts.append("\(Self.megabytes(bytes, language)) / \(Self.megabytes(totalBytes, language)) MB")
        parts.append("\(Int(fraction * 100))%")
        if seconds >= 0.2 {
            let rate = Double(rows) / seconds
            parts.append("\(Self.count(Int(rate.rounded()), language)) " + (vi ? "dòng/s" : "rows/s"))
            if fraction > 0.01 && fraction < 1 {
                let left = Int((seconds / fraction - seconds).rounded(.up))
                parts.append(vi ? "còn ~\(Self.duration(left))" : "ETA ~\(Self.duration(left))")
            }
        }
        return parts.joined(separator: "  ")
    }

    /// Thousands grouped: `120 000` (vi), `120,000` (en).
    static func count(_ value: Int, _ language: Language) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += language == .vi ? " " : "," }
            text.append(digit)
        }
        return text
    }

    /// One decimal: `12,3` (vi), `12.3` (en).
    static func megabytes(_ bytes: Int64, _ language: Language) -> String {
        let text = String(format: "%.1f", Double(bytes) / 1_000_000)
        return language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// `42 s`, `3 min 05 s`.
    static func duration(_ seconds: Int) -> String {
        seconds < 60 ? "\(seconds) s" : "\(seconds / 60) min \(String(format: "%02d", seconds % 60)) s"
    }
}
