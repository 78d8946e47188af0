import Foundation

/// A cell's position in A1 notation (`B12`): column letters and a row number, both 1-based.
/// Sheets are bounded (Excel: 16 384 columns, 1 048 576 rows), and so is what is accepted here:
/// a reference beyond the bounds is how a hostile sheet asks for a huge row.
public struct CellReference: Sendable, Equatable, CustomStringConvertible {
    public static let maxColumn = 16_384
    public static let maxRow = 1_048_576

    public let column: Int
    public let row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Parses `B12` or `$B$12`; nil unless both parts are present and within the sheet's bounds.
    public init?(_ text: String) {
        self.init(utf8: text.utf8)
    }

    /// Parses the reference from its bytes, as an attribute holds them.
    init?<Bytes: Sequence>(utf8: Bytes) where Bytes.Element == UInt8 {
        var column = 0, row = 0, letters = 0, digits = 0
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, (1...CellReference.maxColumn).contains(column), (1...CellReference.maxRow).contains(row) else {
            return nil
        }
        self.init(column: column, row: row)
    }

    /// `A`, `Z`, `AA`, `XFD` for columns 1, 26, 27, 16 384.
    public static func letters(_ column: Int) -> String {
        var column = column
        var result: [UInt8] = []
        while column > 0 {
            let remainder = (column - 1) % 26
            result.insert(UInt8(ascii: "A") + UInt8(remainder), at: 0)
            column = (column - 1) / 26
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `B12`.
    public var description: String { CellReference.letters(column) + String(row) }

    /// `DanhSach!B12`, quoted as Excel writes it when the sheet name needs it (`'Danh sách'!B12`).
    public func qualified(sheet: String) -> String {
        CellReference.sheetPrefix(sheet) + description
    }

    static func sheetPrefix(_ sheet: String) -> String {
        let plain = !sheet.isEmpty && sheet.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." }
        return plain ? sheet + "!" : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'!"
    }
}
