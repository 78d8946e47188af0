/// A coded value as exports write it, to the code of the shared list.
///
/// In order: the code itself; the code with the leading zeros a spreadsheet dropped ("6" → "06");
/// a code of the unit's own code system mapped through its crosswalk column (1979 ethnic codes to
/// 2008 ones); a name or alias of exactly one code ("Xơ Đăng" → "16", "Nữ" → "2").
public enum CodeNormalizer {
    public static let id = "code"

    public enum Resolution: Equatable, Sendable {
        case code(String)
        case padded(String)
        case crosswalk(String)
        case fromName(String)
        /// The name fits several codes; nothing is guessed.
        case ambiguous([String])
        case unresolved
    }

    /// - Parameters:
    ///   - sourceSystem: the unit's own list, if it does not use `list`; its `crosswalkColumn` holds `list`'s code.
    public static func resolve(_ value: String, in list: CodeList, sourceSystem: CodeList? = nil,
                               crosswalkColumn: String? = nil, on date: CivilDate?,
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
        let named = list.codes(nameKey: nameKey(value), on: date)
        switch named.count {
        case 1: return .fromName(named[0])
        case 0:
            // The name may belong to a unit that existed at another date; report it as unknown.
            return .unresolved
        default: return .ambiguous(named)
        }
    }
}
