/// Bodies that follow one another in time, exactly one of them in force on any date: the People's
/// Committee of Kon Tum province until 2025-06-30, that of the new Quảng Ngãi province from
/// 2025-07-01. What is published for a date names the one in force on it.
public struct Succession: Sendable, Equatable {
    /// In date order; the first open at its start, the last open at its end, each starting the day
    /// after the one before ends (loading refuses anything else).
    public let entries: [Organization]

    public init(_ first: Organization, then rest: [Organization] = []) {
        entries = [first] + rest
    }

    public func inForce(on date: CivilDate) -> Organization {
        entries.first { $0.isInForce(on: date) } ?? entries[entries.count - 1]
    }
}

extension Succession {
    /// Reads a list of dated entries and checks that their periods leave no date without a body
    /// and none with two. Problems name the entry and key (`publisher[1].validFrom`).
    static func load(_ list: [ConfigObject], in parent: ConfigObject, key: String, keys: Organization.Keys) -> Succession? {
        let organizations = list.map { Organization.load($0, keys: keys.union(.period)) }
        guard let first = organizations.first else {
            parent.problem(key, Message(vi: "cần ít nhất một mục", en: "needs at least one entry"))
            return nil
        }
        if first.validFrom != nil {
            list[0].problem("validFrom", Message(
                vi: "mục đầu tiên không có validFrom: trước ngày đó sẽ không có cơ quan nào",
                en: "the first entry has no validFrom: no body would be in force before it"))
        }
        if let lastEnd = organizations[organizations.count - 1].validTo {
            list[list.count - 1].problem("validTo", Message(
                vi: "mục cuối cùng không có validTo: sau \(lastEnd) sẽ không có cơ quan nào (hãy thêm mục kế tiếp)",
                en: "the last entry has no validTo: no body would be in force after \(lastEnd) (add the entry that follows)"))
        }
        for index in organizations.indices.dropFirst() {
            let previous = organizations[index - 1], entry = list[index]
            guard let start = organizations[index].validFrom else {
                entry.problem("validFrom", Message(vi: "bắt buộc phải có: mục này theo sau \(list[index - 1].path)",
                                                   en: "is required: this entry follows \(list[index - 1].path)"))
                continue
            }
            guard let end = previous.validTo else {
                list[index - 1].problem("validTo", Message(
                    vi: "bắt buộc phải có: không có nó, mục này trùng thời gian với \(entry.path) (từ \(start))",
                    en: "is required: without it this entry overlaps \(entry.path) (from \(start))"))
                continue
            }
            guard let expected = end.adding(days: 1), start != expected else { continue }
            if start < expected {
                entry.problem("validFrom", Message(
                    vi: "\(start) trùng thời gian với \(list[index - 1].path) (đến \(end)); phải là \(expected)",
                    en: "\(start) overlaps \(list[index - 1].path) (valid to \(end)); it must be \(expected)"))
            } else {
                entry.problem("validFrom", Message(
                    vi: "\(start) để trống từ \(expected): không có cơ quan nào sau \(list[index - 1].path) (đến \(end)); phải là \(expected)",
                    en: "\(start) leaves a gap from \(expected): no body follows \(list[index - 1].path) (valid to \(end)); it must be \(expected)"))
            }
        }
        return Succession(first, then: Array(organizations.dropFirst()))
    }
}
