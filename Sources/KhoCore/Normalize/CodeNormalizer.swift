/// A coded value as exports write it, to the code of the shared list.
///
/// In order: the code itself; the code with the leading zeros a spreadsheet dropped ("6" → "06");
/// a code of the unit's own code system mapped through its crosswalk column (1979 ethnic codes to
/// 2008 ones); a name or alias of exactly one code ("Xơ Đăng" → "16", "Nữ" → "2"). A name of several
/// codes is narrowed to those under the record's parent code when the list has a parent list
/// ("Xã Đắk Long" of district 615 is 23504); what still has several candidates is ambiguous.
public enum CodeNormalizer {
    public static let id = "code"

    public enum Resolution: Equatable, Sendable {
        case code(String)
        case padded(String)
        case crosswalk(String)
        case fromName(String)
        /// The name fits several codes, even under the record's parent code; nothing is guessed.
        case ambiguous([String])
        case unresolved
    }

    /// - Parameters:
    ///   - sourceSystem: the unit's own list, if it does not use `list`; its `crosswalkColumn` holds `list`'s code.
    ///   - parent: the record's code of the list's parent list (its district), if known.
    public static func resolve(_ value: String, in list: CodeList, sourceSystem: CodeList? = nil,
                               crosswalkColumn: String? = nil, on date: CivilDate?, parent: String? = nil,
                               nameKey: (String) -> String = NameKey.key) -> Resolution {
        if let sourceSystem, let column = crosswalkColumn {
            let code = sourceSystem.contains(code: value) ? value : sourceSystem.padded(value)
            if let code, let mapped = sourceSystem.latest(code)?.extra[column], !mapped.isEmpty, list.contains(code: mapped) {
                return .crosswalk(mapped)
            }
        } else {
            if list.contains(code: value) { return .code(value) }
            if let padded = list.padded(value) { return .padded(padded) }
        }
        let key = nameKey(value)
        var named = list.codes(nameKey: key, on: date)
        // A list replaced by one that is not loaded ends before the date: the name is read as the
        // list last had it, so its code can be reported as superseded rather than unknown.
        if named.isEmpty, let date, list.unloadedSuccessor(on: date) != nil, let end = list.endsOn {
            named = list.codes(nameKey: key, on: end)
        }
        if named.count > 1, let parent {
            let narrowed = list.codes(named, withParent: parent, on: date)
            if !narrowed.isEmpty { named = narrowed }
        }
        switch named.count {
        case 1: return .fromName(named[0])
        case 0:
            // The name may belong to a unit that existed at another date; report it as unknown.
            return .unresolved
        default: return .ambiguous(named)
        }
    }
}
