import Foundation

/// A workbook file opened as what it is, whatever its name says: an Office Open XML workbook
/// (`.xlsx`, `.xlsm`) or an OpenDocument spreadsheet (`.ods`), both ZIP packages of XML parts.
/// Everything else a unit may send under a spreadsheet's name is refused with what to do
/// instead: a binary `.xls` or `.xlsb`, a password-protected workbook, an HTML or CSV file renamed.
/// Parts are read straight from the ZIP member, bounded by the archive limits; a package with a
/// part name that escapes its folder is refused whole.
public final class WorkbookPackage {
    public enum Kind: Sendable, Equatable {
        case spreadsheetML, openDocument
    }

    public let kind: Kind
    /// `unit/file.xlsx`, for messages.
    public let displayName: String
    private let archive: ZipArchive
    private let limits: ReadLimits
    private let members: [String: ZipArchive.Member]

    public init(path: String, displayName: String, limits: ReadLimits) throws {
        self.displayName = displayName
        self.limits = limits
        let head = try FileByteStream(path: path).readPrefix(8)
        if head.starts(with: WorkbookPackage.compoundFileMagic) {
            if try WorkbookPackage.isEncryptedPackage(path: path) {
                throw ReadError(code: .workbookEncrypted, message: "\(displayName): the workbook is protected by a password; send it without a password")
            }
            throw ReadError(code: .workbookFormatUnsupported,
                            message: "\(displayName): a binary Excel 97–2003 workbook (.xls); save it as .xlsx or CSV (UTF-8)")
        }
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw ReadError(code: .workbookFormatUnsupported,
                            message: "\(displayName): not a workbook (no ZIP package: an HTML or text file renamed?); save it as .xlsx or CSV (UTF-8)")
        }
        archive = try ZipArchive(path: path)
        if let unsafe = archive.members.first(where: { !$0.hasSafeName }) {
            throw ReadError(code: .archiveEntryUnsafe, message: "\(displayName): unsafe part name \(unsafe.name)")
        }
        var byName: [String: ZipArchive.Member] = [:]
        // Part names are case-insensitive in Open Packaging; the first of two spellings wins.
        for member in archive.members where byName[member.name.lowercased()] == nil { byName[member.name.lowercased()] = member }
        members = byName
        if byName["xl/workbook.bin"] != nil {
            throw ReadError(code: .workbookFormatUnsupported,
                            message: "\(displayName): a binary Excel workbook (.xlsb); save it as .xlsx or CSV (UTF-8)")
        }
        if byName["content.xml"] != nil, byName["xl/workbook.xml"] == nil {
            kind = .openDocument
        } else if byName["[content_types].xml"] != nil || byName["xl/workbook.xml"] != nil {
            kind = .spreadsheetML
        } else {
            throw ReadError(code: .workbookFormatUnsupported,
                            message: "\(displayName): a ZIP archive that is neither an .xlsx nor an .ods workbook")
        }
    }

    /// Whether the package holds a part of that name.
    public func has(_ name: String) -> Bool { members[name.lowercased()] != nil }

    /// The part as an XML node stream, or nil when the package has no such part.
    func part(_ name: String) throws -> WorkbookPart? {
        guard let member = members[name.lowercased()] else { return nil }
        let stream = try archive.open(member, limit: limits.maxDecompressedBytes, maxRatio: limits.maxCompressionRatio)
        return try WorkbookPart(stream: stream, name: "\(displayName)!\(member.name)")
    }

    /// The part, or a refusal naming the part the workbook lacks.
    func requiredPart(_ name: String) throws -> WorkbookPart {
        guard let part = try part(name) else {
            throw ReadError(code: .workbookMalformed, message: "\(displayName): the part \(name) is missing")
        }
        return part
    }

    // MARK: - Telling files apart

    /// OLE2 compound file: `.xls`, and also an encrypted `.xlsx`, which Office wraps in one.
    static let compoundFileMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// An encrypted Office Open XML package is a compound file with an `EncryptionInfo` stream; its
    /// name (UTF-16LE) sits in the compound file's directory.
    static func isEncryptedPackage(path: String) throws -> Bool {
        let pattern = Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let stream = try FileByteStream(path: path, limit: 64 << 20)
        var carry: [UInt8] = []
        while true {
            let chunk = try stream.readPrefix(1 << 20)
            if chunk.isEmpty { return false }
            let window = carry + chunk
            if window.count >= pattern.count {
                for start in 0...(window.count - pattern.count) where window[start] == pattern[0] {
                    if window[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
                }
            }
            carry = Array(window.suffix(pattern.count - 1))
        }
    }

    /// Resolves a relationship target against the folder of the part that names it
    /// (`worksheets/sheet1.xml` from `xl/workbook.xml`, or `/xl/worksheets/sheet1.xml`); nil when it
    /// climbs out of the package.
    static func resolve(_ target: String, from folder: String) -> String? {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(piece)
            }
        }
        return parts.joined(separator: "/")
    }
}
