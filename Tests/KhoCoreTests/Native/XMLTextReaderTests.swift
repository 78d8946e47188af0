import Foundation
import KhoNative
import Testing

@Suite struct XMLTextReaderTests {
    static func reader(_ text: String) -> XMLTextReader {
        var bytes = Array(text.utf8)
        return XMLTextReader(documentName: "t.xml") { buffer in
            let count = min(buffer.count, bytes.count)
            buffer.copyBytes(from: bytes.prefix(count))
            bytes.removeFirst(count)
            return count
        }
    }

    /// Every attribute once, as bytes, namespace declarations left out; the reader stays on the
    /// element, so what follows reads as before.
    @Test func attributesHandedOverAsBytes() {
        let reader = Self.reader(#"<c xmlns:r="urn:r" r="B12" t="s" r:id="rId1" s="" x="é"><v>7</v></c>"#)
        #expect(reader.read())
        var seen: [String] = []
        reader.forEachAttribute { name, value in
            seen.append(String(decoding: name, as: UTF8.self) + "=" + String(decoding: value, as: UTF8.self))
        }
        #expect(seen == ["r=B12", "t=s", "id=rId1", "s=", "x=é"])
        #expect(reader.kind == .element && reader.localNameIs("c"))
        #expect(reader.read() && reader.localNameIs("v"))
        let bare = Self.reader("<c/>")
        #expect(bare.read())
        var count = 0
        bare.forEachAttribute { _, _ in count += 1 }
        #expect(count == 0)
    }

    /// Names compared in libxml2's buffer match exactly: not a prefix, not a longer name, whatever
    /// the namespace prefix.
    @Test func localNamesComparedAsBytes() {
        let reader = Self.reader(#"<x:row xmlns:x="urn:x"><x:c/><col/><cc/><r/></x:row>"#)
        var seen: [String] = []
        while reader.read() {
            guard reader.kind == .element else { continue }
            seen.append([reader.localNameIs("row"), reader.localNameIs("c"), reader.localNameIs("col"), reader.localNameIs("")]
                .map { $0 ? "1" : "0" }.joined())
        }
        #expect(seen == ["1000", "0100", "0010", "0000", "0000"])
    }

    /// A byte invalid in the declared encoding reaches libxml2's thread handler, not the reader's:
    /// it is this reader's problem even when another reader was read in the middle of its block.
    @Test func anotherReaderInsideTheBlockLeavesTheHandlerInPlace() throws {
        let bytes = Array(try Data(contentsOf: TestSupport.fixture("fuzz-encoding-error.xml")))
        func outer() -> XMLTextReader {
            var rest = bytes
            return XMLTextReader(documentName: "fuzz-encoding-error.xml") { buffer in
                let count = min(buffer.count, rest.count, 16)
                buffer.copyBytes(from: rest.prefix(count))
                rest.removeFirst(count)
                return count
            }
        }
        let alone = outer()
        alone.catchingThreadErrors { while alone.read() {} }
        let expected = alone.problems.map(\.message)
        #expect(!expected.isEmpty)

        let reader = outer()
        reader.catchingThreadErrors {
            #expect(reader.read())
            let inner = Self.reader("<a><b/></a>")
            while inner.read() {}
            while reader.read() {}
        }
        #expect(reader.problems.map(\.message) == expected)
    }
}
