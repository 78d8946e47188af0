import Foundation

/// Hands items to a consumer on another thread, in batches and in order, so that two steps of
/// the fused run (reading and judging rows; judging and writing them) use two cores at once. A
/// bounded queue keeps memory flat: the producer waits when the consumer falls behind.
///
/// `@unchecked Sendable`: the state both threads touch is behind `condition` (a Mutex has no
/// wait/signal), and the producer-side batch is only touched by the one producer thread.
public final class BatchPipe<Item>: @unchecked Sendable {
    /// Dropped by `finish()`: what the consumer writes into (open temporary files) must not outlive
    /// the pipe's owner just because the thread is still being torn down when the process ends.
    private var consume: ((Item) throws -> Void)?
    private let batchSize: Int
    private let depth: Int
    private var batch: [Item] = []
    /// The size the next batch is sent at: 32 items first, each batch twice the last up to
    /// `batchSize`, so that the consumer starts on the first rows instead of waiting for a
    /// whole batch: with 1 024 rows at once, a night's sinks had their first row 3 ms after it
    /// was read, every stage waiting on the one before, and a night of a thousand rows ran its
    /// three stages one after the other.
    private var batchLimit: Int
    // Shared with the consumer thread, behind `condition`.
    private let condition = NSCondition()
    private var queue: [[Item]] = []
    private var closed = false
    private var consumerError: Error?
    private var consumerDone = false

    public init(batchSize: Int = 1024, depth: Int = 4, consume: @escaping (Item) throws -> Void) {
        self.consume = consume
        self.batchSize = batchSize
        self.depth = depth
        batchLimit = min(32, batchSize)
        batch.reserveCapacity(batchSize)
        let thread = Thread { [self] in run() }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Takes the item over: a borrowed one would be copied into the batch, retaining every
    /// reference it holds, and the caller's released again.
    public func send(_ item: consuming Item) throws {
        batch.append(item)
        if batch.count >= batchLimit { try flush() }
    }

    /// Sends what is left and waits until the consumer has taken every item; rethrows its error.
    /// Called once, also after a failure upstream, so that the consumer thread ends: the pipe is
    /// closed even when the last batch cannot be sent, or the thread would wait for ever and keep
    /// what it consumes into (open temporary files) alive.
    public func finish() throws {
        var unsent: Error?
        if !batch.isEmpty {
            do { try flush() } catch { unsent = error }
        }
        condition.lock()
        closed = true
        condition.broadcast()
        while !consumerDone { condition.wait() }
        let error = consumerError ?? unsent
        consume = nil
        condition.unlock()
        if let error { throw error }
    }

    private func flush() throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && consumerError == nil { condition.wait() }
        if let error = consumerError {
            batch.removeAll(keepingCapacity: true)
            throw error
        }
        queue.append(batch)
        batchLimit = min(batchLimit * 2, batchSize)
        batch = []
        batch.reserveCapacity(batchSize)
        condition.broadcast()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                consumerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            var next = queue.removeFirst()
            condition.broadcast()
            let consume = consumerError == nil ? self.consume : nil
            condition.unlock()
            guard let consume else { continue }
            do {
                // Each item moved out of the batch, in order: read in place (a subscript, even of
                // the array's buffer) it was copied, retaining and releasing every reference it holds.
                // Reversed through the buffer, whose swaps move; the array's own swaps copy.
                next.withUnsafeMutableBufferPointer { $0.reverse() }
                while let item = next.popLast() { try consume(item) }
            } catch {
                condition.lock()
                consumerError = error
                condition.broadcast()
                condition.unlock()
            }
        }
    }
}

extension BatchPipe {
    /// Runs `produce` on this thread while what it sends is consumed on another, and returns once
    /// every item is consumed. An error on either side ends both and is rethrown.
    public static func run<Result>(batchSize: Int = 1024, consume: @escaping (Item) throws -> Void,
                                   produce: (BatchPipe<Item>) throws -> Result) throws -> Result {
        let pipe = BatchPipe(batchSize: batchSize, consume: consume)
        let result: Result
        do {
            result = try produce(pipe)
        } catch {
            try? pipe.finish()
            throw error
        }
        try pipe.finish()
        return result
    }
}
