import Foundation
import KhoCore

/// A deterministic synthetic export of household members (the `thanh-vien-ho` benchmark dataset),
/// as an Excel-minded unit writes it: `dd/MM/yyyy` dates, names with padding and some in NFD,
/// quoted addresses with commas, phones empty or still 11 digits. About 1.5% of rows carry exactly
/// one defect, and the generator counts each kind: that count is the truth the benchmark checks.
struct SyntheticExport {
    /// What the quality report must say about the file.
    struct Truth: Codable, Equatable {
        var rows: Int
        var badDates: Int
        /// A real date written `yyyy-MM-dd` in a `dd/MM/yyyy` column.
        var isoDates: Int
        var unknownCodes: Int
        /// Copies of an earlier row's ID: of a clean row, or of a row rejected for another defect
        /// (the first row in file order owns the key whatever its findings).
        var duplicateIDs: Int
        var duplicatesOfRejected: Int
        var emptyNames: Int

        var rejected: Int { badDates + isoDates + unknownCodes + duplicateIDs + duplicatesOfRejected + emptyNames }
    }

    static let header = "MA_HO,HO_TEN,NGAY_SINH,GIOI_TINH,MA_DAN_TOC,SO_DINH_DANH,QUAN_HE,MA_XA,TEN_XA,DIA_CHI,DIEN_THOAI,LOAI_HO,NAM_RA_SOAT,NGAY_CAP_NHAT"

    /// Kon Tum communes valid in 2024, with their names as the catalog writes them.
    static let communes: [(String, String)] = [
        ("23281", "Phường Quang Trung"), ("23284", "Phường Duy Tân"), ("23311", "Xã Đắk Cấm"), ("23314", "Xã Kroong"),
        ("23341", "Thị trấn Đắk Glei"), ("23365", "Xã Ngọc Linh"), ("23395", "Xã Bờ Y"), ("23410", "Xã Măng Ri"),
        ("23425", "Xã Đắk Hà"), ("23473", "Thị trấn Măng Đen"), ("23479", "Thị trấn Đắk Rve"), ("23500", "Thị trấn Đắk Hà"),
        ("23521", "Xã Hà Mòn"), ("23527", "Thị trấn Sa Thầy"), ("23548", "Xã Ya Xiêr"),
    ]
    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "A", "Y", "Đinh", "Hồ", "Rơ Châm", "Siu", "Ksor", "Kpă", "Võ", "Bùi"]
    static let middleNames = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "", "Hữu", "Thu"]
    static let givenNames = ["Thút", "Hoa", "Lan", "Đức", "Hùng", "Blong", "Nhơ", "Hiền", "Quý", "Rơ", "Tuyết", "Phương", "Xuân", "Hòa"]
    /// 2008 codes (dan-toc.csv); 29 is Giẻ Triêng (27 is Tà Ôi).
    static let ethnicCodes = ["01", "16", "12", "29", "10", "17", "18", "19"]

    /// Writes `rows` data rows to `url` and returns the truth. Same `rows` and `unit`, same bytes.
    /// - Parameter unit: 0 for the benchmark's one export; each other number gives another unit's
    ///   export, of other people: its own random sequence, and IDs registered in another province
    ///   (the first three digits), so no ID is shared across units.
    static func write(rows: Int, to url: URL, unit: Int = 0) throws -> Truth {
        precondition((0..<38).contains(unit), "province codes 062…099")
        var truth = Truth(rows: rows, badDates: 0, isoDates: 0, unknownCodes: 0, duplicateIDs: 0, duplicatesOfRejected: 0, emptyNames: 0)
        var random = SplitMix64(seed: 0x4B44_4C62_656E_6368 ^ UInt64(unit))
        let province = pad(62 + unit, 3)
        let file = try AtomicFile(url)
        try file.write(header + "\r\n")
        var line = ""
        line.reserveCapacity(256)
        var earlierIDs: [String] = []
        var rejectedIDs: [String] = []
        var serial = 0
        for index in 0..<rows {
            let household = index / 4
            let (commune, communeName) = communes[household % communes.count]
            let male = random.next() % 2 == 0
            let year = 1940 + Int(random.next() % 80)
            let month = 1 + Int(random.next() % 12)
            let day = 1 + Int(random.next() % 28)
            serial += 1
            let centuryDigit = (year >= 2000 ? 2 : 0) + (male ? 0 : 1)
            var id = "\(province)\(centuryDigit)\(two(year % 100))\(six(serial % 1_000_000))"
            var name = "\(familyNames[Int(random.next() % 14)]) \(middleNames[Int(random.next() % 8)]) \(givenNames[Int(random.next() % 14)])"
            name = name.replacingOccurrences(of: "  ", with: " ")
            var birth = "\(two(day))/\(two(month))/\(year)"
            var communeCode = commune

            // One defect in about 70 rows; a duplicate copies the ID of an earlier clean row, or of
            // an earlier row rejected for another defect.
            var isRejected = true
            var isCopy = false
            switch random.next() % 400 {
            case 0: birth = "31/02/\(year)"; truth.badDates += 1
            case 1: communeCode = "99999"; truth.unknownCodes += 1
            case 2 where !earlierIDs.isEmpty:
                id = earlierIDs[Int(random.next() % UInt64(earlierIDs.count))]
                isCopy = true
                truth.duplicateIDs += 1
            case 3: name = ""; truth.emptyNames += 1
            case 4: birth = "\(year)-\(two(month))-\(two(day))"; truth.isoDates += 1
            case 5 where !rejectedIDs.isEmpty:
                id = rejectedIDs[Int(random.next() % UInt64(rejectedIDs.count))]
                isCopy = true
                truth.duplicatesOfRejected += 1
            default:
                isRejected = false
                if earlierIDs.count < 10_000 && random.next() % 50 == 0 { earlierIDs.append(id) }
            }
            if isRejected && !isCopy && rejectedIDs.count < 10_000 { rejectedIDs.append(id) }
            var phone = ""
            switch random.next() % 10 {
            case 0, 1, 2: phone = "09\(eight(Int(random.next() % 100_000_000)))"
            case 3: phone = "0168\(seven(Int(random.next() % 10_000_000)))"
            default: break
            }
            // Padding and decomposed text are not defects: normalization repairs them.
            if !name.isEmpty {
                switch random.next() % 20 {
                case 0: name = "  \(name) "
                case 1: name = name.decomposedStringWithCanonicalMapping
                default: break
                }
            }
            line.removeAll(keepingCapacity: true)
            line += "KT-\(six(household)),\(name),\(birth),\(male ? 1 : 2),\(ethnicCodes[household % ethnicCodes.count]),\(id),"
            line += "\(index % 4 == 0 ? "01" : "04"),\(communeCode),\(communeName),\"Thôn \(household % 9 + 1), \(communeName), Kon Tum\","
            line += "\(phone),\(household % 3 == 0 ? 2 : 1),2024,\(two(1 + index % 28))/11/2024\r\n"
            try file.write(line.utf8)
        }
        try file.commit()
        return truth
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    private static func six(_ value: Int) -> String { pad(value, 6) }
    private static func seven(_ value: Int) -> String { pad(value, 7) }
    private static func eight(_ value: Int) -> String { pad(value, 8) }
}

/// A small, fast, reproducible generator (Vigna's SplitMix64): the same seed, the same file.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
