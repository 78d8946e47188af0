import Testing
@testable import KhoCore

/// What a record's keys and values are: attributes, children, grandchildren and ancestors.
@Suite struct XMLRecordReaderTests {
    private func read(_ text: String) -> (records: [[String]], failure: FindingCode?) {
        let stream = MemoryByteStream(Array(text.utf8))
        let reader = XMLRecordReader(recordPath: "/R/g/r", maxDepth: 16, documentName: "t.xml", encoding: nil) { try stream.read(into: $0) }
        var records: [[String]] = []
        while let item = reader.next() { records.append(item.values.map { "\($0.key)=\($0.value)" }) }
        return (records, reader.failure?.code)
    }

    /// Each child's text goes with its own path, however deep, and none runs into the next child or
    /// the next record: a wrapper's value is what stands in it after its last child.
    @Test func nestedChildrenKeepTheirOwnPathsAndText() {
        let document = """
            <R><g id="7">
            <r n="1"><a><b>x</b><c k="v">y</c><d/></a><e>z</e></r>
            <r n="2"><e>w</e><a><b>u</b></a></r>
            <r n="3"/>
            </g></R>
            """
        let result = read(document)
        #expect(result.failure == nil)
        #expect(result.records == [
            ["@n=1", "../@id=7", "a/b=x", "a/c/@k=v", "a/c=y", "a/d=", "a=", "e=z"],
            ["@n=2", "../@id=7", "e=w", "a/b=u", "a="],
            ["@n=3", "../@id=7"],
        ])
    }
}
