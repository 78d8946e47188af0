/// Hides personal values in reports: first and last character kept, the rest starred.
public enum Masking {
    public static func mask(_ value: String) -> String {
        let characters = Array(value)
        guard characters.count > 2 else { return String(repeating: "*", count: characters.count) }
        return String(characters[0]) + String(repeating: "*", count: characters.count - 2) + String(characters[characters.count - 1])
    }
}
