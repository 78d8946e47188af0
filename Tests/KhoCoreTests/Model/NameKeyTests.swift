import Foundation
import Synchronization
import Testing
@testable import KhoCore

struct NameKeyTests {
    @Test func spellingsOfOneNameMeetOnOneKey() {
        let key = NameKey.key("Đắk Hà")
        #expect(NameKey.key("đắk  hà") == key)
        #expect(NameKey.key("Đắk Hà".decomposedStringWithCanonicalMapping) == key)
        #expect(NameKey.key("ĐẮK-HÀ") == key)
        #expect(NameKey.key("Thuận Hòa") == NameKey.key("thuận hoà"))
        #expect(NameKey.key("Ba") != NameKey.key("Bà"))
        #expect(NameKey.key("Ba Na") == "ba na")
        #expect(NameKey.key("  ,; ") == "")
        #expect(Array(NameKey.key("Hòa").unicodeScalars).map(\.value) == [0x68, 0x6F, 0x61, 0x300])
    }

    /// The per-character path against the definition (the whole text decomposed at once): every
    /// name and alias of the code lists, and random texts of Vietnamese letters, other Latin
    /// letters and symbols, digits, separators and loose combining marks.
    @Test func theLatinPathIsTheDefinition() throws {
        var texts: [String] = []
        let catalogs = TestSupport.repositoryRoot.appendingPathComponent("pipelines/catalogs")
        for file in try FileManager.default.contentsOfDirectory(atPath: catalogs.path) where file.hasSuffix(".csv") {
            texts += try String(contentsOf: catalogs.appendingPathComponent(file), encoding: .utf8)
                .split(whereSeparator: { $0 == "," || $0 == "|" || $0.isNewline }).map(String.init)
        }
        let alphabet = Array("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                             + "ÀÁẢÃẠỲÝỶỸỴĂẮẶƯỨỰĐ0123456789 -.,/()'_ ×÷ªºµ²ßæøłŉǅǈẞİıſ\u{00A0}\u{0301}\u{0323}\u{0302}ΩЖ").map(String.init)
        var random = SplitMix(state: 47)
        for _ in 0..<5_000 {
            texts.append((0..<Int(random.next() % 16)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined())
        }
        for text in texts + texts.map(\.decomposedStringWithCanonicalMapping) {
            let key = NameKey.key(text), defined = NameKey.decomposedKey(text)
            #expect(Array(key.unicodeScalars) == Array(defined.unicodeScalars), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(NameKey.latinKey("Đắk Hà") != nil)
        #expect(NameKey.latinKey("Ω") == nil)
        #expect(NameKey.latinKey("Ha\u{0300}") == nil)
    }

    /// Keys made on many threads at once, each learning characters the others learn too, are
    /// the keys of the definition.
    @Test func keysMadeOnManyThreadsAtOnceAreTheDefinition() {
        let names = ["Đắk Hà", "Thuận Hòa", "Ngọc Hồi", "Sa Thầy", "Kon Rẫy", "Ia H'Drai", "Tu Mơ Rông", "Đắk Tô", "Măng Ri",
                     "Pờ Ê", "Xốp", "Ngọk Tem", "Đăk Ui", "Hiếu", "Rờ Kơi", "Mô Rai", "Ya Xiêr", "Đắk Rơ Nga", "Ŋôk", "Ẵ ẳ ẵ ỹ"]
        let texts = (0..<400).map { names[$0 % names.count] + " " + names[($0 * 7) % names.count] }
        let keys = Mutex<[Int: String]>([:])
        DispatchQueue.concurrentPerform(iterations: texts.count) { index in
            let key = NameKey.key(texts[index])
            keys.withLock { $0[index] = key }
        }
        let made = keys.withLock { $0 }
        for (index, text) in texts.enumerated() {
            #expect(Array((made[index] ?? "").unicodeScalars) == Array(NameKey.decomposedKey(text).unicodeScalars), "\(text)")
        }
    }
}
