import Testing
@testable import KhoCore

/// How a declared encoding reaches libxml2, and why a file reads the same however it arrives.
@Suite struct XMLDeclaredEncodingTests {
    private func decide(_ declaration: String, bom: Bool = false) -> XMLDeclaredEncoding.Decision {
        XMLDeclaredEncoding.decide(prolog: (bom ? [0xEF, 0xBB, 0xBF] : []) + Array("\(declaration)\n<a/>".utf8))
    }

    @Test func libxml2sOwnSpellingsAreLeftAlone() {
        for name in ["UTF-8", "utf-8", "UTF8", "UTF-16", "utf16", "UTF-16LE"] {
            #expect(decide(#"<?xml version="1.0" encoding="\#(name)"?>"#) == .asDeclared, "\(name)")
        }
        #expect(decide(#"<?xml version="1.0"?>"#) == .asDeclared)
        #expect(decide("<a/>") == .asDeclared)
        #expect(decide(#"<?xml version="1.0" encoding="utf-8"?>"#, bom: true) == .asDeclared)
    }

    @Test func looseSpellingsOfUnicodeGetTheirProperName() {
        #expect(decide(#"<?xml version="1.0" encoding="UTF8-"?>"#) == .override("UTF-8"))
        #expect(decide(#"<?xml version="1.0" encoding='utf_8'?>"#) == .override("UTF-8"))
        #expect(decide(#"<?xml version="1.0" encoding = "Utf 8"?>"#) == .asDeclared)   // a space ends no name: not a declaration we read
        #expect(decide(#"<?xml version="1.0" encoding="UTF_16BE"?>"#) == .override("UTF-16BE"))
    }

    @Test func singleByteCodePagesGoToIconvAsDeclared() {
        for name in ["windows-1258", "CP1258", "ISO-8859-1", "latin1", "iso8859-15", "US-ASCII", "VISCII"] {
            #expect(decide(#"<?xml version="1.0" encoding="\#(name)"?>"#) == .asDeclared, "\(name)")
        }
    }

    @Test func otherEncodingsAreRefusedByName() {
        for name in ["Shift_JIS", "GB18030", "EUC-KR", "windows-1259", "ISO-8859-17", "FOO", "TCVN"] {
            #expect(decide(#"<?xml version="1.0" encoding="\#(name)"?>"#) == .unsupported(name), "\(name)")
        }
    }

    private func read(_ text: String, chunk: Int) -> (records: [[String]], failure: FindingCode?) {
        let stream = ChunkedStream(Array(text.utf8), chunk: chunk)
        let reader = XMLRecordReader(recordPath: "/R/r", maxDepth: 16, documentName: "t.xml", encoding: nil) { try stream.read(into: $0) }
        var records: [[String]] = []
        while let item = reader.next() { records.append(item.values.map { "\($0.key)=\($0.value)" }) }
        return (records, reader.failure?.code)
    }

    /// Found by fuzzing: `UTF8-` went to iconv, which failed on a character split between reads.
    @Test func aLooseUTF8DeclarationReadsTheSameInAnyChunking() {
        let document = #"<?xml version="1.0" encoding="UTF8-"?>"# + "\n<!-- Xuất từ phần mềm -->\n<R><r a=\"Sông Đắk Bla\">Thôn Kon Klor</r><r a=\"Ngọc Hồi\"/></R>\n"
        let whole = read(document, chunk: 1 << 16)
        #expect(whole.failure == nil)
        #expect(whole.records == [["@a=Sông Đắk Bla"], ["@a=Ngọc Hồi"]])
        for chunk in [1, 3, 7, 10, 64] {
            let chunked = read(document, chunk: chunk)
            #expect(chunked.records == whole.records, "chunk \(chunk)")
            #expect(chunked.failure == nil, "chunk \(chunk)")
        }
    }

    @Test func anUnsupportedDeclarationStopsTheDocumentWithItsName() {
        let document = #"<?xml version="1.0" encoding="Shift_JIS"?><R><r a="1"/></R>"#
        for chunk in [1, 5, 1 << 16] {
            let result = read(document, chunk: chunk)
            #expect(result.records.isEmpty)
            #expect(result.failure == .encodingUndecodable)
        }
    }
}
