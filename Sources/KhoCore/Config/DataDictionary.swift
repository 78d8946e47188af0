import Foundation

/// The common data dictionary (`pipelines/dictionary.json`): every shared field once, with its
/// business and technical definition, classification and header aliases.
public struct DataDictionary: Sendable {
    public let fields: [String: FieldDefinition]
    /// Type prefixes ignored when a name is matched against a code list ("Thị trấn", "TT.").
    public let namePrefixes: [String]
    /// Dated tax-code forms and the subjects that may use them (the personal ID from 2025-07-01).
    public let taxCodeForms: [TaxCodeForm]

    public init(fields: [String: FieldDefinition], namePrefixes: [String] = [], taxCodeForms: [TaxCodeForm] = []) {
        self.fields = fields
        self.namePrefixes = namePrefixes
        self.taxCodeForms = taxCodeForms
    }

    /// Every entry as a field of one dataset, in name order: for matching the headers of an export
    /// no dataset describes yet against the whole dictionary.
    public var asDataset: DatasetSchema {
        DatasetSchema(id: "", title: "", description: "", fields: fields.keys.sorted().compactMap { fields[$0] }, primaryKey: [],
                      openData: OpenDataSpec(mode: .fields, aggregates: []), sharingService: SharingServiceSpec(properties: []))
    }

    static func load(_ url: URL, displayName: String, problems: ConfigProblems) -> DataDictionary {
        guard let root = ConfigFile.object(at: url, displayName: displayName, problems: problems) else {
            return DataDictionary(fields: [:])
        }
        _ = root.integer("version")
        root.accept("$comment", "title", "description")
        var fields: [String: FieldDefinition] = [:]
        if let entries = root.object("fields") {
            for name in entries.allKeys {
                guard let entry = entries.object(name) else { continue }
                var field = FieldDefinition(name: name)
                FieldDefinitionDecoder.apply(entry, to: &field)
                entry.finish()
                fields[name] = field
            }
            entries.finish()
        } else {
            root.problem("fields", Message(vi: "bắt buộc phải có", en: "is required"))
        }
        let prefixes = root.strings("namePrefixes") ?? []
        let forms = (root.objects("taxCodeForms") ?? []).compactMap(TaxCodeForm.load)
        let subjects = Set(forms.flatMap(\.subjects))
        for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
            if let subject = field.taxCodeSubject, !subjects.contains(subject) {
                root.problem("fields.\(name).taxCodeSubject", unknownSubject(subject))
            }
        }
        root.finish()
        return DataDictionary(fields: fields, namePrefixes: prefixes, taxCodeForms: forms)
    }

    static func unknownSubject(_ subject: String) -> Message {
        Message(vi: "\"\(subject)\" không có trong subjects của taxCodeForms nào (dictionary.json)",
                en: "\"\(subject)\" is in the subjects of no taxCodeForms entry (dictionary.json)")
    }
}

/// Reads the field properties shared by dictionary entries and dataset fields. A dataset's entry
/// is applied over the dictionary's: a property it gives replaces the inherited one, and `null`
/// drops it (`"codeList": null`, `"constraints": {"pattern": null}`, `"constraints": null`).
enum FieldDefinitionDecoder {
    static func apply(_ object: ConfigObject, to field: inout FieldDefinition) {
        if object.isNull("title") { field.title = nil } else if let title = object.string("title") { field.title = title }
        if object.isNull("description") { field.description = nil } else if let description = object.string("description") { field.description = description }
        if let type = object.choice("type", FieldType.self) { field.type = type }
        if let classification = object.choice("classification", Classification.self) { field.classification = classification }
        if object.isNull("codeList") { field.codeList = nil } else if let codeList = object.string("codeList") { field.codeList = codeList }
        if object.isNull("nameOf") { field.nameOf = nil } else if let nameOf = object.string("nameOf") { field.nameOf = nameOf }
        if object.isNull("role") { field.role = nil } else if let role = object.choice("role", FieldRole.self) { field.role = role }
        if object.isNull("taxCodeSubject") { field.taxCodeSubject = nil } else if let subject = object.string("taxCodeSubject") { field.taxCodeSubject = subject }
        if let aliases = object.strings("aliases") { field.aliases = aliases }
        if object.isNull("owner") { field.owner = nil } else if let owner = object.string("owner") { field.owner = owner }
        if object.isNull("rules") { field.rules = nil } else if let rules = object.string("rules") { field.rules = rules }
        object.accept("example", "$comment")
        applyFormat(object, to: &field)
        if let targets = object.object("constraintsApplyTo") {
            for name in targets.allKeys {
                guard let constraint = ValueConstraint(rawValue: name) else {
                    targets.problem(name, Message(vi: "chỉ đặt được cho pattern, enum, minLength, maxLength",
                                                  en: "can only be set for pattern, enum, minLength, maxLength"))
                    _ = targets.raw(name)
                    continue
                }
                // The two lengths are one count of one value.
                let moved: [ValueConstraint] = constraint == .minLength || constraint == .maxLength ? [.minLength, .maxLength] : [constraint]
                switch targets.string(name) {
                case "source": field.constraintsOnSource.formUnion(moved)
                case "canonical": field.constraintsOnSource.subtract(moved)
                case nil: break
                case let other?: targets.problem(name, Message(vi: "cần \"source\" hoặc \"canonical\", gặp \"\(other)\"",
                                                               en: "expected \"source\" or \"canonical\", found \"\(other)\""))
                }
            }
            targets.finish()
        }
        if object.isNull("constraints") {
            field.required = false
            field.unique = false
            field.pattern = nil
            field.enumValues = nil
            field.minimum = nil
            field.maximum = nil
            field.minLength = nil
            field.maxLength = nil
        } else if let constraints = object.object("constraints") {
            if let required = constraints.bool("required") { field.required = required }
            if let unique = constraints.bool("unique") { field.unique = unique }
            if constraints.isNull("pattern") {
                field.pattern = nil
            } else if let pattern = constraints.string("pattern") {
                if !Pattern.isValid(pattern) {
                    constraints.problem("pattern", Message(vi: "không phải biểu thức chính quy hợp lệ", en: "is not a valid regular expression"))
                } else {
                    field.pattern = pattern
                }
            }
            if constraints.isNull("enum") { field.enumValues = nil } else if let values = constraints.strings("enum") { field.enumValues = values }
            if constraints.isNull("minimum") { field.minimum = nil } else if let minimum = constraints.number("minimum") { field.minimum = minimum }
            if constraints.isNull("maximum") { field.maximum = nil } else if let maximum = constraints.number("maximum") { field.maximum = maximum }
            if constraints.isNull("minLength") { field.minLength = nil } else if let minLength = constraints.integer("minLength") { field.minLength = minLength }
            if constraints.isNull("maxLength") { field.maxLength = nil } else if let maxLength = constraints.integer("maxLength") { field.maxLength = maxLength }
            constraints.finish()
        }
    }

    /// A date's `format` names the layouts the source writes (one, or a list); any other field's
    /// is the Frictionless format of the canonical value, passed on to bundles.
    private static func applyFormat(_ object: ConfigObject, to field: inout FieldDefinition) {
        let isDate = field.type == .date || field.type == .datetime
        if object.isNull("format") {
            field.format = nil
            field.sourceLayouts = nil
            return
        }
        if !isDate {
            // A field that stopped being a date keeps no date layout.
            field.sourceLayouts = nil
            if let format = object.string("format") { field.format = format }
            return
        }
        guard let formats = object.stringOrStrings("format") else { return }
        field.format = nil
        var layouts: [DateLayout] = []
        var refused = false
        for format in formats {
            switch format {
            case "any":
                guard formats.count == 1 else {
                    object.problem("format", Message(vi: "\"any\" không đi cùng định dạng khác", en: "\"any\" cannot be combined with other layouts"))
                    return
                }
                field.sourceLayouts = nil
                return
            case "default": layouts.append(field.type == .date ? .isoDate : .isoDateTime)
            default:
                do { layouts.append(try DateLayout(format)) } catch { object.problem("format", error.message); refused = true }
            }
        }
        if layouts.isEmpty && !refused { object.problem("format", Message(vi: "cần ít nhất một định dạng", en: "needs at least one layout")) }
        field.sourceLayouts = layouts
    }
}
