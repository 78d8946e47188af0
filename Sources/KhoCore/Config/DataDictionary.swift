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

/// Reads the field properties shared by dictionary entries and dataset fields.
enum FieldDefinitionDecoder {
    static func apply(_ object: ConfigObject, to field: inout FieldDefinition) {
        if let title = object.string("title") { field.title = title }
        if let description = object.string("description") { field.description = description }
        if let type = object.choice("type", FieldType.self) { field.type = type }
        if let format = object.string("format") { field.format = format }
        if let classification = object.choice("classification", Classification.self) { field.classification = classification }
        if let codeList = object.string("codeList") { field.codeList = codeList }
        if let nameOf = object.string("nameOf") { field.nameOf = nameOf }
        if let role = object.choice("role", FieldRole.self) { field.role = role }
        if let subject = object.string("taxCodeSubject") { field.taxCodeSubject = subject }
        if let aliases = object.strings("aliases") { field.aliases = aliases }
        if let owner = object.string("owner") { field.owner = owner }
        if let rules = object.string("rules") { field.rules = rules }
        object.accept("example", "$comment")
        if let constraints = object.object("constraints") {
            if let required = constraints.bool("required") { field.required = required }
            if let unique = constraints.bool("unique") { field.unique = unique }
            if let pattern = constraints.string("pattern") {
                if (try? NSRegularExpression(pattern: pattern)) == nil {
                    constraints.problem("pattern", Message(vi: "không phải biểu thức chính quy hợp lệ", en: "is not a valid regular expression"))
                } else {
                    field.pattern = pattern
                }
            }
            if let values = constraints.strings("enum") { field.enumValues = values }
            if let minimum = constraints.number("minimum") { field.minimum = minimum }
            if let maximum = constraints.number("maximum") { field.maximum = maximum }
            if let minLength = constraints.integer("minLength") { field.minLength = minLength }
            if let maxLength = constraints.integer("maxLength") { field.maxLength = maxLength }
            constraints.finish()
        }
    }
}
