/// Finds the delimiter from the first lines of decoded text: the candidate that splits the most
/// lines into the same number of cells (title rows above the header have none, or Excel pads them
/// with the same delimiter, which only helps).
public enum DialectSniffer {
    public static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]

    public static func delimiter(in text: [UInt8], maxLines: Int = 100) -> UInt8 {
        var best = candidates[0]
        var bestScore = 0
        for candidate in candidates {
            let counts = countsPerLine(text, delimiter: candidate, maxLines: maxLines)
            var frequency: [Int: Int] = [:]
            for count in counts where count > 0 { frequency[count, default: 0] += 1 }
            // The most common non-zero count, how many lines share it; ties go to more cells.
            guard let (cells, lines) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            let score = lines * 1000 + min(cells, 999)
            if score > bestScore {
                bestScore = score
                best = candidate
            }
        }
        return best
    }

    /// Delimiters per line outside quotes, for the first lines.
    static func countsPerLine(_ text: [UInt8], delimiter: UInt8, maxLines: Int) -> [Int] {
        var counts: [Int] = []
        var current = 0
        var inQuotes = false
        var sawContent = false
        for byte in text {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == 0x0A || byte == 0x0D {
                if sawContent { counts.append(current) }
                if counts.count >= maxLines { break }
                current = 0
                sawContent = false
            } else {
                sawContent = true
                if byte == delimiter { current += 1 }
            }
        }
        if sawContent && counts.count < maxLines { counts.append(current) }
        return counts
    }
}
