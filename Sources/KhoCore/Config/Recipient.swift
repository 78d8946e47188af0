import Foundation

/// An agency that receives a shared dataset, given in `sharingService.recipients.agencies` either
/// as its name alone or as an object naming its contact and how its copy reaches it: a command run
/// for it once the bundle is complete (`gpg --encrypt` into its drop folder, an upload to the
/// province's sharing platform).
public struct Recipient: Sendable, Equatable {
    /// Stable id for the audit trail and `{recipient}`; nil for an agency given by name only.
    public var id: String?
    public var name: String
    public var contact: String?
    public var delivery: DeliveryCommand?
}

/// A delivery: an argument list (no shell), each argument a template of the placeholders below,
/// run with the out folder as working directory, stopped after `timeoutSeconds`.
public struct DeliveryCommand: Sendable, Equatable {
    public var arguments: [TextTemplate]
    public var timeoutSeconds: Double

    /// `{bundle}` the shared bundle's absolute path, `{sha256File}` its sidecar's, `{file}` its file
    /// name, `{dataset}`, `{recipient}` (the recipient's id), `{asOf}` the bundle's date.
    public static let placeholders: Set<String> = ["bundle", "sha256File", "file", "dataset", "recipient", "asOf"]
    static let defaultTimeout: Double = 600

    public func render(_ values: [String: String]) -> [String] { arguments.map { $0.render(values) } }
}

extension Recipient {
    /// The entries of `agencies`: text, or `{"id", "name", "contact", "delivery": {"command": [...], "timeoutSeconds"}}`.
    static func load(_ recipients: ConfigObject) -> [Recipient] {
        guard let value = recipients.raw("agencies") else { return [] }
        guard case .array(let items) = value else {
            recipients.problem("agencies", Message(vi: "cần một mảng, gặp \(value.typeNameVietnamese)", en: "expected an array, found \(value.typeName)"))
            return []
        }
        var result: [Recipient] = []
        var ids = Set<String>()
        for (index, item) in items.enumerated() {
            if case .string(let name) = item {
                result.append(Recipient(id: nil, name: name))
                continue
            }
            guard let entry = ConfigObject(item, file: recipients.file, path: "\(recipients.childPath("agencies"))[\(index)]",
                                           problems: recipients.problemsCollector) else { continue }
            entry.accept("$comment")
            let id = entry.requiredString("id")
            if !id.isEmpty && !id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) {
                entry.problem("id", Message(vi: "chỉ gồm chữ thường a-z, chữ số và dấu gạch ngang", en: "only lower-case a-z, digits and hyphens"))
            } else if !id.isEmpty && !ids.insert(id).inserted {
                entry.problem("id", Message(vi: "\"\(id)\" đã có ở một cơ quan nhận khác", en: "\"\(id)\" is already another recipient's id"))
            }
            var recipient = Recipient(id: id, name: entry.requiredString("name"), contact: entry.string("contact"))
            if let delivery = entry.object("delivery") {
                recipient.delivery = DeliveryCommand.load(delivery)
            }
            entry.finish()
            result.append(recipient)
        }
        return result
    }
}

extension DeliveryCommand {
    static func load(_ object: ConfigObject) -> DeliveryCommand? {
        object.accept("$comment")
        let words = object.strings("command") ?? []
        if words.isEmpty { object.problem("command", Message(vi: "cần danh sách tham số của lệnh, ví dụ [\"gpg\", \"--encrypt\", …]",
                                                              en: "needs the command's argument list, e.g. [\"gpg\", \"--encrypt\", …]")) }
        var arguments: [TextTemplate] = []
        for (index, word) in words.enumerated() {
            do {
                arguments.append(try TextTemplate(word, known: placeholders))
            } catch {
                object.problem("command[\(index)]", Message(
                    vi: "không có chỗ thay {\(error.names.joined(separator: "}, {"))}; dùng {\(placeholders.sorted().joined(separator: "}, {"))}",
                    en: "no placeholder {\(error.names.joined(separator: "}, {"))}; use {\(placeholders.sorted().joined(separator: "}, {"))}"))
            }
        }
        var timeout = defaultTimeout
        if let seconds = object.number("timeoutSeconds") {
            if seconds > 0 { timeout = seconds } else { object.problem("timeoutSeconds", Message(vi: "phải lớn hơn 0", en: "must be more than 0")) }
        }
        object.finish()
        return words.isEmpty ? nil : DeliveryCommand(arguments: arguments, timeoutSeconds: timeout)
    }
}
