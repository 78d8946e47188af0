/// The pieces every HTML report shares: escaping, numbers and dates written the same way on every
/// machine (no locale, no clock), the page shell with its inline style, and the grade badge.
///
/// Every piece of text that reaches a page goes through `escape`, SVG labels included: values come
/// from units' exports and may hold anything.
public enum HTML {
    /// Text safe inside an element or a quoted attribute, in HTML and in inline SVG. Control
    /// characters (which HTML forbids and a NUL-ridden export may carry) become U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out.append("\u{FFFD}")
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// An `id` attribute value from ids: ASCII letters, digits and `-` kept, anything else written
    /// `_` and its hex code, so links work and two different ids never meet. Parts joined by `--`.
    static func anchor(_ parts: String...) -> String {
        parts.map { part in
            var out = ""
            for scalar in part.unicodeScalars {
                let plain = scalar == "-" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                if plain { out.unicodeScalars.append(scalar) } else { out += "_" + String(scalar.value, radix: 16) }
            }
            return out
        }.joined(separator: "--")
    }

    // MARK: - Numbers and dates

    /// An integer with thousands grouped: `12.345` in Vietnamese, `12,345` in English.
    static func number(_ value: Int, _ language: Language) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(language == .vi ? "." : ",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// One decimal, rounded half away from zero: `81,5` in Vietnamese, `81.5` in English.
    static func decimal(_ value: Double, _ language: Language) -> String {
        guard value.isFinite else { return "–" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return sign + number(abs(tenths) / 10, language) + (language == .vi ? "," : ".") + String(abs(tenths) % 10)
    }

    /// A weight with up to three decimals and no trailing zero: `0,1` in Vietnamese, `0.25` in English, `1`.
    static func share(_ value: Double, _ language: Language) -> String {
        let thousandths = Int((value * 1000).rounded())
        let whole = number(abs(thousandths) / 1000, language)
        var fraction = String(abs(thousandths) % 1000)
        guard fraction != "0" else { return (thousandths < 0 ? "-" : "") + whole }
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (thousandths < 0 ? "-" : "") + whole + (language == .vi ? "," : ".") + fraction
    }

    /// A ratio in 0…1 as a percentage with one decimal.
    static func percent(_ ratio: Double, _ language: Language) -> String {
        decimal(ratio * 100, language) + "%"
    }

    /// A `YYYY-MM-DD` date as people read it: `29/11/2026` in Vietnamese, unchanged in English.
    /// Anything that is not such a date is shown as it is.
    static func date(_ iso: String, _ language: Language) -> String {
        guard language == .vi, let date = CivilDate(iso: iso) else { return iso }
        return twoDigits(date.day) + "/" + twoDigits(date.month) + "/" + String(date.year)
    }

    /// `29/11` or `11-29`: a date on a chart axis.
    static func shortDate(_ iso: String, _ language: Language) -> String {
        guard let date = CivilDate(iso: iso) else { return iso }
        return language == .vi ? twoDigits(date.day) + "/" + twoDigits(date.month) : twoDigits(date.month) + "-" + twoDigits(date.day)
    }

    /// What a cell shows when it has nothing to say.
    static let nothing = "–"

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    // MARK: - Page pieces

    /// The colour of a grade, shared by badges and charts.
    static func colour(_ grade: Grade) -> String {
        switch grade {
        case .a: "#1e7b3a"
        case .b: "#a86400"
        case .c: "#b42318"
        }
    }

    /// The grade band a score falls in, for colouring charts the way badges are coloured.
    static func band(_ score: Double) -> Grade {
        score >= QualityScore.gradeA ? .a : score >= QualityScore.gradeB ? .b : .c
    }

    /// A coloured grade letter.
    static func badge(_ grade: Grade, title: String? = nil) -> String {
        let tip = title.map { " title=\"\(escape($0))\"" } ?? ""
        return "<span class=\"badge grade-\(grade.rawValue.lowercased())\"\(tip)>\(escape(grade.rawValue))</span>"
    }

    /// A table cell holding text (escaped), with an optional class.
    static func cell(_ text: String, _ className: String? = nil) -> String {
        "<td\(className.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</td>"
    }

    /// A whole HTML5 document: inline style, no script, and a content security policy that lets
    /// the page load nothing at all, so it opens the same offline, from a mail, or from a portal.
    static func page(title: String, language: Language, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    private static let style = """
    :root { --ink: #1d2330; --muted: #5b6472; --line: #d9dee6; --soft: #f4f6f9; --accent: #1f5fa8; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1200px; padding: 24px 28px 48px; color: var(--ink); background: #fff;
      font: 14px/1.45 "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    h1 { font-size: 24px; margin: 0 0 4px; }
    h2 { font-size: 19px; margin: 32px 0 8px; padding-top: 12px; border-top: 2px solid var(--line); }
    h3 { font-size: 15px; margin: 18px 0 6px; }
    p { margin: 6px 0; }
    .subtitle, .meta, .note, footer { color: var(--muted); }
    .note { font-size: 12.5px; }
    footer { margin-top: 40px; font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    code, .mono { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; font-size: 12.5px; }
    table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
    th, td { padding: 5px 7px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    th { background: var(--soft); font-weight: 600; font-size: 12.5px; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .nowrap { white-space: nowrap; }
    tr.examples td { background: #fbfcfd; padding-top: 2px; }
    table.summary td, table.summary th { font-size: 13px; }
    .badge { display: inline-block; min-width: 24px; padding: 1px 7px; border-radius: 12px; color: #fff;
      font-weight: 700; text-align: center; font-size: 13px; }
    .grade-a { background: #1e7b3a; } .grade-b { background: #a86400; } .grade-c { background: #b42318; }
    .flag { display: inline-block; padding: 1px 7px; border-radius: 4px; font-size: 12px; margin: 1px 4px 1px 0; }
    .flag.bad { background: #fde8e6; color: #8a1c12; } .flag.ok { background: #e6f4ea; color: #1e5c31; }
    .flag.warn { background: #fff4e0; color: #7a4a00; }
    .sev-error { color: #b42318; font-weight: 600; } .sev-warning { color: #a86400; font-weight: 600; }
    .sev-info { color: var(--muted); }
    td.sev-error, td.sev-warning, td.sev-info, table.checks td:first-child code { white-space: nowrap; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(118px, 1fr)); gap: 8px; margin: 8px 0; }
    .card { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; display: flex; flex-direction: column;
      justify-content: space-between; }
    .card .k { font-size: 11.5px; color: var(--muted); } .card .v { font-size: 17px; font-weight: 600; }
    ul.examples { list-style: none; margin: 0; padding: 0; }
    ul.habits { margin: 4px 0 8px; padding-left: 20px; }
    ul.examples li { margin: 1px 0; }
    .value { background: var(--soft); border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; }
    .charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
    figure { margin: 8px 0; }
    .charts > figure.grow { flex: 1 1 420px; min-width: 0; }
    figcaption { font-size: 12.5px; font-weight: 600; margin-bottom: 4px; }
    svg { max-width: 100%; height: auto; }
    svg text { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; fill: var(--ink); }
    svg text.mono { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; }
    svg text.axis { fill: var(--muted); font-size: 10.5px; }
    nav ul { columns: 2; margin: 4px 0; padding-left: 18px; }
    figure, tr, .cards { break-inside: avoid; }
    @media print { body { padding: 0; max-width: none; } h2 { break-before: auto; } a { color: var(--ink); } }
    """
}
