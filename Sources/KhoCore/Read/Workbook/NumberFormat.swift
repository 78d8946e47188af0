/// A cell's number format, as far as reading needs it: whether the number it formats is a date,
/// a date and time, a time of day, or a plain number. A number is a date only when its format
/// says so: the same 45306 is 2024-01-15 under `dd/mm/yyyy` and forty-five thousand under `#,##0`.
public enum NumberFormat {
    public enum DateKind: Sendable, Equatable {
        case date, dateTime, time
    }

    /// The kind of a built-in format id (ECMA-376 §18.8.30, with the East Asian date ids 27–36 and
    /// 50–58 that Excel maps to local date formats), nil for numbers and text.
    public static func builtIn(_ id: Int) -> DateKind? {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: .date
        case 22: .dateTime
        case 18...21, 32, 33, 45...47: .time
        default: nil
        }
    }

    /// The kind of a format code such as `dd/mm/yyyy`, `[$-42A]d mmmm yyyy` or `h:mm AM/PM`: the
    /// date and time letters that remain once quoted text, escaped characters, colours and locale
    /// tags are taken out. Only the first section counts (positive numbers).
    public static func kind(ofCode code: String) -> DateKind? {
        let characters = Array(code)
        var hasDate = false, hasTime = false
        var index = 0
        var previous: Character = " "
        func result() -> DateKind? { hasDate ? (hasTime ? .dateTime : .date) : (hasTime ? .time : nil) }
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch character {
            case "\\", "_", "*":
                index += 1   // an escaped character, padding or fill: the next character is literal
                continue
            case "\"":
                while index < characters.count, characters[index] != "\"" { index += 1 }
                index += 1
                continue
            case "[":
                var bracket = ""
                while index < characters.count, characters[index] != "]" { bracket.append(characters[index]); index += 1 }
                index += 1
                // [h], [mm], [ss]: elapsed time. Colours and locale tags ([Red], [$-42A]) say nothing.
                let lower = bracket.lowercased()
                if !lower.isEmpty, lower.allSatisfy({ "hms".contains($0) }) { hasTime = true }
                continue
            case ";":
                return result()   // only the first section (positive numbers) counts
            case "a", "A":
                for marker in ["am/pm", "a/p"] where String(characters[(index - 1)...].prefix(marker.count)).lowercased() == marker {
                    hasTime = true
                    index += marker.count - 1
                }
            case "y", "Y", "d", "D": hasDate = true
            case "h", "H", "s", "S": hasTime = true
            case "m", "M":
                // Minutes right after hours or before seconds (`h:mm`, `mm:ss`), months otherwise.
                var next = index
                while next < characters.count, "mM".contains(characters[next]) { next += 1 }
                let beforeSeconds = next < characters.count && (characters[next] == ":" || "sS".contains(characters[next]))
                if "hH:".contains(previous) || beforeSeconds { hasTime = true } else { hasDate = true }
                index = next
            case "0", "#", "?", "@":
                // A digit or text placeholder before any date letter: a number or text format.
                if !hasDate && !hasTime { return nil }
            default: break
            }
            if !character.isWhitespace { previous = character }
        }
        return result()
    }
}
