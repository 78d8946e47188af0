/// Every URI the catalogs mint, in one place, all under the configured base URL so that they are
/// absolute and the province owns them. They name things, not files, and stay the same from one
/// night to the next, so a harvester updates its records instead of adding new ones:
///
/// - catalogs: `<base>open/catalog.jsonld#catalog`, `<shared base>shared/catalog.jsonld#catalog`;
/// - datasets: `<base>id/dataset/<id>` (open), `<base>id/dataset/<id>/shared` (shared);
/// - their bundles: `<base>id/dataset/<id>/distribution` and `…/shared/distribution`, whose download
///   URLs are the newest bundles (`<base>open/<id>/<id>_<as-of>.zip`);
/// - sharing services: `<base>id/service/<id>`;
/// - administrative units: `<unit base><list>/<code>` for a code row with no start date, and
///   `<unit base><list>/<code>/<valid_from>` for one that starts on a date — codes were reused on
///   2025-07-01 (23425 was Xã Đắk Hà, then Xã Tu Mơ Rông), so the code alone does not name one unit;
///   the unit base is `<base>id/dvhc/` unless configured;
/// - licences without an address of their own: `<catalog document>#license`.
struct CatalogURIs {
    let settings: PublicationSettings

    var base: String { settings.baseURL }

    var openCatalogDocument: String { base + "open/catalog.jsonld" }
    var sharedCatalogDocument: String { settings.sharedBase + "shared/catalog.jsonld" }

    func dataset(_ id: String, side: BundleSide) -> String {
        base + "id/dataset/\(id)" + (side == .shared ? "/shared" : "")
    }

    func distribution(_ id: String, side: BundleSide) -> String { dataset(id, side: side) + "/distribution" }

    func service(_ id: String) -> String { base + "id/service/\(id)" }

    /// Where a bundle file is downloaded from: open ones from the public base, shared ones from
    /// the address state agencies use.
    func download(_ side: BundleSide, _ id: String, file: String) -> String {
        (side == .open ? base : settings.sharedBase) + "\(side.rawValue)/\(id)/\(file)"
    }

    /// The folder of a dataset's shared bundles: the endpoint of a packaged-data service.
    func sharedFolder(_ id: String) -> String { settings.sharedBase + "shared/\(id)/" }

    func administrativeUnit(_ entry: CodeList.Entry, list: String) -> String {
        settings.adminUnitBase + "\(list)/\(entry.code)" + (entry.validFrom.map { "/\($0)" } ?? "")
    }

    /// The measures of quality the open catalog states (DQV): the overall score and the grade.
    func metric(_ name: String) -> String { base + "id/metric/\(name)" }
}
