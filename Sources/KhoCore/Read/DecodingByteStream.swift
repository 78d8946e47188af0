/// Turns a stream in any supported encoding into UTF-8, skipping a byte-order mark. Text from the
/// legacy code pages comes out in NFC: their separate tone and mark bytes are composed on the way.
///
/// Invalid input never stops reading and never passes silently: each bad sequence becomes U+FFFD
/// (which the CSV reader turns into a row finding on its line) and is counted here with its byte offset.
public final class DecodingByteStream: ByteStream {
    public struct Problem: Sendable, Equatable {
        /// Offset of the bad byte in the (decompressed) source, from 0.
        public let byteOffset: Int64
    }

    public let encoding: TextEncoding
    private let codePage: CodePage?
    private let source: ByteStream
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceEnded = false
    private var consumedBefore: Int64 = 0
    private var checkedMark = false
    /// Decoded bytes not yet handed out (a few, when the caller's buffer was nearly full).
    private var pending: [UInt8] = []
    private var pendingStart = 0

    /// The first problems (at most 100) and how many there were.
    public private(set) var problems: [Problem] = []
    public private(set) var problemCount = 0

    public init(source: ByteStream, encoding: TextEncoding) {
        self.source = source
        self.encoding = encoding
        codePage = encoding.codePage
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count >= 8 else { return try readSmall(into: buffer) }
        var written = 0
        let out = buffer.bindMemory(to: UInt8.self)
        while written == 0 {
            if pendingStart < pending.count {
                let count = min(out.count, pending.count - pendingStart)
                for index in 0..<count { out[index] = pending[pendingStart + index] }
                pendingStart += count
                if pendingStart == pending.count { pending.removeAll(keepingCapacity: true); pendingStart = 0 }
                return count
            }
            try refill()
            if inputStart == inputEnd && sourceEnded { return 0 }
            written = decode(into: out)
            if written == 0 && sourceEnded && inputStart < inputEnd {
                // A truncated sequence at the very end of the file.
                report(at: consumedBefore + Int64(inputStart))
                inputStart = inputEnd
                return put(replacement: out, at: 0)
            }
        }
        return written
    }

    private func readSmall(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var scratch = [UInt8](repeating: 0, count: 64)
        let count = try scratch.withUnsafeMutableBytes { try read(into: $0) }
        let used = min(count, buffer.count)
        for index in 0..<used { buffer[index] = scratch[index] }
        if used < count {
            pending.insert(contentsOf: scratch[used..<count], at: pendingStart)
        }
        return used
    }

    /// Keeps at least 4 bytes of input available unless the source ended.
    private func refill() throws {
        if inputEnd - inputStart >= 4 || sourceEnded { return }
        if inputStart > 0 {
            let remaining = inputEnd - inputStart
            for index in 0..<remaining { input[index] = input[inputStart + index] }
            consumedBefore += Int64(inputStart)
            inputStart = 0
            inputEnd = remaining
        }
        while inputEnd < input.count && !sourceEnded {
            let count = try input.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[inputEnd...])) }
            if count == 0 { sourceEnded = true } else { inputEnd += count }
            if inputEnd - inputStart >= 4 { break }
        }
        if !checkedMark {
            checkedMark = true
            let mark = encoding.byteOrderMark
            if !mark.isEmpty && inputEnd >= mark.count && input[0..<mark.count].elementsEqual(mark) {
                inputStart = mark.count
            }
        }
    }

    private func report(at offset: Int64) {
        problemCount += 1
        if problems.count < 100 { problems.append(Problem(byteOffset: offset)) }
    }

    private func put(replacement out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        out[index] = 0xEF; out[index + 1] = 0xBF; out[index + 2] = 0xBD
        return index + 3
    }

    /// Decodes as much input as fits, leaving room for one 4-byte sequence; returns bytes written.
    private func decode(into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        switch encoding {
        case .utf8: return decodeUTF8(into: out)
        case .utf16LE: return decodeUTF16(into: out, littleEndian: true)
        case .utf16BE: return decodeUTF16(into: out, littleEndian: false)
        case .windows1258, .windows1252, .tcvn3, .vni:
            guard let codePage else { preconditionFailure("\(encoding) has no code page") }
            return decodeLegacy(codePage, into: out)
        }
    }

    /// Length of the run of ASCII bytes at `inputStart`, read eight bytes at a time, at most
    /// `maximum` (rounded down to whole words, or a word's ASCII bytes before its first other one).
    @inline(__always)
    private func asciiRun(maximum: Int) -> Int {
        input.withUnsafeBytes { raw in
            var length = 0
            while length + 8 <= maximum {
                let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: inputStart + length, as: UInt64.self)) & 0x8080_8080_8080_8080
                if high != 0 { return length + high.trailingZeroBitCount / 8 }   // read little-endian: the first byte is lowest
                length += 8
            }
            return length
        }
    }

    /// Length of the valid UTF-8 at `inputStart`, whole sequences only, at most `maximum` bytes:
    /// ASCII eight bytes at a time, other sequences checked as `isValidSequence` checks them. It
    /// stops before anything else (a bad or cut sequence), which the byte-by-byte path then takes.
    /// Vietnamese text has a letter of two or three bytes every few ASCII ones: checking them in
    /// place and copying the run once cost half as much as copying each piece as it was checked.
    @inline(__always)
    private func validRun(maximum: Int) -> Int {
        input.withUnsafeBytes { raw in
            guard let start = raw.baseAddress else { return 0 }
            let bytes = start.assumingMemoryBound(to: UInt8.self) + inputStart
            var length = 0
            while length < maximum {
                if length + 8 <= maximum {
                    let high = UInt64(littleEndian: UnsafeRawPointer(bytes + length).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
                    if high == 0 {
                        length += 8
                        continue
                    }
                    length += high.trailingZeroBitCount / 8   // read little-endian: the first byte is lowest
                }
                let lead = bytes[length]
                if lead < 0x80 {
                    length += 1
                    continue
                }
                let size = DecodingByteStream.sequenceLength(lead: lead)
                guard size > 0, length + size <= maximum, DecodingByteStream.secondBytes(after: lead).contains(bytes[length + 1]) else { return length }
                if size > 2 && bytes[length + 2] & 0xC0 != 0x80 { return length }
                if size > 3 && bytes[length + 3] & 0xC0 != 0x80 { return length }
                length += size
            }
            return length
        }
    }

    @inline(__always)
    private func copyInput(_ count: Int, to out: UnsafeMutableBufferPointer<UInt8>, at index: Int) {
        input.withUnsafeBytes { raw in
            guard let source = raw.baseAddress, let target = out.baseAddress else { return }
            UnsafeMutableRawPointer(target + index).copyMemory(from: source + inputStart, byteCount: count)
        }
    }

    private func decodeUTF8(into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        let limit = out.count - 4
        while inputStart < inputEnd && written <= limit {
            // Runs of valid text are checked in place and copied whole.
            let run = validRun(maximum: min(inputEnd - inputStart, limit + 1 - written))
            if run > 0 {
                copyInput(run, to: out, at: written)
                written += run
                inputStart += run
                continue
            }
            // Not a valid run: a bad or cut sequence, or a whole one past the run's room (validRun
            // takes every ASCII byte while there is room).
            let lead = input[inputStart]
            let length = DecodingByteStream.sequenceLength(lead: lead)
            if length > 0 && inputStart + length > inputEnd && !sourceEnded { break }
            if length > 0 && inputStart + length <= inputEnd && isValidSequence(at: inputStart, length: length) {
                for offset in 0..<length { out[written + offset] = input[inputStart + offset] }
                written += length
                inputStart += length
            } else {
                // One U+FFFD for the longest valid start of a sequence (the "maximal subpart").
                report(at: consumedBefore + Int64(inputStart))
                written = put(replacement: out, at: written)
                // The second byte's range depends on the lead (no overlong form, surrogate or code
                // point past U+10FFFF starts validly); any later one is a continuation byte.
                var skip = 1
                if length > 0 && inputStart + 1 < inputEnd, DecodingByteStream.secondBytes(after: lead).contains(input[inputStart + 1]) {
                    skip = 2
                    while skip < length && inputStart + skip < inputEnd && input[inputStart + skip] & 0xC0 == 0x80 { skip += 1 }
                }
                inputStart += skip
            }
        }
        return written
    }

    /// The length of the sequence `lead` starts (2 to 4), or 0 for a byte no sequence starts with.
    @inline(__always)
    private static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    /// The bytes that may follow `lead` in well-formed UTF-8 (Unicode table 3-7).
    private static func secondBytes(after lead: UInt8) -> ClosedRange<UInt8> {
        switch lead {
        case 0xE0: return 0xA0...0xBF
        case 0xED: return 0x80...0x9F
        case 0xF0: return 0x90...0xBF
        case 0xF4: return 0x80...0x8F
        default: return 0x80...0xBF
        }
    }

    private func isValidSequence(at start: Int, length: Int) -> Bool {
        guard DecodingByteStream.secondBytes(after: input[start]).contains(input[start + 1]) else { return false }
        for offset in 2..<max(2, length) where input[start + offset] & 0xC0 != 0x80 { return false }
        return true
    }

    private func decodeUTF16(into out: UnsafeMutableBufferPointer<UInt8>, littleEndian: Bool) -> Int {
        var written = 0
        let limit = out.count - 4
        func unit(at index: Int) -> UInt32 {
            littleEndian ? UInt32(input[index]) | UInt32(input[index + 1]) << 8
                         : UInt32(input[index]) << 8 | UInt32(input[index + 1])
        }
        while inputEnd - inputStart >= 2 && written <= limit {
            let first = unit(at: inputStart)
            var scalar = first
            var used = 2
            if (0xD800...0xDBFF).contains(first) {
                if inputEnd - inputStart < 4 {
                    if !sourceEnded { break }
                    scalar = 0xFFFD
                } else {
                    let second = unit(at: inputStart + 2)
                    if (0xDC00...0xDFFF).contains(second) {
                        scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                        used = 4
                    } else {
                        scalar = 0xFFFD
                    }
                }
            } else if (0xDC00...0xDFFF).contains(first) {
                scalar = 0xFFFD
            }
            if scalar == 0xFFFD && first != 0xFFFD { report(at: consumedBefore + Int64(inputStart)) }
            written += UTF8Encoding.encode(scalar, into: out, at: written)
            inputStart += used
        }
        if sourceEnded && inputEnd - inputStart == 1 && written <= limit {
            // An odd byte left at the end cannot be a UTF-16 code unit.
            report(at: consumedBefore + Int64(inputStart))
            written = put(replacement: out, at: written)
            inputStart += 1
        }
        return written
    }

    /// Maps each byte through the code page. A letter followed by a mark byte (a Windows-1258 or TCVN3
    /// tone, a VNI diacritic) comes out as the one letter NFC makes of them; a byte at the end of the
    /// input waits for the next refill, since the mark that completes it may come with the next read.
    /// A mark that cannot compose with what precedes it is passed through: still valid Unicode.
    private func decodeLegacy(_ page: CodePage, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        // Room for the most one step writes: a letter and a second mark it could not take, 5 bytes.
        let limit = out.count - 5
        while inputStart < inputEnd && written <= limit {
            if page.asciiIsIdentity {
                let run = asciiRun(maximum: min(inputEnd - inputStart, limit + 1 - written))
                // The last byte of the run may be the letter a mark byte after the run belongs to.
                let copied = page.composes ? run - 1 : run
                if copied > 0 {
                    copyInput(copied, to: out, at: written)
                    written += copied
                    inputStart += copied
                    continue
                }
            }
            var value = page.entries[Int(input[inputStart])]
            if value == CodePage.undefined {
                report(at: consumedBefore + Int64(inputStart))
                written = put(replacement: out, at: written)
                inputStart += 1
                continue
            }
            if DecodingByteStream.isMarks(value) {
                written += DecodingByteStream.encodeMarks(value, into: out, at: written)
                inputStart += 1
                continue
            }
            var next = inputStart + 1
            var leftover: UInt32 = 0
            if page.composes {
                if next == inputEnd && !sourceEnded { break }
                if next < inputEnd {
                    let marks = page.entries[Int(input[next])]
                    if DecodingByteStream.isMarks(marks), let composed = CanonicalComposition.compose(value, marks & 0xFFFF) {
                        value = composed
                        next += 1
                        let second = marks >> 16
                        if second != 0 {
                            if let again = CanonicalComposition.compose(value, second) { value = again } else { leftover = second }
                        }
                    }
                }
            }
            written += UTF8Encoding.encode(value, into: out, at: written)
            if leftover != 0 { written += UTF8Encoding.encode(leftover, into: out, at: written) }
            inputStart = next
        }
        return written
    }

    /// A code-page entry that is one combining mark or a packed pair of them.
    @inline(__always)
    private static func isMarks(_ value: UInt32) -> Bool {
        value > 0xFFFF || CanonicalComposition.isMark(value)
    }

    private static func encodeMarks(_ value: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        var count = UTF8Encoding.encode(value & 0xFFFF, into: out, at: index)
        if value > 0xFFFF { count += UTF8Encoding.encode(value >> 16, into: out, at: index + count) }
        return count
    }
}

/// Writes one Unicode scalar as UTF-8.
enum UTF8Encoding {
    @inline(__always)
    static func encode(_ scalar: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            out[index] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[index] = UInt8(0xC0 | (scalar >> 6))
            out[index + 1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            out[index] = UInt8(0xE0 | (scalar >> 12))
            out[index + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[index + 2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            out[index] = UInt8(0xF0 | (scalar >> 18))
            out[index + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            out[index + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[index + 3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }
}
