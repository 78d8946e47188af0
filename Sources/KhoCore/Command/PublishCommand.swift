/// `kdl-publish`: the open-data portal `portal/` from the open bundles on disk (see `PortalSite`).
/// `kdl-run` does the same after bundling; this rebuilds it alone, after a `kdl-bundle` or with
/// `kdl-run --no-portal`.
public enum PublishCommand: CommandDefinition {
    public static let name = "publish"
    public static let summary = Message(
        vi: "Dựng cổng dữ liệu mở tĩnh out/portal/ từ các gói dữ liệu mở: trang chủ, trang từng bộ dữ liệu (tiếng Việt và tiếng Anh), tệp tải xuống, catalog.jsonld, sitemap.xml, robots.txt.",
        en: "Build the static open-data portal out/portal/ from the open bundles: home page, a page per dataset (Vietnamese and English), downloads, catalog.jsonld, sitemap.xml, robots.txt.")
    public static let flags: [CommandFlag] = []
    public static let examples = ["swift run kdl-publish", "swift run kdl-publish --out /srv/kho/out --as-of 2026-11-29"]

    public static func execute(_ setup: StageSetup, _ run: CommandRun) throws -> ExitCode {
        let outcome = try PortalSite.write(config: setup.config, workspace: setup.workspace, asOf: setup.options.asOf)
        run.summary.portal(outcome)
        return outcome.datasets.isEmpty ? .noInput : .ok
    }
}
