/// `shared/services.json`: each shared dataset as a data sharing service (Article 24) — name,
/// purpose, the data and its structure, how to obtain it, the owner, the contributing units and
/// their focal points, how often it changes, who may receive it, the terms — with the dataset's
/// Article 11 catalog entry. For state agencies: the focal points are named here.
public struct SharedServices: Encodable, Sendable {
    public struct Field: Encodable, Sendable {
        public var name: String
        public var title: String?
        public var type: String
        public var classification: Classification
    }

    public struct ContactPoint: Encodable, Sendable {
        public var unit: String
        public var unitName: String
        public var name: String
        public var position: String
        public var phone: String
        public var email: String
    }

    public struct Frequency: Encodable, Sendable {
        public var code: String
        public var uri: String
        public var label: String
    }

    public struct Recipients: Encodable, Sendable {
        public var agencies: [String]
        public var rule: String?
        /// The agencies given in full: contact, how they receive it, and their last copy.
        public var recipients: [RecipientLine]?
    }

    public struct RecipientLine: Encodable, Sendable {
        public var id: String
        public var name: String
        public var contact: String?
        /// `command` when a delivery command sends their copy, else `download`.
        public var method: String
        /// The last good delivery: the bundle and when it was delivered.
        public var lastDelivered: Delivered?
        /// The last attempt, when it failed (it is tried again the next night).
        public var lastFailed: Delivered?
    }

    public struct Delivered: Encodable, Sendable {
        public var file: String
        public var sha256: String
        public var time: String
    }

    /// Article 11's entry, as configured; `owner` is the service's, on the as-of date.
    public struct CatalogEntry: Encodable, Sendable {
        public var purpose: String
        public var scope: String
        public var content: String
        public var collectionMethod: String
        public var updateMethod: String
        public var updateFrequency: String
        public var legalBasis: [String]
        public var owner: String?
    }

    public struct Service: Encodable, Sendable {
        public var identifier: String
        /// The dataset and the service in `shared/catalog.jsonld`.
        public var datasetURI: String
        public var serviceURI: String
        /// The `sharingService` properties as configured (name, purpose, method, owner, terms…).
        public var descriptor: [String: String]
        public var dataProvided: String
        public var structure: [Field]
        /// How to obtain it: the bundle's path under `out/`, its address, and the endpoint when configured.
        public var connection: [String: String]
        /// The contributing units, named as on the as-of date.
        public var units: [String]
        public var contactPoints: [ContactPoint]
        public var updateFrequency: Frequency
        /// Nil when not configured (a configuration warning).
        public var recipients: Recipients?
        public var termsOfUse: [String: String]
        /// Nil when the dataset has no entry (a configuration warning).
        public var catalogEntry: CatalogEntry?
        public var updated: String
    }

    public var title: String
    public var publisher: String
    public var modified: String
    public var services: [Service]
}

extension SharedServices {
    static func make(_ datasets: [PublishedDataset], config: Configuration, asOf: CivilDate,
                     deliveries: Deliveries.State = .init()) -> SharedServices {
        let uris = CatalogURIs(settings: config.pipeline.publication)
        let terms = config.pipeline.legal.shared.terms
        let services = datasets.compactMap { published -> Service? in
            guard let side = published.shared else { return nil }
            let schema = published.schema, id = schema.id
            let descriptor = schema.sharingService.descriptor(on: asOf)
            var connection = ["method": "packaged-data", "path": "shared/\(id)/\(side.file.name)", "sha256": side.file.sha256,
                              "format": "Frictionless Data Package (ZIP)", "checksumFile": "shared/\(id)/\(side.file.name).sha256",
                              "downloadURL": uris.download(.shared, id, file: side.file.name)]
            connection["endpointURL"] = schema.sharingService.endpointURL
            let units = published.units(side, config: config, on: asOf)
            let entry = schema.catalogEntry
            let frequency = entry.updateFrequency
            return Service(
                identifier: id, datasetURI: uris.dataset(id, side: .shared), serviceURI: uris.service(id), descriptor: descriptor,
                dataProvided: schema.title,
                structure: schema.fields.map { .init(name: $0.name, title: $0.title, type: $0.type.rawValue, classification: $0.classification) },
                connection: connection, units: units.map(\.name),
                contactPoints: units.compactMap { unit in
                    unit.focalPoint.map { ContactPoint(unit: unit.id, unitName: unit.name, name: $0.name, position: $0.position, phone: $0.phone, email: $0.email) }
                },
                updateFrequency: Frequency(code: frequency, uri: EUVocabulary.frequencyURI(frequency), label: EUVocabulary.frequencies[frequency] ?? frequency),
                recipients: schema.sharingService.recipients.map { recipients in
                    let full = recipients.members.compactMap { member -> RecipientLine? in
                        guard let id = member.id else { return nil }
                        let state = deliveries.of(schema.id, id)
                        let failed = state.flatMap { $0.lastAttempt.event == .failed ? $0.lastAttempt : nil }
                        return RecipientLine(id: id, name: member.name, contact: member.contact, method: member.delivery == nil ? "download" : "command",
                                             lastDelivered: state?.lastDelivered.map { Delivered(file: $0.file, sha256: $0.sha256, time: $0.time) },
                                             lastFailed: failed.map { Delivered(file: $0.file, sha256: $0.sha256, time: $0.time) })
                    }
                    return Recipients(agencies: recipients.agencies, rule: recipients.rule, recipients: full.isEmpty ? nil : full)
                },
                termsOfUse: ["vi": terms.vi, "en": terms.en],
                catalogEntry: entry.isMissing ? nil : CatalogEntry(
                    purpose: entry.purpose, scope: entry.scope, content: entry.content, collectionMethod: entry.collectionMethod,
                    updateMethod: entry.updateMethod, updateFrequency: frequency, legalBasis: entry.legalBasis, owner: descriptor["owner"]),
                updated: side.file.date)
        }
        return SharedServices(title: "Danh mục dịch vụ chia sẻ dữ liệu", publisher: config.pipeline.publisher.inForce(on: asOf).name,
                              modified: asOf.description, services: services)
    }
}
