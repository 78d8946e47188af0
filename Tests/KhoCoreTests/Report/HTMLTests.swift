import Testing
@testable import KhoCore

@Suite struct HTMLTests {
    @Test func escapesTheFiveCharacters() {
        #expect(HTML.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTML.escape("Nguyễn Thị Hoa") == "Nguyễn Thị Hoa")
        #expect(HTML.escape("&amp;") == "&amp;amp;")
    }

    @Test func controlCharactersBecomeReplacementCharacters() {
        #expect(HTML.escape("a\u{0}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    }

    @Test func numbersFollowTheLanguage() {
        #expect(HTML.number(1_234_567, .vi) == "1.234.567")
        #expect(HTML.number(1_234_567, .en) == "1,234,567")
        #expect(HTML.number(999, .vi) == "999")
        #expect(HTML.decimal(81.45, .vi) == "81,5")
        #expect(HTML.decimal(100, .en) == "100.0")
        #expect(HTML.percent(0.984, .vi) == "98,4%")
        #expect(HTML.date("2026-11-29", .vi) == "29/11/2026")
        #expect(HTML.date("2026-11-29", .en) == "2026-11-29")
    }

    @Test func anchorsAreASCII() {
        #expect(HTML.anchor("q", "ubnd-dak-ha", "ho-ngheo") == "q--ubnd-dak-ha--ho-ngheo")
        #expect(HTML.anchor("đ k") == "_111_20k")
    }

    @Test func svgLabelsAreEscaped() {
        let bars = SVGChart.bars([.init(label: "<f>&'\"", ratio: 0.5, text: "50%", tip: "<tip>")], title: "<title>")
        #expect(bars.contains("&lt;f&gt;&amp;&#39;&quot;"))
        #expect(bars.contains("&lt;tip&gt;"))
        #expect(bars.contains("<title>&lt;title&gt;</title>"))
        #expect(!bars.contains("<f>"))
        let line = SVGChart.line([.init(day: 1, value: 80, axisLabel: "<x>", tip: "'t'")], title: "a & b", language: .vi)
        #expect(line.contains("&lt;x&gt;") && line.contains("&#39;t&#39;") && line.contains("a &amp; b"))
        let columns = SVGChart.columns([.init(label: "<m>", value: 70, text: "<v>", tip: "\"")], title: "t", language: .en)
        #expect(columns.contains("&lt;m&gt;") && columns.contains("&lt;v&gt;") && columns.contains("&quot;"))
    }

    @Test func scoreAxisStartsLowOnlyWhenNeeded() {
        #expect(SVGChart.lowerBound([81, 99]) == 50)
        #expect(SVGChart.lowerBound([42]) == 30)
        #expect(SVGChart.lowerBound([3]) == 0)
        #expect(SVGChart.c(12.34) == "12.3")
        #expect(SVGChart.c(40) == "40")
    }
}
