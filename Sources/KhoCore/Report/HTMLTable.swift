/// A report table that leaves out every column empty on all its rows: a column of dashes tells a
/// reader nothing and pushes the columns that do off a printed page.
struct HTMLTable {
    struct Column {
        var heading: String
        var className: String?
        var tip: String?

        init(_ heading: String, _ className: String? = nil, tip: String? = nil) {
            self.heading = heading
            self.className = className
            self.tip = tip
        }
    }

    struct Cell {
        /// Markup, already escaped.
        var html: String
        var className: String?
        var isEmpty: Bool

        /// Text (escaped); `""` and the dash that stands for nothing count as empty.
        static func text(_ text: String, _ className: String? = nil) -> Cell {
            Cell(html: HTML.escape(text), className: className, isEmpty: text.isEmpty || text == HTML.nothing)
        }

        static func markup(_ html: String, _ className: String? = nil) -> Cell {
            Cell(html: html, className: className, isEmpty: html.isEmpty)
        }
    }

    private enum Row {
        case cells([Cell], className: String?)
        /// Markup under a row, spanning every column but the first.
        case detail(String)
    }

    let className: String?
    let columns: [Column]
    private var rows: [Row] = []

    init(className: String? = nil, columns: [Column]) {
        self.className = className
        self.columns = columns
    }

    mutating func add(_ cells: [Cell], className: String? = nil) {
        precondition(cells.count == columns.count, "a row needs one cell per column")
        rows.append(.cells(cells, className: className))
    }

    mutating func addDetail(_ html: String) { rows.append(.detail(html)) }

    var html: String {
        let kept = columns.indices.filter { index in
            rows.contains { if case .cells(let cells, _) = $0 { !cells[index].isEmpty } else { false } }
        }
        var html = "<table\(Self.attribute("class", className))><thead><tr>"
        for index in kept {
            let column = columns[index]
            html += "<th\(Self.attribute("class", column.className))\(Self.attribute("title", column.tip.map(HTML.escape)))>"
            html += "\(HTML.escape(column.heading))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            switch row {
            case .cells(let cells, let className):
                html += "<tr\(Self.attribute("class", className))>"
                for index in kept { html += "<td\(Self.attribute("class", cells[index].className))>\(cells[index].html)</td>" }
                html += "</tr>\n"
            case .detail(let markup):
                html += "<tr class=\"examples\"><td></td><td colspan=\"\(max(kept.count - 1, 1))\">\(markup)</td></tr>\n"
            }
        }
        return html + "</tbody></table>\n"
    }

    private static func attribute(_ name: String, _ value: String?) -> String {
        value.map { " \(name)=\"\($0)\"" } ?? ""
    }
}
