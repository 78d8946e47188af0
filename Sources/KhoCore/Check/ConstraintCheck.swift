/// Table Schema constraints on the canonical value: `pattern` (matched against the whole value,
/// as Frictionless does), `enum`, `minLength`/`maxLength`, `minimum`/`maximum` (physical ranges
/// such as a pH between 0 and 14).
public final class ConstraintCheck: RowCheck {
    public static let id = "constraints"
    public static let codes = ["pattern-mismatch", "constraint-violated"]

    private struct Rule {
        let index: Int
        let pattern: Pattern?
        let allowed: Set<String>?
        let minLength: Int?
        let maxLength: Int?
        let minimum: Double?
        let maximum: Double?
    }

    private let rules: [Rule]

    public init(schema: DatasetSchema) {
        rules = schema.fields.enumerated().compactMap { index, field in
            let pattern = field.pattern.flatMap(Pattern.init)
            let numeric = field.type == .integer || field.type == .number || field.type == .year
            let rule = Rule(index: index, pattern: pattern, allowed: field.enumValues.map(Set.init),
                            minLength: field.minLength, maxLength: field.maxLength,
                            minimum: numeric ? field.minimum : nil, maximum: numeric ? field.maximum : nil)
            let hasAny = rule.pattern != nil || rule.allowed != nil || rule.minLength != nil || rule.maxLength != nil
                || rule.minimum != nil || rule.maximum != nil
            return hasAny ? rule : nil
        }
    }

    public func check(_ row: inout RowState, _ context: ValidationContext) {
        for rule in rules where !row.values[rule.index].isEmpty && !row.failed[rule.index] {
            let value = row.values[rule.index]
            if let pattern = rule.pattern, !pattern.matches(value) {
                context.emit("pattern-mismatch", &row, field: rule.index, value: value, detail: pattern.source)
                continue
            }
            if let allowed = rule.allowed, !allowed.contains(value) {
                context.emit("constraint-violated", &row, field: rule.index, value: value, detail: "enum")
                continue
            }
            if rule.minLength != nil || rule.maxLength != nil {
                // Characters as Frictionless counts them: code points (of NFC text). Bytes bound them
                // from above, so a short value needs no counting against a maximum.
                let bytes = value.utf8.count
                let length = (rule.minLength == nil && bytes <= rule.maxLength ?? 0) ? bytes : value.unicodeScalars.count
                if let minimum = rule.minLength, length < minimum {
                    context.emit("constraint-violated", &row, field: rule.index, value: value, detail: "minLength \(minimum)")
                    continue
                }
                if let maximum = rule.maxLength, length > maximum {
                    context.emit("constraint-violated", &row, field: rule.index, value: value, detail: "maxLength \(maximum)")
                    continue
                }
            }
            if rule.minimum != nil || rule.maximum != nil, let number = Double(value) {
                if let minimum = rule.minimum, number < minimum {
                    context.emit("constraint-violated", &row, field: rule.index, value: value, detail: "minimum \(ConstraintCheck.format(minimum))")
                } else if let maximum = rule.maximum, number > maximum {
                    context.emit("constraint-violated", &row, field: rule.index, value: value, detail: "maximum \(ConstraintCheck.format(maximum))")
                }
            }
        }
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
