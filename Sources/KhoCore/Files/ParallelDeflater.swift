import Foundation
import KhoNative

/// Deflate on several cores, as pigz does: the input is cut into fixed blocks, each block is
/// compressed on a worker by our own encoder (`ChunkDeflater`) with the previous block's last 32 KiB
/// as history and ended on a byte boundary (the last one ends the stream), and the pieces are
/// written in order.
///
/// The output depends only on the input, the level and the block size, never on the number of
/// workers or on timing: the same bytes give the same archive. CRC-32s are computed per block and
/// combined.
public final class ParallelDeflater {
    /// 1 MiB, not pigz's 128 KiB: every block hashes its 32 KiB of history again and sets up its
    /// tables afresh, a quarter more hashing at 128 KiB and a thirty-second at 1 MiB (on a
    /// 100 000-row night 1.8 % fewer instructions in all, and the shared bundle 0.1 % smaller). Blocks
    /// in flight stay a few MiB.
    public static let defaultBlockSize = 1 << 20
    static let dictionarySize = 32 << 10

    fileprivate struct Piece: Sendable {
        var compressed: [UInt8]
        var crc: UInt32
        var size: Int
    }

    /// What the workers and the caller share; every access holds the condition's lock (hence
    /// `@unchecked`: the caller waits on the condition, which a Mutex cannot do).
    private final class Board: @unchecked Sendable {
        let condition = NSCondition()
        var finished: [Int: Piece] = [:]
        var failure: Error?
        /// Blocks compressed, for the caller to fill again: a fresh megabyte is faulted in page by
        /// page (256 faults), and the allocator handed the first blocks of every night fresh pages.
        var spare: [[UInt8]] = []
        let slots: DispatchSemaphore

        init(slots: Int) { self.slots = DispatchSemaphore(value: slots) }

        func store(_ sequence: Int, _ result: Result<Piece, Error>, spare block: consuming [UInt8]) {
            condition.lock()
            spare.append(block)
            switch result {
            case .success(let piece): finished[sequence] = piece
            case .failure(let error): failure = failure ?? error
            }
            condition.broadcast()
            condition.unlock()
        }

        func spareBlock() -> [UInt8]? {
            condition.lock()
            defer { condition.unlock() }
            return spare.popLast()
        }

        func dropSpares() {
            condition.lock()
            spare = []
            condition.unlock()
        }
    }

    public let blockSize: Int
    private let level: Int32
    private let output: ([UInt8]) throws -> Void
    private let workers: Int
    /// The block being filled, after the history it is compressed with (the previous block's
    /// last 32 KiB, `historyCount` bytes): the worker compresses it in place, with no window to copy.
    private var block: [UInt8] = []
    private var historyCount = 0
    private var submitted = 0
    private var written = 0
    private var crc: UInt32 = 0
    private var size: Int64 = 0
    private var compressedSize: Int64 = 0
    private var closed = false
    /// Blocks filled in the memory of a block already compressed, for the tests.
    private(set) var blocksReused = 0

    private let board: Board
    private let hasher = SerialHasher()
    private static let queue = DispatchQueue(label: "kdl.deflate", qos: .userInitiated, attributes: .concurrent)

    /// - Parameters:
    ///   - workers: blocks compressed at once; 1 compresses on the caller's thread.
    ///   - blockSize: input bytes per block; part of what the output depends on.
    ///   - output: receives the compressed stream in order, on the caller's thread.
    public init(level: Int32, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                blockSize: Int = ParallelDeflater.defaultBlockSize, output: @escaping ([UInt8]) throws -> Void) {
        precondition(blockSize > 0)
        self.blockSize = blockSize
        self.level = level
        self.workers = max(1, workers)
        self.output = output
        board = Board(slots: max(1, workers) * 2)
        block.reserveCapacity(ParallelDeflater.dictionarySize + blockSize)
    }

    /// Input bytes in the block being filled.
    private var filled: Int { block.count - historyCount }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!closed, "written after close()")
        var offset = 0
        while offset < bytes.count {
            let take = min(blockSize - filled, bytes.count - offset)
            block.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + take)]))
            offset += take
            if filled == blockSize { try submit(isLast: false) }
        }
    }

    /// Hands what is left to a worker as the last block, without waiting for it: the caller can
    /// close another stream meanwhile, and both end on the cores at once. Nothing can be written after.
    public func close() throws {
        guard !closed else { return }
        closed = true
        try submit(isLast: true)
    }

    /// Compresses what is left, waits for every block, and returns the entry's CRC-32 and sizes.
    public func finish() throws -> (crc: UInt32, size: Int64, compressedSize: Int64) {
        try close()
        try drain(waitForAll: true)
        // A bundle keeps each table's deflater until the archive ends: its blocks go now.
        block = []
        board.dropSpares()
        return (crc, size, compressedSize)
    }

    /// SHA-256 of everything written, hashed block by block in order on a queue of its own, so the
    /// caller's thread does not pay for it. Call after `finish()`; every call gives the same digest.
    public func sha256() -> String { hasher.finish() }

    private func submit(isLast: Bool) throws {
        let window = block, start = historyCount
        hasher.update(window, from: start)
        // The next block's history is this block's own input only, never bytes of the block
        // before it, even when blocks are smaller than 32 KiB: the stream is defined block by block.
        historyCount = min(ParallelDeflater.dictionarySize, window.count - start)
        if let spare = board.spareBlock() {
            block = spare
            blocksReused += 1
        } else {
            block = []
        }
        block.removeAll(keepingCapacity: true)
        block.reserveCapacity(ParallelDeflater.dictionarySize + blockSize)
        block.append(contentsOf: window[(window.count - historyCount)...])
        let sequence = submitted
        submitted += 1
        let level = self.level
        if workers == 1 {
            board.store(sequence, Result { try ParallelDeflater.compress(window, start: start, isLast: isLast, level: level) }, spare: window)
        } else {
            let board = self.board
            board.slots.wait()
            ParallelDeflater.queue.async {
                board.store(sequence, Result { try ParallelDeflater.compress(window, start: start, isLast: isLast, level: level) }, spare: window)
                board.slots.signal()
            }
        }
        try drain(waitForAll: false)
    }

    /// Writes the finished blocks that are next in order; with `waitForAll`, until every one is written.
    private func drain(waitForAll: Bool) throws {
        while written < submitted {
            board.condition.lock()
            while board.finished[written] == nil && board.failure == nil && waitForAll { board.condition.wait() }
            if let failure = board.failure {
                board.condition.unlock()
                throw failure
            }
            guard let piece = board.finished.removeValue(forKey: written) else {
                board.condition.unlock()
                return
            }
            board.condition.unlock()
            try output(piece.compressed)
            crc = written == 0 ? piece.crc : CRC32.combine(crc, piece.crc, secondLength: piece.size)
            size += Int64(piece.size)
            compressedSize += Int64(piece.compressed.count)
            written += 1
        }
    }

    /// Hashes blocks in the order given, off the caller's thread. `@unchecked`: the hasher and the
    /// digest are only touched on the serial queue.
    private final class SerialHasher: @unchecked Sendable {
        private let queue = DispatchQueue(label: "kdl.sha256", qos: .userInitiated)
        private var hasher = SHA256()
        private var digest: String?

        func update(_ window: [UInt8], from start: Int) {
            queue.async { window.withUnsafeBytes { self.hasher.update(UnsafeRawBufferPointer(rebasing: $0[start...])) } }
        }

        /// The digest, the same on every call: finalizing pads the hasher's state, so a second
        /// finalization would hash the padding too.
        func finish() -> String {
            queue.sync {
                if digest == nil { digest = hasher.finalizeHex() }
                return digest!
            }
        }
    }

    /// Compresses `window[start...]` with `window[..<start]` as its history.
    private static func compress(_ window: [UInt8], start: Int, isLast: Bool, level: Int32) throws -> Piece {
        let deflater = try ChunkDeflater(level: level)
        return try window.withUnsafeBytes { window in
            let input = UnsafeRawBufferPointer(rebasing: window[start...])
            return Piece(compressed: try deflater.compress(window, start: start, isFinal: isLast),
                         crc: CRC32.update(0, input), size: input.count)
        }
    }
}
