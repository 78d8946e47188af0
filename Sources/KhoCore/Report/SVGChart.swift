/// The report charts as inline SVG: no script, no external file, readable in print. Each chart has
/// a `<title>` for screen readers and a `<title>` per mark, which browsers show on hover.
/// Coordinates are written with one decimal, the same on every machine.
enum SVGChart {
    /// One horizontal bar: a label, a share in 0…1, the text shown after the bar and its tooltip.
    struct Bar {
        var label: String
        var ratio: Double
        var text: String
        var tip: String
    }

    /// A point of a line chart. `day` places it on the time axis (days since 1970-01-01).
    struct Point {
        var day: Int
        var value: Double
        var axisLabel: String
        var tip: String
    }

    /// One column of a column chart; nil `value` leaves the slot empty (no run that month).
    struct Column {
        var label: String
        var value: Double?
        var text: String
        var tip: String
    }

    // MARK: - Horizontal bars (completeness per field)

    static func bars(_ bars: [Bar], title: String) -> String {
        guard !bars.isEmpty else { return "" }
        let rowHeight = 20.0, barWidth = 240.0, textWidth = 58.0
        // No script means no text measuring: size the label column from the longest label.
        let longest = Double(bars.map(\.label.count).max() ?? 0)
        let labelWidth = min(max(longest * 7.4 + 14, 80), 240)
        let width = labelWidth + barWidth + textWidth, height = Double(bars.count) * rowHeight + 6
        var svg = open(width: width, height: height, title: title)
        for (index, bar) in bars.enumerated() {
            let y = 3 + Double(index) * rowHeight
            let ratio = min(max(bar.ratio.isFinite ? bar.ratio : 0, 0), 1)
            svg += "<g><title>\(HTML.escape(bar.tip))</title>"
            svg += "<text class=\"mono\" x=\"2\" y=\"\(c(y + 14))\" font-size=\"11.5\">\(HTML.escape(bar.label))</text>"
            svg += "<rect x=\"\(c(labelWidth))\" y=\"\(c(y + 4))\" width=\"\(c(barWidth))\" height=\"12\" rx=\"2\" fill=\"#e8ecf1\"/>"
            svg += "<rect x=\"\(c(labelWidth))\" y=\"\(c(y + 4))\" width=\"\(c(barWidth * ratio))\" height=\"12\" rx=\"2\" fill=\"\(ratio < 1 ? "#3b7dd8" : "#1f5fa8")\"/>"
            svg += "<text x=\"\(c(labelWidth + barWidth + 6))\" y=\"\(c(y + 14))\" font-size=\"11.5\">\(HTML.escape(bar.text))</text></g>\n"
        }
        return svg + "</svg>"
    }

    // MARK: - Line over time (overall score per run)

    static func line(_ points: [Point], title: String, language: Language) -> String {
        guard let firstDay = points.map(\.day).min(), let lastDay = points.map(\.day).max() else { return "" }
        let width = 540.0, height = 210.0, left = 40.0, right = 24.0, top = 14.0, bottom = 34.0, inset = 12.0
        let plotWidth = width - left - right - 2 * inset, plotHeight = height - top - bottom
        let lower = lowerBound(points.map(\.value))
        func x(_ day: Int) -> Double {
            // Points sit `inset` inside the grid, clear of the axis labels.
            lastDay == firstDay ? left + inset + plotWidth / 2 : left + inset + Double(day - firstDay) / Double(lastDay - firstDay) * plotWidth
        }
        func y(_ value: Double) -> Double { top + (100 - min(max(value, lower), 100)) / (100 - lower) * plotHeight }

        var svg = open(width: width, height: height, title: title)
        svg += grid(lower: lower, left: left, right: width - right, y: y, language: language)
        if points.count > 1 {
            let path = points.map { "\(c(x($0.day))),\(c(y($0.value)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
        }
        for (index, point) in points.enumerated() {
            let last = index == points.count - 1
            svg += "<circle cx=\"\(c(x(point.day)))\" cy=\"\(c(y(point.value)))\" r=\"\(last ? "5" : "3.5")\" "
                + "fill=\"\(last ? HTML.colour(HTML.band(point.value)) : "#1f5fa8")\" stroke=\"#fff\" stroke-width=\"1.5\">"
                + "<title>\(HTML.escape(point.tip))</title></circle>\n"
        }
        if let last = points.last {
            let labelY = y(last.value) - 9 < top + 4 ? y(last.value) + 18 : y(last.value) - 9
            svg += "<text x=\"\(c(x(last.day)))\" y=\"\(c(labelY))\" text-anchor=\"\(points.count > 1 ? "end" : "middle")\" "
                + "font-size=\"11.5\" font-weight=\"600\"\(halo)>\(HTML.escape(HTML.decimal(last.value, language)))</text>\n"
        }
        // Axis labels: first and last run, and the middle one when there is room for it.
        var labelled = [0]
        if points.count > 1 { labelled.append(points.count - 1) }
        if points.count > 4 {
            let middle = points.count / 2
            let gap = min(x(points[middle].day) - x(points[0].day), x(points[points.count - 1].day) - x(points[middle].day))
            if gap > 70 { labelled.insert(middle, at: 1) }
        }
        for index in labelled {
            svg += "<text class=\"axis\" x=\"\(c(x(points[index].day)))\" y=\"\(c(height - bottom + 18))\" text-anchor=\"middle\">"
                + "\(HTML.escape(points[index].axisLabel))</text>\n"
        }
        return svg + "</svg>"
    }

    // MARK: - Columns per slot (monthly mean score)

    static func columns(_ columns: [Column], title: String, language: Language) -> String {
        guard !columns.isEmpty else { return "" }
        let width = 540.0, height = 200.0, left = 40.0, right = 10.0, top = 18.0, bottom = 28.0
        let plotHeight = height - top - bottom
        let slot = (width - left - right) / Double(columns.count)
        let lower = lowerBound(columns.compactMap(\.value))
        func y(_ value: Double) -> Double { top + (100 - min(max(value, lower), 100)) / (100 - lower) * plotHeight }

        var svg = open(width: width, height: height, title: title)
        svg += grid(lower: lower, left: left, right: width - right, y: y, language: language)
        for (index, column) in columns.enumerated() {
            let centre = left + slot * (Double(index) + 0.5)
            if let value = column.value {
                let barWidth = slot * 0.62, topY = y(value)
                svg += "<g><title>\(HTML.escape(column.tip))</title>"
                svg += "<rect x=\"\(c(centre - barWidth / 2))\" y=\"\(c(topY))\" width=\"\(c(barWidth))\" height=\"\(c(y(lower) - topY))\" "
                    + "fill=\"\(HTML.colour(HTML.band(value)))\" opacity=\"0.85\"/>"
                svg += "<text x=\"\(c(centre))\" y=\"\(c(topY - 4))\" text-anchor=\"middle\" font-size=\"10\"\(halo)>\(HTML.escape(column.text))</text></g>\n"
            } else {
                svg += "<text class=\"axis\" x=\"\(c(centre))\" y=\"\(c(y(lower) - 4))\" text-anchor=\"middle\">–</text>\n"
            }
            svg += "<text class=\"axis\" x=\"\(c(centre))\" y=\"\(c(height - bottom + 16))\" text-anchor=\"middle\">\(HTML.escape(column.label))</text>\n"
        }
        return svg + "</svg>"
    }

    // MARK: - Shared parts

    /// A white outline behind a value label, so it stays readable where it crosses a grid line.
    static let halo = " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\""

    private static func open(width: Double, height: Double, title: String) -> String {
        // Inline SVG in HTML needs no namespace; leaving it out keeps every page free of any URL.
        "<svg width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" "
            + "role=\"img\"><title>\(HTML.escape(title))</title>\n"
    }

    /// Horizontal lines at round scores, the grade thresholds dashed in their grade's colour.
    private static func grid(lower: Double, left: Double, right: Double, y: (Double) -> Double, language: Language) -> String {
        var ticks = [0.0, 25, 50, 75, 90, 100].filter { $0 >= lower }
        if ticks.first != lower { ticks.insert(lower, at: 0) }
        var svg = ""
        for tick in ticks {
            let threshold: Grade? = tick == QualityScore.gradeA ? .a : tick == QualityScore.gradeB ? .b : nil
            let stroke = threshold.map(HTML.colour) ?? "#d9dee6"
            let dash = threshold == nil ? "" : " stroke-dasharray=\"4 3\""
            svg += "<line x1=\"\(c(left))\" y1=\"\(c(y(tick)))\" x2=\"\(c(right))\" y2=\"\(c(y(tick)))\" stroke=\"\(stroke)\" stroke-width=\"1\"\(dash)/>"
            svg += "<text class=\"axis\" x=\"\(c(left - 6))\" y=\"\(c(y(tick) + 3.5))\" text-anchor=\"end\">"
                + "\(HTML.escape(String(Int(tick))))\(threshold.map { " " + $0.rawValue } ?? "")</text>\n"
        }
        return svg
    }

    /// Where the score axis starts: 50 when every score is above 55 (differences stay visible),
    /// else the round ten below the lowest score.
    static func lowerBound(_ values: [Double]) -> Double {
        guard let lowest = values.min(), lowest.isFinite else { return 50 }
        if lowest >= 55 { return 50 }
        return max(0, ((lowest - 5) / 10).rounded(.down) * 10)
    }

    /// A coordinate with one decimal and a dot, whatever the locale.
    static func c(_ value: Double) -> String {
        let tenths = Int(((value.isFinite ? value : 0) * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? sign + String(magnitude / 10) : sign + String(magnitude / 10) + "." + String(magnitude % 10)
    }
}
