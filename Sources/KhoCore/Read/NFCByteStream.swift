/// UTF-8 in, UTF-8 in NFC out, streaming: every reader puts its decoded text through one, so that
/// NFD exports (macOS, some Excel versions) and precomposed ones give the same bytes. The text from
/// the last ASCII byte of a read on is held back: the marks that complete its last letter may come
/// with the next read.
public final class NFCByteStream: ByteStream {
    private let source: ByteStream
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    /// Input bytes not yet normalized (a run not known to be complete), at the start of `input`.
    private var held = 0
    private var output: [UInt8] = []
    private var outputStart = 0
    private var ended = false

    public init(source: ByteStream) { self.source = source }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while outputStart == output.count {
            if ended { return 0 }
            try fill()
        }
        let count = min(buffer.count, output.count - outputStart)
        output.withUnsafeBytes { bytes in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[outputStart..<(outputStart + count)]))
        }
        outputStart += count
        return count
    }

    private func fill() throws {
        output.removeAll(keepingCapacity: true)
        outputStart = 0
        let count = try input.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[held...])) }
        let available = held + count
        if count == 0 { ended = true }
        // Everything before the last ASCII byte is complete; at the end of input, everything is.
        var cut = available
        if !ended {
            cut -= 1
            while cut > 0 && input[cut] >= 0x80 { cut -= 1 }
            cut = max(cut, 0)
            if cut == 0 && available == input.count {
                // No ASCII byte in a whole buffer: grow it rather than split a run.
                input += [UInt8](repeating: 0, count: input.count)
            }
        }
        input.withUnsafeBufferPointer { bytes in
            let ready = UnsafeBufferPointer(rebasing: bytes[0..<cut])
            if UnicodeNFC.isQuick(ready) { output.append(contentsOf: ready) } else { UnicodeNFC.append(ready, to: &output) }
        }
        let rest = available - cut
        for index in 0..<rest { input[index] = input[cut + index] }
        held = rest
    }
}
