// kdl-fuzz-xlsx: a libFuzzer target for the workbook reading path (see "Fuzzing" in the README).
//
//   scripts/fuzz xlsx 600                        build with -sanitize=fuzzer,address and fuzz for 10 minutes
//   swift run kdl-fuzz-xlsx FILE|DIR...          replay inputs without the fuzzer (reproduce a crash)
//
// An input is one of three things, so that the fuzzer reaches the XML of the parts and not only the
// ZIP and deflate layers in front of them:
//   - a whole file (it begins with `PK` or anything but the two markers below): read as a unit's
//     export, whatever it holds (ZIP packages, compound files, text);
//   - `ODS\n` then the bytes of `content.xml`: packed into an OpenDocument spreadsheet;
//   - `XLSX\n` then parts separated by `\n@@\n` — the sheet, the shared strings, the styles, the
//     workbook — each packed (stored) into an .xlsx, a missing one replaced by a plain default.
// Each goes through WorkbookSourceReader as `kdl-extract` reads an export, with small limits.
// Besides crashes it traps on broken invariants: every record fits the schema, and every row read
// is extracted or unreadable.
import Foundation
import KhoCore
import KhoFuzzSupport

@main
struct KdlFuzzXLSX {
    static func main() { FuzzDriver.main(name: "kdl-fuzz-xlsx", entry: fuzzXLSX) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    WorkbookFuzz.source(WorkbookFuzz.file(from: bytes))
    return 0
}

enum WorkbookFuzz {
    static let sheetDefault = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#
    static let stringsDefault = #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>"#
    static let stylesDefault = #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
    static let workbookDefault = #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    static let relationships = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#

    /// The bytes of the file to read.
    static func file(from input: [UInt8]) -> [UInt8] {
        if input.starts(with: Array("ODS\n".utf8)) {
            return zip([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                        ("content.xml", Array(input.dropFirst(4)))])
        }
        guard input.starts(with: Array("XLSX\n".utf8)) else { return input }
        var parts = split(Array(input.dropFirst(5)), on: Array("\n@@\n".utf8))
        let defaults = [sheetDefault, stringsDefault, stylesDefault, workbookDefault].map { Array($0.utf8) }
        while parts.count < defaults.count { parts.append(defaults[parts.count]) }
        return zip([("[Content_Types].xml", Array("<Types/>".utf8)),
                    ("xl/workbook.xml", parts[3]),
                    ("xl/_rels/workbook.xml.rels", Array(relationships.utf8)),
                    ("xl/sharedStrings.xml", parts[1]),
                    ("xl/styles.xml", parts[2]),
                    ("xl/worksheets/sheet1.xml", parts[0])])
    }

    /// The whole source reader over a temporary file, with small limits so that bombs stay small.
    static func source(_ bytes: [UInt8]) {
        // The first configured source of the household dataset (the seeds use its headers), read as a workbook.
        guard let schema = FuzzDriver.configuration.datasets["ho-ngheo"],
              let source = FuzzDriver.configuration.units.flatMap(\.sources).first(where: { $0.dataset == schema.id }) else { return }
        var limits = FuzzDriver.configuration.pipeline.limits
        limits.maxDecompressedBytes = 1 << 24
        limits.maxSharedStringsBytes = 1 << 20
        limits.maxLineBytes = 1 << 16
        FuzzDriver.drain("kdl-fuzz-xlsx: WorkbookSourceReader", fieldCount: schema.fields.count) {
            try WorkbookSourceReader(input: FuzzDriver.inputFile(bytes), unit: "fuzz", source: source, schema: schema,
                                     mapper: ColumnMapper(schema: schema, explicitColumns: source.columns), limits: limits)
        }
    }

    private static func split(_ bytes: [UInt8], on separator: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0, index = 0
        while index + separator.count <= bytes.count {
            if bytes[index..<(index + separator.count)].elementsEqual(separator) {
                parts.append(Array(bytes[start..<index]))
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(Array(bytes[start...]))
        return parts
    }

    /// A ZIP of stored (uncompressed) members: the reader does not check CRCs of stored members,
    /// so none is computed.
    private static func zip(_ members: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func le16(_ value: Int, into bytes: inout [UInt8]) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func le32(_ value: Int, into bytes: inout [UInt8]) { le16(value & 0xFFFF, into: &bytes); le16(value >> 16 & 0xFFFF, into: &bytes) }
        for (name, data) in members {
            let offset = out.count
            let nameBytes = Array(name.utf8)
            le32(0x04034b50, into: &out); le16(20, into: &out); le16(0, into: &out); le16(0, into: &out)
            le16(0, into: &out); le16(0, into: &out); le32(0, into: &out)
            le32(data.count, into: &out); le32(data.count, into: &out)
            le16(nameBytes.count, into: &out); le16(0, into: &out)
            out += nameBytes + data
            le32(0x02014b50, into: &directory); le16(20, into: &directory); le16(20, into: &directory); le16(0, into: &directory)
            le16(0, into: &directory); le16(0, into: &directory); le16(0, into: &directory); le32(0, into: &directory)
            le32(data.count, into: &directory); le32(data.count, into: &directory)
            le16(nameBytes.count, into: &directory); le16(0, into: &directory); le16(0, into: &directory)
            le16(0, into: &directory); le16(0, into: &directory); le32(0, into: &directory); le32(offset, into: &directory)
            directory += nameBytes
        }
        let directoryOffset = out.count
        out += directory
        le32(0x06054b50, into: &out); le16(0, into: &out); le16(0, into: &out)
        le16(members.count, into: &out); le16(members.count, into: &out)
        le32(directory.count, into: &out); le32(directoryOffset, into: &out); le16(0, into: &out)
        return out
    }
}
