/// Every CSV written into a bundle is safe to open in a spreadsheet: a text cell that begins with
/// `=`, `+`, `-`, `@`, TAB or CR would run as a formula (`=HYPERLINK(…)`, `+cmd|…`), so it gets a
/// leading apostrophe. Applied to final values, after normalization; work files keep values verbatim.
public enum SpreadsheetSafety {
    /// A first byte that makes a spreadsheet run the cell as a formula.
    public static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D
    }

    /// The value made inert for spreadsheets, and whether it had to be.
    public static func neutralizeFormula(_ value: String) -> (value: String, changed: Bool) {
        guard let first = value.utf8.first, startsFormula(first) else { return (value, false) }
        return ("'" + value, true)
    }
}
