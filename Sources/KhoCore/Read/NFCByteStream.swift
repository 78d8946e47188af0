/// UTF-8 in, UTF-8 in NFC out, streaming: every reader puts its decoded text through one, so that
/// NFD exports (macOS, some Excel versions) and precomposed ones give the same bytes. The text from
/// the last ASCII byte of a read on is held back: the marks that complete its last letter may come
/// with the next read. Text that is certainly NFC (nearly all of it) is handed out from the read
/// buffer as it is; only the rest is normalized into a buffer of its own.
public final class NFCByteStream: ByteStream {
    private let source: ByteStream
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    /// `input[readyStart..<readyEnd]` is NFC and waits to be handed out; `input[readyEnd..<filled]`
    /// is held back for the next read.
    private var readyStart = 0
    private var readyEnd = 0
    private var filled = 0
    /// Normalized text waiting to be handed out (the slow path).
    private var output: [UInt8] = []
    private var outputStart = 0
    private var ended = false

    public init(source: ByteStream) { self.source = source }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            if readyStart < readyEnd {
                let count = min(buffer.count, readyEnd - readyStart)
                input.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[readyStart..<(readyStart + count)])) }
                readyStart += count
                return count
            }
            if outputStart < output.count {
                let count = min(buffer.count, output.count - outputStart)
                output.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[outputStart..<(outputStart + count)])) }
                outputStart += count
                return count
            }
            if ended { return 0 }
            try fill()
        }
    }

    private func fill() throws {
        // What was held back moves to the front.
        let held = filled - readyEnd
        if readyEnd > 0 {
            input.withUnsafeMutableBytes { bytes in
                if let base = bytes.baseAddress, held > 0 { base.copyMemory(from: base + readyEnd, byteCount: held) }
            }
        }
        readyStart = 0
        readyEnd = 0
        filled = held
        output.removeAll(keepingCapacity: true)
        outputStart = 0
        if filled == input.count { input += [UInt8](repeating: 0, count: input.count) }   // a long run with no ASCII byte
        let count = try input.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
        filled += count
        if count == 0 { ended = true }
        // Everything before the last ASCII byte is complete; at the end of input, everything is.
        var cut = filled
        if !ended {
            cut -= 1
            while cut > 0 && input[cut] >= 0x80 { cut -= 1 }
        }
        let quick = input.withUnsafeBufferPointer { UnicodeNFC.isQuick(UnsafeBufferPointer(rebasing: $0[0..<cut])) }
        if quick {
            readyEnd = cut
        } else {
            input.withUnsafeBufferPointer { UnicodeNFC.append(UnsafeBufferPointer(rebasing: $0[0..<cut]), to: &output) }
            readyStart = cut
            readyEnd = cut
        }
    }
}
