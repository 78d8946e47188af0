import Foundation

/// A dataset's schema (`pipelines/datasets/<id>.json`): a Frictionless Table Schema with extension
/// properties for what the standard lacks — classification, code lists, roles, open-data aggregates.
public struct DatasetSchema: Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var keywords: [String] = []
    public var fields: [FieldDefinition]
    public var primaryKey: [String]
    /// Records older than this many days (by their record date) are flagged `record-stale`.
    public var freshnessDays: Int?
    /// Per finding code, a severity that replaces the catalogue's default.
    public var severities: [FindingCode: Severity] = [:]
    /// Which row owns a key that several rows carry (Article 9.3, once only).
    public var keyOwner: KeyOwner = .firstRow
    /// Which version of a record the provincial table keeps when units report its key with
    /// different values (`conflictRule`).
    public var conflictRule: ConflictRule = .firstUnit
    /// What each finding costs a row in this dataset's scores: the pipeline's weights with the
    /// schema's own `scoreWeights` over them.
    public var scoreWeights = ScoreWeights.defaults
    /// Plausible age range in years, judged on the birth-date field at the record date.
    public var ageRange: ClosedRange<Int>?
    public var openData: OpenDataSpec
    public var sharingService: SharingServiceSpec
    /// Its entry in the catalogs: Article 11's description, update frequency, themes.
    public var catalogEntry = DatasetCatalogEntry.missing

    public func fieldIndex(_ name: String) -> Int? { fields.firstIndex { $0.name == name } }

    public func field(_ name: String) -> FieldDefinition? { fieldIndex(name).map { fields[$0] } }

    /// The index of the first field with the role, if any.
    public func index(of role: FieldRole) -> Int? { fields.firstIndex { $0.role == role } }

    /// The indices of every field with the role.
    public func indices(of role: FieldRole) -> [Int] { fields.indices.filter { fields[$0].role == role } }

    public func severity(of code: FindingCode) -> Severity {
        severities[code] ?? FindingCatalog.entry(code).severity
    }
}

/// Which occurrence of a key is the record and which are duplicates (`keyOwner`).
public enum KeyOwner: String, Sendable {
    /// The first row in file order, whatever its other findings: a copy of a rejected row is
    /// still a copy, and fixing the first row at the source must not turn the copy into the record.
    case firstRow = "first-row"
    /// The first row without an error; a rejected row takes no key.
    case firstAcceptedRow = "first-accepted-row"
}

/// What the open bundle holds: the open fields row by row, or only declared aggregates.
public struct OpenDataSpec: Sendable {
    public enum Mode: String, Sendable { case fields, aggregate }

    public var mode: Mode
    public var aggregates: [AggregateSpec]
}

/// A table of counts published instead of personal rows, e.g. households per commune and category.
public struct AggregateSpec: Sendable {
    public struct Measure: Sendable {
        public enum Function: String, Sendable { case count, countDistinct = "count-distinct", sum }

        public var name: String
        public var title: String
        public var function: Function
        public var field: String?
        /// The smallest count this measure shows, over the aggregate's and the pipeline's.
        public var minCount: Int? = nil
    }

    public var name: String
    public var title: String
    public var groupBy: [String]
    public var measures: [Measure]
    /// The smallest count the aggregate's measures show, over the pipeline's `openData.minCount`.
    public var minCount: Int? = nil

    /// The column of every open aggregate that says a row's measures are hidden (`OpenDataPolicy`),
    /// so no group field or measure may take its name.
    public static let suppressedColumn = "bi_an"
}

/// How the shared bundle is described as a data sharing service (Article 24). Free-form by design:
/// the clause-3 list is not settled, so the fields stay configuration.
public struct SharingServiceSpec: Sendable {
    /// Every property given as text, `owner` included when it is one undated string.
    public var properties: [(key: String, value: String)]
    /// `owner` given as dated entries: the descriptor names the one in force on the as-of date.
    public var owner: Succession?
    /// Who may receive the data: named agencies, a rule, or both.
    public var recipients: Recipients?
    /// Where the service answers, when it is more than the packaged bundles (a platform's API).
    public var endpointURL: String?

    public struct Recipients: Sendable, Equatable {
        /// Every recipient agency, given by name or in full.
        public var members: [Recipient]
        public var rule: String?

        public var agencies: [String] { members.map(\.name) }
        /// The recipients whose copy is delivered by a command.
        public var deliveries: [(id: String, recipient: Recipient, command: DeliveryCommand)] {
            members.compactMap { member in
                guard let id = member.id, let command = member.delivery else { return nil }
                return (id, member, command)
            }
        }

        public static func == (lhs: Recipients, rhs: Recipients) -> Bool { lhs.members == rhs.members && lhs.rule == rhs.rule }
    }

    public init(properties: [(key: String, value: String)], owner: Succession? = nil) {
        self.properties = properties
        self.owner = owner
    }

    /// The descriptor on a date: the text properties, with the owner in force then.
    public func descriptor(on date: CivilDate) -> [String: String] {
        var descriptor = Dictionary(properties, uniquingKeysWith: { first, _ in first })
        if let owner { descriptor["owner"] = owner.inForce(on: date).name }
        return descriptor
    }
}

extension DatasetSchema {
    static func load(_ url: URL, displayName: String, dictionary: DataDictionary, pipelineWeights: ScoreWeights = .defaults,
                     problems: ConfigProblems) -> DatasetSchema? {
        guard let root = ConfigFile.object(at: url, displayName: displayName, problems: problems) else { return nil }
        let expectedID = url.deletingPathExtension().lastPathComponent
        let id = root.requiredString("name")
        if !id.isEmpty && id != expectedID {
            root.problem("name", Message(vi: "phải trùng tên tệp \"\(expectedID)\"", en: "must equal the file name \"\(expectedID)\""))
        }
        root.accept("$comment", "missingValues")
        // Accepting foreign keys without checking them would promise integrity that is not there.
        if root.has("foreignKeys") {
            root.problem("foreignKeys", Message(
                vi: "chưa được kiểm tra nên không được chấp nhận: tham chiếu danh mục dùng chung bằng codeList của trường",
                en: "are not checked, so they are refused: refer to a shared code list with the field's codeList"))
            _ = root.raw("foreignKeys")
        }
        var fields: [FieldDefinition] = []
        for entry in root.objects("fields") ?? [] {
            let name = entry.requiredString("name")
            var field = dictionary.fields[name] ?? FieldDefinition(name: name)
            if dictionary.fields[name] == nil && !entry.has("type") {
                entry.problem("name", Message(vi: "\"\(name)\" không có trong từ điển dữ liệu nên trường phải tự khai báo kiểu", en: "\"\(name)\" is not in the dictionary, so the field needs its own type"))
            }
            FieldDefinitionDecoder.apply(entry, to: &field)
            entry.finish()
            fields.append(field)
        }
        if fields.isEmpty { root.problem("fields", Message(vi: "phải có ít nhất một trường", en: "must list at least one field")) }
        if fields.count > 64 { root.problem("fields", Message(vi: "có \(fields.count) trường; tối đa 64", en: "has \(fields.count) fields; at most 64 are supported")) }
        let names = Set(fields.map(\.name))
        if names.count != fields.count { root.problem("fields", Message(vi: "có một tên trường lặp lại", en: "has a field name twice")) }

        var primaryKey: [String] = []
        if let single = root.raw("primaryKey") {
            switch single {
            case .string(let name): primaryKey = [name]
            case .array(let items): primaryKey = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            default: root.problem("primaryKey", Message(vi: "cần tên một trường hoặc danh sách tên trường", en: "expected a field name or a list of them"))
            }
        }
        for key in primaryKey where !names.contains(key) {
            root.problem("primaryKey", Message(vi: "chỉ đến \"\(key)\", không phải một trường", en: "names \"\(key)\", which is not a field"))
        }
        for index in fields.indices {
            guard let subject = fields[index].taxCodeSubject else { continue }
            let name = fields[index].name
            if fields[index].role != .taxCode {
                root.problem("fields", Message(vi: "\(name).taxCodeSubject chỉ dùng cho trường có role \"tax-code\"", en: "\(name).taxCodeSubject is only for a field with role \"tax-code\""))
            }
            fields[index].taxCodeForms = dictionary.taxCodeForms.filter { $0.subjects.contains(subject) }
            if fields[index].taxCodeForms.isEmpty {
                let unknown = DataDictionary.unknownSubject(subject)
                root.problem("fields", Message(vi: "\(name).taxCodeSubject: \(unknown.vi)", en: "\(name).taxCodeSubject: \(unknown.en)"))
            }
        }
        for field in fields {
            if let nameOf = field.nameOf, !names.contains(nameOf) {
                root.problem("fields", Message(vi: "\(field.name).nameOf chỉ đến \"\(nameOf)\", không phải một trường", en: "\(field.name).nameOf names \"\(nameOf)\", which is not a field"))
            }
        }

        var severities: [FindingCode: Severity] = [:]
        if let map = root.stringMap("severities") {
            for (code, level) in map {
                guard let finding = FindingCode(rawValue: code) else {
                    root.problem("severities", Message(vi: "\"\(code)\" không phải mã phát hiện nào", en: "\"\(code)\" is not a finding code"))
                    continue
                }
                if let severity = Severity(rawValue: level) { severities[finding] = severity }
                else { root.problem("severities", Message(vi: "\(code): mức độ không hợp lệ \"\(level)\"", en: "\(code): unknown severity \"\(level)\"")) }
            }
        }

        let ownWeights = root.object("scoreWeights").map(ScoreWeights.read) ?? [:]

        var ageRange: ClosedRange<Int>?
        if let ages = root.object("ageRange") {
            let low = ages.integer("minimum") ?? 0
            let high = ages.integer("maximum") ?? 150
            if low <= high { ageRange = low...high } else { ages.problem(nil, Message(vi: "giá trị nhỏ nhất lớn hơn giá trị lớn nhất", en: "minimum exceeds maximum")) }
            ages.finish()
        }

        let schema = DatasetSchema(
            id: id,
            title: root.requiredString("title"),
            description: root.string("description") ?? "",
            keywords: root.strings("keywords") ?? [],
            fields: fields,
            primaryKey: primaryKey,
            freshnessDays: root.integer("freshnessDays"),
            severities: severities,
            keyOwner: root.choice("keyOwner", KeyOwner.self) ?? .firstRow,
            conflictRule: ConflictRule.read(root, fields: fields),
            scoreWeights: pipelineWeights.resolved(own: ownWeights, severities: severities),
            ageRange: ageRange,
            openData: loadOpenData(root, names: names, fields: fields),
            sharingService: loadSharingService(root),
            catalogEntry: DatasetCatalogEntry.load(root)
        )
        root.finish()
        return schema
    }

    /// Text properties, and an `owner` that is either text or a list of dated entries. A `$comment`
    /// is a note for whoever edits the file, not a property to publish.
    private static func loadSharingService(_ root: ConfigObject) -> SharingServiceSpec {
        guard let service = root.object("sharingService") else { return SharingServiceSpec(properties: []) }
        service.accept("$comment")
        var spec = SharingServiceSpec(properties: [])
        for key in service.allKeys where key != "$comment" {
            if key == "recipients" {
                spec.recipients = loadRecipients(service)
            } else if key == "endpointURL" {
                spec.endpointURL = service.webAddress(key)
            } else if key == "owner", case .array? = service.raw(key) {
                spec.owner = Succession.load(service.objects(key) ?? [], in: service, key: key, keys: [])
            } else if let value = service.string(key) {
                spec.properties.append((key, value))
            }
        }
        if !service.has("recipients") {
            service.warning("recipients", Message(
                vi: "chưa ghi ai được nhận dữ liệu (cơ quan nhận, hoặc quy tắc): services.json không nói được điều đó",
                en: "no recipients (agencies, or a rule): services.json cannot say who may receive the data"))
        }
        return spec
    }

    /// `{"agencies": [...], "rule": "..."}`, at least one of them.
    private static func loadRecipients(_ service: ConfigObject) -> SharingServiceSpec.Recipients? {
        guard let object = service.object("recipients") else { return nil }
        object.accept("$comment")
        let recipients = SharingServiceSpec.Recipients(members: Recipient.load(object), rule: object.string("rule"))
        if recipients.agencies.isEmpty && (recipients.rule ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            object.problem(nil, Message(vi: "cần agencies (các cơ quan được nhận) hoặc rule (quy tắc)",
                                        en: "needs agencies (the agencies that may receive it) or a rule"))
        }
        object.finish()
        return recipients
    }

    private static func loadOpenData(_ root: ConfigObject, names: Set<String>, fields: [FieldDefinition]) -> OpenDataSpec {
        guard let open = root.object("openData") else { return OpenDataSpec(mode: .fields, aggregates: []) }
        let mode = open.choice("mode", OpenDataSpec.Mode.self) ?? .fields
        var aggregates: [AggregateSpec] = []
        for entry in open.objects("aggregates") ?? [] {
            let groupBy = entry.strings("groupBy") ?? []
            if Set(groupBy).count != groupBy.count {
                entry.problem("groupBy", Message(vi: "có một trường lặp lại", en: "names a field twice"))
            }
            for name in groupBy {
                if !names.contains(name) {
                    entry.problem("groupBy", Message(vi: "chỉ đến \"\(name)\", không phải một trường", en: "names \"\(name)\", which is not a field"))
                } else if fields.first(where: { $0.name == name })?.classification != .open {
                    entry.problem("groupBy", Message(vi: "\"\(name)\" không phải trường mở nên không thể công bố", en: "\"\(name)\" is not an open field, so it cannot be published"))
                }
            }
            var measures: [AggregateSpec.Measure] = []
            for measure in entry.objects("measures") ?? [] {
                let function = measure.choice("function", AggregateSpec.Measure.Function.self) ?? .count
                let field = measure.string("field")
                if let field, !names.contains(field) { measure.problem("field", Message(vi: "chỉ đến \"\(field)\", không phải một trường", en: "names \"\(field)\", which is not a field")) }
                if function != .count && field == nil { measure.problem("field", Message(vi: "bắt buộc với \(function.rawValue)", en: "is required for \(function.rawValue)")) }
                let minCount = minimumCount(measure)
                if minCount != nil && function == .sum {
                    measure.problem("minCount", Message(vi: "chỉ áp dụng cho số đếm (count, count-distinct); tổng được ẩn cùng ô của nó",
                                                        en: "applies to counts only (count, count-distinct); a sum is hidden with its cell"))
                }
                measures.append(.init(name: measure.requiredString("name"), title: measure.string("title") ?? "",
                                      function: function, field: field, minCount: minCount))
                measure.finish()
            }
            let columns = groupBy + measures.map(\.name) + [AggregateSpec.suppressedColumn]
            if Set(columns).count != columns.count {
                entry.problem("measures", Message(vi: "tên số đo phải khác nhau, khác các trường phân nhóm và khác \"\(AggregateSpec.suppressedColumn)\"",
                                                  en: "measure names must differ from each other, from the groupBy fields and from \"\(AggregateSpec.suppressedColumn)\""))
            }
            aggregates.append(AggregateSpec(name: entry.requiredString("name"), title: entry.string("title") ?? "",
                                            groupBy: groupBy, measures: measures, minCount: minimumCount(entry)))
            entry.finish()
        }
        if mode == .aggregate && aggregates.isEmpty { open.problem("aggregates", Message(vi: "phải có ít nhất một bảng tổng hợp", en: "must list at least one aggregate")) }
        open.finish()
        return OpenDataSpec(mode: mode, aggregates: aggregates)
    }

    private static func minimumCount(_ object: ConfigObject) -> Int? {
        guard let value = object.integer("minCount") else { return nil }
        if value < 0 { object.problem("minCount", Message(vi: "phải từ 0 trở lên", en: "must be 0 or more")) }
        return max(value, 0)
    }
}
