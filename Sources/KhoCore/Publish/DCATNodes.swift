/// The nodes both catalogs describe their datasets and services with, typed as the DCAT-AP 3.0.1
/// shapes require: a shape checks `sh:class` against the node's own `@type` (no inference), so
/// even an EU vocabulary IRI carries its type here (a frequency is a `dct:Frequency`, a theme a
/// `skos:Concept` with its label).
enum DCATNodes {
    // MARK: - Agents and contacts

    /// The publisher in force on the as-of date, as a `foaf:Agent`.
    static func publisher(_ organization: Organization) -> JSONLD {
        var properties: [String: JSONLD] = ["foaf:name": .text(organization.name, "vi")]
        properties.set("dct:identifier", organization.agencyCode.map(JSONLD.string))
        properties.set("foaf:homepage", organization.homepage.map { .node("foaf:Document", id: $0, [:]) })
        return .node("foaf:Agent", id: "_:publisher", properties)
    }

    /// A body named by text only (a sharing service's owner).
    static func agent(named name: String, label: String) -> JSONLD {
        .node("foaf:Agent", id: "_:\(label)", ["foaf:name": .text(name, "vi")])
    }

    /// A unit as named on the as-of date.
    static func unit(_ id: String, name: String, agencyCode: String?) -> JSONLD {
        var properties: [String: JSONLD] = ["foaf:name": .text(name, "vi")]
        properties.set("dct:identifier", agencyCode.map(JSONLD.string))
        return .node("foaf:Agent", id: "_:unit-\(id)", properties)
    }

    /// A unit's focal point as a vCard. The open side names the office — position and unit — and
    /// never the person: the name is personal data, and the catalog is read by anyone.
    static func contactPoint(_ point: FocalPoint, unit: String, unitName: String, side: BundleSide) -> JSONLD {
        var properties: [String: JSONLD] = [
            "vcard:fn": .text(side == .open ? "\(point.position) — \(unitName)" : point.name, "vi"),
            "vcard:organization-name": .text(unitName, "vi"),
            "vcard:hasEmail": .id(point.mailtoURI),
            "vcard:hasTelephone": .id(point.telURI),
        ]
        if side == .shared { properties["vcard:title"] = .text(point.position, "vi") }
        return .node("vcard:Kind", id: "_:contact-\(side.rawValue)-\(unit)", properties)
    }

    // MARK: - Vocabularies

    static func frequency(_ code: String) -> JSONLD {
        .node("dct:Frequency", id: EUVocabulary.frequencyURI(code),
              ["skos:prefLabel": .text(EUVocabulary.frequencies[code] ?? code.lowercased(), "en")])
    }

    static func theme(_ code: String) -> JSONLD {
        .node("skos:Concept", id: EUVocabulary.themeURI(code),
              ["skos:prefLabel": .text(EUVocabulary.themes[code] ?? code, "en"), "skos:inScheme": .id(EUVocabulary.themeScheme)])
    }

    static let themeTaxonomy = JSONLD.node("skos:ConceptScheme", id: EUVocabulary.themeScheme, ["dct:title": .text("Data theme", "en")])

    static let vietnamese = JSONLD.node("dct:LinguisticSystem", id: EUVocabulary.languageURI("VIE"), [:])

    /// EU access-rights table: open data, or data shared under restrictions.
    static func accessRights(_ side: BundleSide) -> JSONLD {
        let code = side == .open ? "PUBLIC" : "RESTRICTED"
        return .node("dct:RightsStatement", id: "http://publications.europa.eu/resource/authority/access-rights/\(code)",
                     ["skos:prefLabel": .text(side == .open ? "public" : "restricted", "en")])
    }

    /// The licence: its configured address, or its description at `fallback` (no named open
    /// licence applies; the title states the legal basis).
    static func license(_ license: LegalTexts.License, terms: Message, fallback: String) -> JSONLD {
        .node("dct:LicenseDocument", id: license.uri ?? fallback,
              ["dct:title": .text(license.title, "vi"), "rdfs:label": .texts(terms)])
    }

    /// The terms of use, in both languages.
    static func rights(_ terms: Message) -> JSONLD {
        .node("dct:RightsStatement", ["rdfs:label": .texts(terms)])
    }

    // MARK: - Coverage

    /// The period between the oldest and the newest record date, when both are known.
    static func period(from oldest: String?, to newest: String?) -> JSONLD? {
        guard let oldest, let newest else { return nil }
        return .node("dct:PeriodOfTime", ["dcat:startDate": .date(oldest), "dcat:endDate": .date(newest)])
    }

    /// An administrative unit (one row of a code list) as a `dct:Location`.
    static func location(_ entry: CodeList.Entry, list: String, uris: CatalogURIs) -> JSONLD {
        var properties: [String: JSONLD] = ["skos:prefLabel": .text(entry.name, "vi"), "dct:identifier": .string(entry.code)]
        // A code names this unit only within its dates; said as a note, since DCAT's start and
        // end dates belong to periods, not places.
        switch (entry.validFrom, entry.validTo) {
        case (nil, nil): break
        case (let from?, nil): properties["skos:scopeNote"] = .texts(Message(vi: "Hiệu lực từ \(from)", en: "In force from \(from)"))
        case (nil, let to?): properties["skos:scopeNote"] = .texts(Message(vi: "Hiệu lực đến \(to)", en: "In force until \(to)"))
        case (let from?, let to?): properties["skos:scopeNote"] = .texts(Message(vi: "Hiệu lực từ \(from) đến \(to)", en: "In force from \(from) to \(to)"))
        }
        return .node("dct:Location", id: uris.administrativeUnit(entry, list: list), properties)
    }

    /// The configured province as it stood on the as-of date: its row in force, or, when it had
    /// ended, its last row and the row of the province it became part of.
    static func province(_ config: Configuration, on date: CivilDate, uris: CatalogURIs) -> [JSONLD] {
        let settings = config.pipeline.publication
        guard let code = settings.province, let list = config.codeLists[settings.provinceCatalog] else { return [] }
        switch list.lookup(code, on: date) {
        case .valid(let entry):
            return [location(entry, list: list.id, uris: uris)]
        case .retired(let entry):
            guard entry.successor != nil, case .valid(let successor) = list.lookup(list.current(entry, to: date), on: date) else {
                return [location(entry, list: list.id, uris: uris)]
            }
            return [location(entry, list: list.id, uris: uris), location(successor, list: list.id, uris: uris)]
        case .notYetValid, .unknown:
            return []
        }
    }

    /// The communes of a bundle, each as the row in force on the as-of date (codes in bundles are
    /// carried to it), or its latest row for a code no longer in force.
    static func communes(_ codes: [String], _ config: Configuration, on date: CivilDate, uris: CatalogURIs) -> [JSONLD] {
        guard let list = config.codeLists[config.pipeline.publication.communeCatalog] else { return [] }
        return codes.compactMap { code in
            switch list.lookup(code, on: date) {
            case .valid(let entry): location(entry, list: list.id, uris: uris)
            default: list.latest(code).map { location($0, list: list.id, uris: uris) }
            }
        }
    }

    // MARK: - Bundles

    /// A bundle file as a distribution: a ZIP that is a Frictionless Data Package.
    static func distribution(id: String, file: BundleFile, download: String, license: JSONLD, rights: JSONLD) -> JSONLD {
        .node("dcat:Distribution", id: id, [
            "dct:title": .string(file.name),
            "dct:description": .texts(Message(
                vi: "Gói dữ liệu Frictionless (ZIP): datapackage.json, data/*.csv (UTF-8), README.md, quality.json; tệp .sha256 đi kèm.",
                en: "Frictionless Data Package (ZIP): datapackage.json, data/*.csv (UTF-8), README.md, quality.json; a .sha256 file beside it.")),
            "dcat:accessURL": .id(download),
            "dcat:downloadURL": .id(download),
            "dcat:mediaType": .node("dct:MediaType", id: "http://www.iana.org/assignments/media-types/application/zip", [:]),
            "dct:format": .node("dct:MediaTypeOrExtent", id: "http://publications.europa.eu/resource/authority/file-type/ZIP", [:]),
            "dct:conformsTo": .node("dct:Standard", id: "https://specs.frictionlessdata.io/data-package/", [:]),
            "dcat:byteSize": .typed(String(file.bytes), "xsd:nonNegativeInteger"),
            "spdx:checksum": .node("spdx:Checksum", [
                "spdx:algorithm": .node("spdx:ChecksumAlgorithm", id: "http://spdx.org/rdf/terms#checksumAlgorithm_sha256", [:]),
                "spdx:checksumValue": .typed(file.sha256, "xsd:hexBinary"),
            ]),
            "dct:issued": .date(file.date),
            "dct:modified": .date(file.date),
            "dct:language": vietnamese,
            "dct:license": license,
            "dct:rights": rights,
        ])
    }
}

/// The newest bundle of a dataset on one side, as found on disk.
struct BundleFile: Sendable {
    var name: String
    var bytes: Int64
    var sha256: String
    /// Its as-of date, from its name.
    var date: String
}
