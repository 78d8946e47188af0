/// Table Schema constraints: `pattern` (matched against the whole value, as Frictionless does),
/// `enum`, `minLength`/`maxLength`, `minimum`/`maximum` (physical ranges such as a pH between 0
/// and 14).
///
/// Which value each one sees is part of the schema: `enum` tests the value as the unit wrote it
/// (outer spaces aside), since an enum lists what users type; `pattern` and the lengths test the
/// canonical value (a phone pattern is written for the normalized number); `minimum`/`maximum`
/// test the parsed number. A field's `constraintsApplyTo` moves pattern, enum or the lengths to
/// the other value.
public final class ConstraintCheck: RowCheck {
    public static let id = "constraints"
    public static let codes: [FindingCode] = [.patternMismatch, .constraintViolated]

    /// A class, so that walking the rules for every row does not copy (and retain) their tables.
    private final class Rule {
        let index: Int
        let pattern: Pattern?
        let allowed: ByteTable<Bool>?
        let minLength: Int?
        let maxLength: Int?
        let minimum: Double?
        let maximum: Double?
        /// Which value each constraint tests, decided once: asking a `Set` for every row and rule
        /// hashed more than the tests themselves cost.
        let patternOnSource: Bool
        let enumOnSource: Bool
        let lengthOnSource: Bool
        let hasPattern: Bool
        let hasEnum: Bool

        init(index: Int, pattern: Pattern?, allowed: ByteTable<Bool>?, minLength: Int?, maxLength: Int?,
             minimum: Double?, maximum: Double?, onSource: Set<ValueConstraint>) {
            self.index = index
            self.pattern = pattern
            self.allowed = allowed
            self.minLength = minLength
            self.maxLength = maxLength
            self.minimum = minimum
            self.maximum = maximum
            patternOnSource = onSource.contains(.pattern)
            enumOnSource = onSource.contains(.enum)
            lengthOnSource = onSource.contains(.minLength)
            hasPattern = pattern != nil
            hasEnum = allowed != nil
        }

        // The tests are methods so the pattern and the enum table are read where they are stored:
        // binding them (`if let pattern = rule.pattern`) copied them, retaining and releasing each
        // of their tables for every row.

        /// True without a pattern.
        func passesPattern(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { pattern?.matches(bytes) ?? true }

        /// True without an enum.
        func passesEnum(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { allowed == nil || allowed?.value(for: bytes) != nil }
    }

    private let rules: [Rule]

    public init(schema: DatasetSchema) {
        rules = schema.fields.enumerated().compactMap { index, field in
            let numeric = field.type == .integer || field.type == .number || field.type == .year
            var allowed: ByteTable<Bool>? = nil
            if let values = field.enumValues {
                var table = ByteTable<Bool>()
                for value in values { table.set(true, for: value) }
                allowed = table
            }
            let rule = Rule(index: index, pattern: field.pattern.flatMap(Pattern.init), allowed: allowed,
                            minLength: field.minLength, maxLength: field.maxLength,
                            minimum: numeric ? field.minimum : nil, maximum: numeric ? field.maximum : nil,
                            onSource: field.constraintsOnSource)
            let hasAny = rule.pattern != nil || rule.allowed != nil || rule.minLength != nil || rule.maxLength != nil
                || rule.minimum != nil || rule.maximum != nil
            return hasAny ? rule : nil
        }
    }

    public func check(_ row: inout RowState, _ context: DatasetContext) {
        for rule in rules where !row.isEmpty(rule.index) && !row.failed[rule.index] {
            let index = rule.index
            // The row goes to `test` and `shown` as an argument, borrowed: local functions capturing
            // the inout row copied the whole row state (retaining each of its buffers) for every row.
            if rule.hasPattern, !Self.test(row, index, onSource: rule.patternOnSource, { rule.passesPattern($0) }) {
                let shown = Self.shown(row, index, onSource: rule.patternOnSource)
                context.emit(.patternMismatch, &row, field: index, value: shown, detail: rule.pattern?.source)
                continue
            }
            if rule.hasEnum, !Self.test(row, index, onSource: rule.enumOnSource, { rule.passesEnum($0) }) {
                let shown = Self.shown(row, index, onSource: rule.enumOnSource)
                context.emit(.constraintViolated, &row, field: index, value: shown, detail: "enum")
                continue
            }
            if rule.minLength != nil || rule.maxLength != nil {
                // Characters as Frictionless counts them: code points (of NFC text), i.e. the bytes
                // that do not continue a UTF-8 sequence. A value within the maximum in bytes needs no count.
                var length = 0
                _ = Self.test(row, index, onSource: rule.lengthOnSource) { bytes in
                    length = (rule.minLength == nil && bytes.count <= rule.maxLength ?? 0)
                        ? bytes.count : bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                    return true
                }
                if let minimum = rule.minLength, length < minimum {
                    let shown = Self.shown(row, index, onSource: rule.lengthOnSource)
                    context.emit(.constraintViolated, &row, field: index, value: shown, detail: "minLength \(minimum)")
                    continue
                }
                if let maximum = rule.maxLength, length > maximum {
                    let shown = Self.shown(row, index, onSource: rule.lengthOnSource)
                    context.emit(.constraintViolated, &row, field: index, value: shown, detail: "maxLength \(maximum)")
                    continue
                }
            }
            if rule.minimum != nil || rule.maximum != nil, let number = Double(row.value(index)) {
                if let minimum = rule.minimum, number < minimum {
                    context.emit(.constraintViolated, &row, field: index, value: row.value(index), detail: "minimum \(ConstraintCheck.format(minimum))")
                } else if let maximum = rule.maximum, number > maximum {
                    context.emit(.constraintViolated, &row, field: index, value: row.value(index), detail: "maximum \(ConstraintCheck.format(maximum))")
                }
            }
        }
    }

    @inline(__always)
    private static func test(_ row: RowState, _ index: Int, onSource: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        onSource ? row.withSourceValue(index, body) : row.withValue(index, body)
    }

    private static func shown(_ row: RowState, _ index: Int, onSource: Bool) -> String {
        onSource ? row.withSourceValue(index) { String(decoding: $0, as: UTF8.self) } : row.value(index)
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
