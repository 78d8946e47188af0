/// UTF-8 in, UTF-8 in NFC out, streaming: every reader puts its decoded text through one, so that
/// NFD exports (macOS, some Excel versions) and precomposed ones give the same bytes. The text from
/// the last ASCII byte of a read on is held back: the marks that complete its last letter may come
/// with the next read. Text that is certainly NFC (nearly all of it) is handed out from the read
/// buffer as it is; only the pieces that may not be are normalized, each into a buffer of its own.
public final class NFCByteStream: ByteStream {
    private let source: ByteStream
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    /// `input[..<complete]` holds whole pieces; `input[complete..<filled]` is held back for the next read.
    private var complete = 0
    private var filled = 0
    /// The next byte of `input` not yet looked at.
    private var cursor = 0
    /// `input[readyStart..<readyEnd]` is NFC and waits to be handed out.
    private var readyStart = 0
    private var readyEnd = 0
    /// A normalized piece waiting to be handed out.
    private var output: [UInt8] = []
    private var outputStart = 0
    private var ended = false
    private var pieces = UnicodeNFC.PieceMemo()

    public init(source: ByteStream) { self.source = source }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count {
            if readyStart < readyEnd {
                let count = min(buffer.count - written, readyEnd - readyStart)
                input.withUnsafeBytes { copy($0, from: readyStart, count: count, into: buffer, at: written) }
                readyStart += count
                written += count
            } else if outputStart < output.count {
                let count = min(buffer.count - written, output.count - outputStart)
                output.withUnsafeBytes { copy($0, from: outputStart, count: count, into: buffer, at: written) }
                outputStart += count
                written += count
            } else if cursor < complete {
                advance()
            } else if written > 0 || ended {
                break
            } else {
                try fill()
            }
        }
        return written
    }

    private func copy(_ from: UnsafeRawBufferPointer, from start: Int, count: Int, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        guard let source = from.baseAddress, let target = buffer.baseAddress else { return }
        (target + offset).copyMemory(from: source + start, byteCount: count)
    }

    /// Makes the next stretch ready: certainly-NFC text in place, or one piece normalized.
    private func advance() {
        input.withUnsafeBufferPointer { bytes in
            let rest = UnsafeBufferPointer(rebasing: bytes[cursor..<complete])
            let quick = UnicodeNFC.quickPrefix(rest)
            if quick > 0 {
                readyStart = cursor
                readyEnd = cursor + quick
                cursor += quick
            } else {
                let end = UnicodeNFC.pieceEnd(rest, from: 0)
                output.removeAll(keepingCapacity: true)
                outputStart = 0
                pieces.append(UnsafeBufferPointer(rebasing: rest[0..<end]), to: &output)
                cursor += end
            }
        }
    }

    private func fill() throws {
        // What was held back moves to the front.
        let held = filled - complete
        if complete > 0 && held > 0 {
            input.withUnsafeMutableBytes { bytes in
                if let base = bytes.baseAddress { base.copyMemory(from: base + complete, byteCount: held) }
            }
        }
        filled = held
        cursor = 0
        complete = 0
        if filled == input.count { input += [UInt8](repeating: 0, count: input.count) }   // a long run with no ASCII byte
        let count = try input.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
        filled += count
        if count == 0 { ended = true }
        // Everything before the last ASCII byte is whole; at the end of input, everything is.
        var cut = filled
        if !ended {
            cut -= 1
            while cut > 0 && input[cut] >= 0x80 { cut -= 1 }
        }
        complete = max(cut, 0)
    }
}
