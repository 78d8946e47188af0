import Foundation

/// One row on its way through the normalization rules and the checks: the values as found, the
/// canonical values the rules compute (kept as replacements of the raw bytes, so an unchanged value
/// is never copied), what each rule changed or could not parse, what the rules learned for the
/// checks (the record's date, the code entries on that date), and the checks' findings.
public struct RowState {
    /// Values as found (extracted), one per field.
    public private(set) var raw = FieldRow()
    private var replacementStorage: [UInt8] = []
    private var replacements: [Range<Int>?] = []
    private var replaced = false
    /// Fields that already failed with an error; later checks leave them alone.
    public var failed = FieldSet()
    public var findings: [Finding] = []
    /// What the rules changed, in order: a field and the kind of change.
    public private(set) var changes = ChangeList()
    /// Fields a rule could not bring to canonical form (a date that does not parse, a phone
    /// number that is none): left as they are, for a check to report.
    public var unparsed = FieldSet()
    /// Date fields read in a layout other than the ones the field declares (kept in canonical
    /// form, for a check to report).
    public var unexpectedLayouts = FieldSet()
    /// Per coded field, how its value resolved to a code (nil when it was a code of the list).
    public private(set) var codeResolutions: [CodeNormalizer.Resolution?] = []
    /// Per coded field, the code's validity on the record's date.
    public private(set) var codeLookups: [CodeList.Lookup?] = []
    /// Name fields that do not agree with the code beside them (left as they are).
    public var nameMismatches = FieldSet()
    /// Per field, the code-list entry in force on the record's date (filled by the code rule).
    public private(set) var recordEntries: [CodeList.Entry?] = []
    /// The fields with a resolution, lookup or entry set: the next record clears only these, as
    /// clearing every field's three optionals (each releasing what it held) cost 1 400 instructions a row.
    private var coded = FieldSet()
    /// The record's date (its record-date field), once the date rule has parsed it.
    public var recordDate: CivilDate?
    public private(set) var file = ""
    public private(set) var line = 0

    public init() {}

    public init(record: Record) {
        reset(with: record)
    }

    /// Starts over with the next record, keeping the storage of the last one.
    public mutating func reset(with record: Record) {
        raw = record.values
        replacementStorage.removeAll(keepingCapacity: true)
        if replacements.count != raw.count {
            replacements = [Range<Int>?](repeating: nil, count: raw.count)
            recordEntries = [CodeList.Entry?](repeating: nil, count: raw.count)
            codeResolutions = [CodeNormalizer.Resolution?](repeating: nil, count: raw.count)
            codeLookups = [CodeList.Lookup?](repeating: nil, count: raw.count)
        } else {
            if replaced {
                for index in replacements.indices { replacements[index] = nil }
            }
            coded.forEach { index in
                recordEntries[index] = nil
                codeResolutions[index] = nil
                codeLookups[index] = nil
            }
        }
        replaced = false
        coded = FieldSet()
        failed = FieldSet()
        unparsed = FieldSet()
        unexpectedLayouts = FieldSet()
        nameMismatches = FieldSet()
        findings.removeAll(keepingCapacity: true)
        changes = ChangeList()
        recordDate = nil
        file = record.file
        line = record.line
    }

    /// Notes a rewrite a rule made to a field.
    public mutating func noteChange(_ field: Int, _ change: NormalizationChange) {
        changes.append(field: field, change: change)
    }

    /// Whether a rule made this kind of change to the field.
    public func changed(_ field: Int, by change: NormalizationChange) -> Bool {
        changes.contains(field: field, change: change)
    }

    public var count: Int { raw.count }

    public var isRejected: Bool { findings.contains { $0.severity == .error } }

    /// Lineage as the work files write it.
    public var source: String { "\(file):\(line)" }

    // MARK: - Canonical values

    @inline(__always)
    public func withValue<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let range = replacements[index] {
            return try replacementStorage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        return try raw.withField(index, body)
    }

    /// The canonical values as a row of their own, to hand to another thread.
    public func canonicalRow() -> FieldRow {
        if !replaced { return raw }
        var byteCount = 0
        for index in 0..<count { byteCount += self.byteCount(index) }
        return raw.withValueBytes { raw in
            replacementStorage.withUnsafeBufferPointer { replacementBytes in
                FieldRow(count: count, byteCount: byteCount) { index in
                    if let range = replacements[index] { return UnsafeBufferPointer(rebasing: replacementBytes[range]) }
                    return UnsafeBufferPointer(rebasing: raw[self.raw.start(index)..<self.raw.end(index)])
                }
            }
        }
    }

    public func isEmpty(_ index: Int) -> Bool {
        if let range = replacements[index] { return range.isEmpty }
        return raw.isEmpty(index)
    }

    public func byteCount(_ index: Int) -> Int {
        replacements[index]?.count ?? raw.byteCount(index)
    }

    /// The value as the unit wrote it, without outer spaces: what constraints declared on the
    /// source are tested against.
    @inline(__always)
    public func withSourceValue<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try raw.withField(index) { bytes in
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return try body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    /// The value as found in the export (findings show what the unit wrote).
    public func rawValue(_ index: Int) -> String { raw.string(index) }

    /// The canonical value as a string (findings, slow paths, tests).
    public func value(_ index: Int) -> String {
        withValue(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every canonical value as a string (tests, reports).
    public var values: [String] { (0..<count).map(value) }

    public func valueEquals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        withValue(index) { value in
            value.count == bytes.count && (bytes.isEmpty || memcmp(value.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
    }

    public func valueEquals(_ index: Int, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { valueEquals(index, $0) }
    }

    /// How a coded field's value resolved to a code, when it was not a code of the list.
    public mutating func noteResolution(_ index: Int, _ resolution: CodeNormalizer.Resolution) {
        codeResolutions[index] = resolution
        coded[index] = true
    }

    /// A coded field's validity on the record's date, and the entry in force when it is valid.
    public mutating func noteLookup(_ index: Int, _ lookup: CodeList.Lookup) {
        codeLookups[index] = lookup
        if case .valid(let entry) = lookup { recordEntries[index] = entry }
        coded[index] = true
    }

    /// Replaces a field's canonical value.
    public mutating func setValue(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        let start = replacementStorage.count
        replacementStorage.append(contentsOf: bytes)
        replacements[index] = start..<replacementStorage.count
        replaced = true
    }

    public mutating func setValue(_ index: Int, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { setValue(index, $0) }
    }

    public mutating func setValue(_ index: Int, _ text: String) {
        var copy = text
        copy.withUTF8 { setValue(index, $0) }
    }

    /// Replaces a field's canonical value by `bytes` and notes the change, unless the value is
    /// those bytes already.
    public mutating func replaceValue(_ index: Int, with bytes: UnsafeBufferPointer<UInt8>, noting change: NormalizationChange) {
        if valueEquals(index, bytes) { return }
        setValue(index, bytes)
        noteChange(index, change)
    }

    public mutating func replaceValue(_ index: Int, with bytes: [UInt8], noting change: NormalizationChange) {
        bytes.withUnsafeBufferPointer { replaceValue(index, with: $0, noting: change) }
    }
}

extension RowState: ByteFields {
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withValue(index, body)
    }
}
