/// `shared/catalog.jsonld`: the shared data in DCAT-AP 3.0.1, for state agencies and the national
/// sharing platform — each shared dataset with its Article 11 entry, and the data sharing service
/// (Article 24) that delivers it as a `dcat:DataService`. It lives beside the shared bundles and
/// names the focal points, so it is no more public than they are.
///
/// Article 11's purpose, scope, content and methods have no DCAT property; they are `kdl:` terms
/// (see `JSONLD.context`). What DCAT has is used: legal basis as `dcatap:applicableLegislation`,
/// collection as `dct:provenance`, frequency as `dct:accrualPeriodicity`, owner as `dct:rightsHolder`.
enum SharedCatalog {
    static func make(_ datasets: [PublishedDataset], config: Configuration, asOf: CivilDate) -> JSONLD {
        let settings = config.pipeline.publication
        let uris = CatalogURIs(settings: settings)
        let publisher = config.pipeline.publisher.inForce(on: asOf)
        let legal = config.pipeline.legal.shared
        let license = DCATNodes.license(legal.license, terms: legal.terms, fallback: uris.sharedCatalogDocument + "#license")
        let rights = DCATNodes.rights(legal.terms)
        let shared = datasets.compactMap { published in published.shared.map { (published, $0) } }
        var catalog: [String: JSONLD] = [
            "@context": JSONLD.context(baseURL: settings.baseURL),
            "dct:title": .texts(Message(vi: "Danh mục dữ liệu dùng chung và dịch vụ chia sẻ dữ liệu", en: "Shared data and data sharing services")),
            "dct:description": .texts(Message(
                vi: "Dữ liệu dùng chung giữa các cơ quan nhà nước do \(publisher.name) công bố: mục danh mục của từng bộ dữ liệu (Điều 11) và dịch vụ chia sẻ cung cấp nó (Điều 24), dưới dạng gói dữ liệu.",
                en: "Data shared among state agencies, published by \(publisher.name): each dataset's catalog entry (Article 11) and the sharing service that delivers it (Article 24), as packaged data.")),
            "dct:publisher": DCATNodes.publisher(publisher),
            "dct:modified": .date(asOf.description),
            "dct:language": DCATNodes.vietnamese,
            "dct:license": license,
            "dct:rights": rights,
            "dcat:themeTaxonomy": DCATNodes.themeTaxonomy,
        ]
        catalog.set("dct:spatial", .many(DCATNodes.province(config, on: asOf, uris: uris)))
        catalog.set("dcat:dataset", .array(shared.map { dataset($0.0, $0.1, config: config, asOf: asOf, uris: uris, license: license, rights: rights) }))
        catalog.set("dcat:service", .array(shared.map { service($0.0, $0.1, config: config, asOf: asOf, uris: uris, license: license) }))
        return .node("dcat:Catalog", id: uris.sharedCatalogDocument + "#catalog", catalog)
    }

    private static func dataset(_ published: PublishedDataset, _ side: PublishedDataset.Side, config: Configuration, asOf: CivilDate,
                                uris: CatalogURIs, license: JSONLD, rights: JSONLD) -> JSONLD {
        let schema = published.schema, id = schema.id
        let entry = schema.catalogEntry
        var node = common(published, side, config: config, asOf: asOf)
        node["dct:identifier"] = .string(id)
        node["dct:title"] = .text(schema.title, "vi")
        node["dct:description"] = .text(entry.isMissing || entry.content.isEmpty ? (schema.description.isEmpty ? schema.title : schema.description) : entry.content, "vi")
        node["dct:modified"] = .date(side.file.date)
        node["dct:language"] = DCATNodes.vietnamese
        node["dct:accessRights"] = DCATNodes.accessRights(.shared)
        node["dcat:distribution"] = DCATNodes.distribution(id: uris.distribution(id, side: .shared), file: side.file,
                                                           download: uris.download(.shared, id, file: side.file.name),
                                                           license: license, rights: rights)
        node.set("dct:issued", entry.issued.map { .date($0.description) })
        node.set("dct:temporal", DCATNodes.period(from: side.quality?.oldestRecordDate, to: side.quality?.newestRecordDate))
        node.set("dct:spatial", .many(DCATNodes.province(config, on: asOf, uris: uris) + DCATNodes.communes(side.communes ?? [], config, on: asOf, uris: uris)))
        node.set("dct:contributor", .many(published.units(side, config: config, on: asOf).map { DCATNodes.unit($0.id, name: $0.name, agencyCode: $0.agencyCode) }))
        if !entry.isMissing {
            node["kdl:purpose"] = .text(entry.purpose, "vi")
            node["kdl:scope"] = .text(entry.scope, "vi")
            node["kdl:content"] = .text(entry.content, "vi")
            node["kdl:collectionMethod"] = .text(entry.collectionMethod, "vi")
            node["kdl:updateMethod"] = .text(entry.updateMethod, "vi")
            node["dct:provenance"] = .node("dct:ProvenanceStatement", ["rdfs:label": .text(entry.collectionMethod, "vi")])
            node.set("dcatap:applicableLegislation", .many(entry.legalBasis.map { .node("eli:LegalResource", ["dct:title": .text($0, "vi")]) }))
        }
        return .node("dcat:Dataset", id: uris.dataset(id, side: .shared), node)
    }

    /// The sharing service: where it answers (the configured endpoint, else the folder of the shared
    /// bundles), the dataset it serves, its terms and who may receive it.
    private static func service(_ published: PublishedDataset, _ side: PublishedDataset.Side, config: Configuration, asOf: CivilDate,
                                uris: CatalogURIs, license: JSONLD) -> JSONLD {
        let schema = published.schema, id = schema.id
        let descriptor = schema.sharingService.descriptor(on: asOf)
        let serviceTerms = descriptor["terms"].map { Message(vi: $0, en: "") } ?? config.pipeline.legal.shared.terms
        var node = common(published, side, config: config, asOf: asOf)
        node["dct:title"] = .text(descriptor["name"] ?? schema.title, "vi")
        node["dcat:endpointURL"] = .id(schema.sharingService.endpointURL ?? uris.sharedFolder(id))
        node["dcat:servesDataset"] = .id(uris.dataset(id, side: .shared))
        node["dct:accessRights"] = DCATNodes.rights(serviceTerms)
        node["dct:license"] = license
        node["dct:conformsTo"] = .node("dct:Standard", id: "https://specs.frictionlessdata.io/data-package/", [:])
        node.set("dct:description", descriptor["purpose"].map { .text($0, "vi") })
        node.set("kdl:connectionMethod", descriptor["method"].map { .text($0, "vi") })
        if let recipients = schema.sharingService.recipients {
            node.set("kdl:recipientAgency", .many(recipients.agencies.map { .text($0, "vi") }))
            node.set("kdl:recipientRule", recipients.rule.map { .text($0, "vi") })
        }
        return .node("dcat:DataService", id: uris.service(id), node)
    }

    /// What a shared dataset and its service both say: publisher, owner, contact points, keywords,
    /// themes, update frequency.
    private static func common(_ published: PublishedDataset, _ side: PublishedDataset.Side, config: Configuration,
                               asOf: CivilDate) -> [String: JSONLD] {
        let schema = published.schema
        var node: [String: JSONLD] = [
            "dct:publisher": DCATNodes.publisher(config.pipeline.publisher.inForce(on: asOf)),
            "dct:accrualPeriodicity": DCATNodes.frequency(schema.catalogEntry.updateFrequency),
        ]
        node.set("dct:rightsHolder", schema.sharingService.descriptor(on: asOf)["owner"].map { DCATNodes.agent(named: $0, label: "owner-\(schema.id)") })
        node.set("dcat:keyword", .many(schema.keywords.map { .text($0, "vi") }))
        node.set("dcat:theme", .many(schema.catalogEntry.themes.map(DCATNodes.theme)))
        node.set("dcat:contactPoint", .many(published.units(side, config: config, on: asOf).compactMap { unit in
            unit.focalPoint.map { DCATNodes.contactPoint($0, unit: unit.id, unitName: unit.name, side: .shared) }
        }))
        return node
    }
}
