/// How a bundle names a unit on its as-of date. A unit in force is named as configured. A unit
/// that has ended is named by its successor with the unit that sent the rows kept beside it —
/// "X (trước đây là Y)" — or, when no successor is on record, by itself with the day it ended:
/// the rows stay the sender's, and a successor is never guessed.
struct UnitName {
    let title: Message
    /// The agency code of the body the title names first; nil when that body's code is unknown.
    let agencyCode: String?
    /// The unit as configured, when it is no longer in force on the date.
    let sentBy: DataPackage.SentBy?

    init(_ unit: UnitConfig, on date: CivilDate) {
        guard let ended = unit.validTo, date > ended else {
            title = .verbatim(unit.name)
            agencyCode = unit.agencyCode
            sentBy = nil
            return
        }
        sentBy = DataPackage.SentBy(title: unit.name, agencyCode: unit.agencyCode, validTo: ended.description)
        if let successor = unit.successor {
            title = Message(vi: "\(successor.name) (trước đây là \(unit.name))", en: "\(successor.name) (formerly \(unit.name))")
            agencyCode = successor.agencyCode
        } else {
            title = Message(vi: "\(unit.name) (hoạt động đến \(ended); chưa ghi nhận đơn vị kế thừa)",
                            en: "\(unit.name) (in force until \(ended); no successor on record)")
            agencyCode = unit.agencyCode
        }
    }

    /// The name a bundle or catalog prints (they are in Vietnamese).
    var text: String { title.vi }

    /// The name of a unit known by id from a report, or the name the report kept when the unit is
    /// no longer configured.
    static func text(of unit: String, reported: String, in config: Configuration, on date: CivilDate) -> String {
        config.unit(unit).map { UnitName($0, on: date).text } ?? reported
    }
}
