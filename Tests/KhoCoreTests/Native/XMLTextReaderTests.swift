import Foundation
import KhoNative
import Testing

@Suite struct XMLTextReaderTests {
    /// Names compared in libxml2's buffer match exactly: not a prefix, not a longer name, whatever
    /// the namespace prefix.
    @Test func localNamesComparedAsBytes() {
        var bytes = Array(#"<x:row xmlns:x="urn:x"><x:c/><col/><cc/><r/></x:row>"#.utf8)
        let reader = XMLTextReader(documentName: "t.xml") { buffer in
            let count = min(buffer.count, bytes.count)
            buffer.copyBytes(from: bytes.prefix(count))
            bytes.removeFirst(count)
            return count
        }
        var seen: [String] = []
        while reader.read() {
            guard reader.kind == .element else { continue }
            seen.append([reader.localNameIs("row"), reader.localNameIs("c"), reader.localNameIs("col"), reader.localNameIs("")]
                .map { $0 ? "1" : "0" }.joined())
        }
        #expect(seen == ["1000", "0100", "0010", "0000", "0000"])
    }
}
