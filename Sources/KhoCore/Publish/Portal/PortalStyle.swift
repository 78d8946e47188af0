/// The portal's style sheet, built from one palette so that a test can hold every pair of text
/// and background colours to the contrast WCAG asks of body text (4.5:1). Readable at 360 px: one
/// column, tables that scroll inside their own box, long hashes that wrap.
enum PortalStyle {
    static let ink = "#1d2330"
    static let muted = "#4f5866"
    static let line = "#c9d0da"
    static let soft = "#f1f4f8"
    static let accent = "#1a56a0"
    static let band = "#0f3d73"
    static let white = "#ffffff"
    static let noticeInk = "#5c3800"
    static let noticeBackground = "#fff4e0"

    /// Every text colour on the background it is shown on, badges included.
    static let textPairs: [(name: String, text: String, background: String)] = [
        ("body", ink, white), ("muted", muted, white), ("link", accent, white), ("table heading", ink, soft),
        ("link on table heading", accent, soft), ("muted on table heading", muted, soft),
        ("header", white, band), ("notice", noticeInk, noticeBackground),
        ("grade A", white, HTML.colour(.a)), ("grade B", white, HTML.colour(.b)), ("grade C", white, HTML.colour(.c)),
    ]

    static let css = """
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: \(ink); background: \(white); font: 16px/1.5 "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: break-word; }
    .wrap { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
    a { color: \(accent); text-decoration: underline; }
    a:focus-visible, input:focus-visible, select:focus-visible, .scroll:focus-visible { outline: 3px solid \(band); outline-offset: 2px; }
    .skip { position: absolute; left: -10000px; top: 0; }
    .skip:focus { left: 8px; top: 8px; z-index: 2; background: \(white); color: \(accent); padding: 6px 10px; }
    header.site { background: \(band); color: \(white); }
    header.site .wrap { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 16px; padding-top: 10px; padding-bottom: 10px; }
    header.site p { margin: 0; }
    header.site a { color: \(white); }
    .brand a { font-weight: 700; font-size: 18px; text-decoration: none; }
    .brand .by { display: block; font-size: 14px; }
    main { padding-top: 16px; padding-bottom: 32px; }
    h1 { font-size: 26px; line-height: 1.25; margin: 12px 0 8px; }
    h2 { font-size: 21px; margin: 32px 0 10px; padding-top: 12px; border-top: 2px solid \(line); }
    h3 { font-size: 17px; margin: 18px 0 6px; }
    p { margin: 8px 0; }
    .lead { font-size: 17px; }
    .muted, footer { color: \(muted); }
    footer { border-top: 1px solid \(line); padding-top: 8px; padding-bottom: 24px; font-size: 14px; }
    code, .mono { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; font-size: 14px; }
    nav.crumbs { margin-top: 4px; }
    nav.crumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; font-size: 14px; }
    nav.crumbs li + li::before { content: "›"; margin-right: 4px; color: \(muted); }
    ul.datasets { list-style: none; margin: 0; padding: 0; }
    ul.datasets > li { border: 1px solid \(line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
    ul.datasets h3 { margin: 2px 0 4px; }
    ul.datasets p { margin: 4px 0; }
    .meta { font-size: 14px; color: \(muted); }
    form.filter { display: grid; grid-template-columns: 2fr 1fr 1fr; gap: 10px; margin: 8px 0 4px; }
    form.filter label { display: block; font-weight: 600; font-size: 14px; }
    form.filter .status { grid-column: 1 / -1; margin: 0; }
    input, select { font: inherit; width: 100%; padding: 6px 8px; border: 1px solid \(muted); border-radius: 4px; background: \(white); color: \(ink); }
    dl.facts { display: grid; grid-template-columns: minmax(150px, 240px) 1fr; gap: 6px 18px; margin: 8px 0; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    dl.facts ul { margin: 0; padding-left: 18px; }
    .notice { border-left: 5px solid \(HTML.colour(.b)); background: \(noticeBackground); color: \(noticeInk); padding: 8px 12px; margin: 12px 0; }
    .scroll { overflow-x: auto; max-width: 100%; }
    table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 14px; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; max-width: calc(100vw - 32px); }
    th, td { padding: 6px 8px; border-bottom: 1px solid \(line); text-align: left; vertical-align: top; }
    th { background: \(soft); font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.hash { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; font-size: 13px; word-break: break-all; min-width: 12em; }
    .badge { display: inline-block; min-width: 28px; padding: 1px 8px; border-radius: 12px; color: \(white); font-weight: 700; text-align: center; }
    .grade-a { background: \(HTML.colour(.a)); } .grade-b { background: \(HTML.colour(.b)); } .grade-c { background: \(HTML.colour(.c)); }
    blockquote.citation { margin: 8px 0; padding: 8px 12px; background: \(soft); border-left: 4px solid \(accent); }
    figure { margin: 8px 0; }
    figcaption { font-weight: 600; font-size: 14px; }
    svg { max-width: 100%; height: auto; }
    svg text { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; fill: \(ink); }
    svg text.axis { fill: \(muted); font-size: 10.5px; }
    .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
    .columns ul { padding-left: 20px; }
    @media (max-width: 640px) {
      form.filter, dl.facts, .columns { grid-template-columns: 1fr; }
      dl.facts dd { margin-bottom: 8px; }
      table.stack thead { position: absolute; left: -10000px; }
      table.stack caption { display: block; max-width: none; }
      table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th[scope=row] { display: block; width: 100%; }
      table.stack tr { border-bottom: 1px solid \(line); padding: 6px 0; }
      table.stack td, table.stack th[scope=row] { border: 0; padding: 2px 0; text-align: left; background: none; }
      table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; }
      h1 { font-size: 22px; }
      h2 { font-size: 19px; }
    }
    @media print { header.site, .skip, form.filter { display: none; } a { color: \(ink); } }
    """
}
