/// `open/catalog.jsonld`: the open-data catalog in DCAT-AP 3.0.1, for portals to harvest (CKAN's
/// DCAT harvester, the National Data Portal, any DCAT-AP reader). One `dcat:Catalog` holds a
/// `dcat:Dataset` per dataset with an open bundle, whose `dcat:Distribution` is that bundle.
///
/// Only what is open goes in: titles, descriptions and keywords of the schema, the publisher and
/// units (bodies, not people), the focal points' office contacts without their names, coverage,
/// counts of quality. Personal data is in no field the catalog reads.
enum OpenCatalog {
    static func make(_ datasets: [PublishedDataset], config: Configuration, asOf: CivilDate) -> JSONLD {
        let settings = config.pipeline.publication
        let uris = CatalogURIs(settings: settings)
        let publisher = config.pipeline.publisher.inForce(on: asOf)
        let legal = config.pipeline.legal.open
        let license = DCATNodes.license(legal.license, terms: legal.terms, fallback: uris.openCatalogDocument + "#license")
        let rights = DCATNodes.rights(legal.terms)
        let nodes = datasets.compactMap { published in
            published.open.map { dataset(published, $0, config: config, asOf: asOf, uris: uris, license: license, rights: rights) }
        }
        var catalog: [String: JSONLD] = [
            "@context": JSONLD.context(baseURL: settings.baseURL),
            "dct:title": .texts(Message(vi: "Danh mục dữ liệu mở", en: "Open data catalog")),
            "dct:description": .texts(Message(
                vi: "Dữ liệu mở của kho dữ liệu dùng chung do \(publisher.name) công bố: mỗi bộ dữ liệu là một gói Frictionless (ZIP) cập nhật hằng đêm, kèm điều khoản sử dụng và cách trích dẫn.",
                en: "Open data of the shared-data warehouse published by \(publisher.name): each dataset is a Frictionless Data Package (ZIP) refreshed nightly, with its terms of use and how to cite it.")),
            "dct:publisher": DCATNodes.publisher(publisher),
            "dct:modified": .date(asOf.description),
            "dct:language": DCATNodes.vietnamese,
            "dct:license": license,
            "dct:rights": rights,
            "dcat:themeTaxonomy": DCATNodes.themeTaxonomy,
        ]
        catalog.set("dct:spatial", .many(DCATNodes.province(config, on: asOf, uris: uris)))
        catalog.set("dcat:dataset", .array(nodes))
        return .node("dcat:Catalog", id: uris.openCatalogDocument + "#catalog", catalog)
    }

    private static func dataset(_ published: PublishedDataset, _ side: PublishedDataset.Side, config: Configuration, asOf: CivilDate,
                                uris: CatalogURIs, license: JSONLD, rights: JSONLD) -> JSONLD {
        let schema = published.schema
        let entry = schema.catalogEntry
        let units = published.units(side, config: config, on: asOf)
        var node: [String: JSONLD] = [
            "dct:identifier": .string(schema.id),
            "dct:title": .text(schema.title, "vi"),
            "dct:description": .text(schema.description.isEmpty ? schema.title : schema.description, "vi"),
            "dct:publisher": DCATNodes.publisher(config.pipeline.publisher.inForce(on: asOf)),
            "dct:modified": .date(side.file.date),
            "dct:language": DCATNodes.vietnamese,
            "dct:accessRights": DCATNodes.accessRights(.open),
            "dct:accrualPeriodicity": DCATNodes.frequency(entry.updateFrequency),
            "dcat:distribution": DCATNodes.distribution(id: uris.distribution(schema.id, side: .open), file: side.file,
                                                        download: uris.download(.open, schema.id, file: side.file.name),
                                                        license: license, rights: rights),
        ]
        node.set("dct:issued", entry.issued.map { .date($0.description) })
        node.set("dcat:keyword", .many(schema.keywords.map { .text($0, "vi") }))
        node.set("dcat:theme", .many(entry.themes.map(DCATNodes.theme)))
        node.set("dct:contributor", .many(units.map { DCATNodes.unit($0.id, name: $0.name, agencyCode: $0.agencyCode) }))
        node.set("dcat:contactPoint", .many(units.compactMap { unit in
            unit.focalPoint.map { DCATNodes.contactPoint($0, unit: unit.id, unitName: unit.name, side: .open) }
        }))
        node.set("dct:temporal", DCATNodes.period(from: side.quality?.oldestRecordDate, to: side.quality?.newestRecordDate))
        let communes = publishesCommunes(schema, config: config) ? DCATNodes.communes(side.communes ?? [], config, on: asOf, uris: uris) : []
        node.set("dct:spatial", .many(DCATNodes.province(config, on: asOf, uris: uris) + communes))
        node.set("dqv:hasQualityMeasurement", side.quality.map { quality in
            .array([measurement(uris.metric("overall-score"), .typed(String(quality.overall), "xsd:decimal")),
                    measurement(uris.metric("grade"), .string(quality.grade.rawValue))])
        })
        return .node("dcat:Dataset", id: uris.dataset(schema.id, side: .open), node)
    }

    /// Whether the open bundle carries commune codes: a commune field among the open fields, or
    /// among an aggregate's groups. Only then are its communes part of what the open data covers.
    private static func publishesCommunes(_ schema: DatasetSchema, config: Configuration) -> Bool {
        let list = config.pipeline.publication.communeCatalog
        let policy = OpenDataPolicy(dataset: schema, gates: config.pipeline.gates)
        let published = policy.publishesRows ? policy.openFields.map { schema.fields[$0].name } : policy.aggregates.flatMap(\.groupBy)
        return published.contains { schema.field($0)?.codeList == list }
    }

    private static func measurement(_ metric: String, _ value: JSONLD) -> JSONLD {
        .node("dqv:QualityMeasurement", ["dqv:isMeasurementOf": .id(metric), "dqv:value": value])
    }
}
