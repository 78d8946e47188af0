import Foundation

/// Hands records to a sink on another thread, in batches and in order, so reading a file and
/// validating its rows run on two cores at once. A bounded queue keeps memory flat: the reader
/// waits when the validator falls behind.
public final class RecordPipe: RecordSink, @unchecked Sendable {
    private let downstream: RecordSink
    private let batchSize: Int
    private let depth: Int
    private var batch: [Record] = []
    // Shared with the consumer thread, behind `condition`.
    private let condition = NSCondition()
    private var queue: [[Record]] = []
    private var closed = false
    private var consumerError: Error?
    private var consumerDone = false

    public init(downstream: RecordSink, batchSize: Int = 1024, depth: Int = 4) {
        self.downstream = downstream
        self.batchSize = batchSize
        self.depth = depth
        batch.reserveCapacity(batchSize)
        let thread = Thread { [self] in consume() }
        thread.stackSize = 1 << 22
        thread.start()
    }

    public func accept(_ record: Record) throws {
        batch.append(record)
        if batch.count == batchSize { try send() }
    }

    /// Sends what is left and waits until the sink has taken every record; rethrows its error.
    public func finish() throws {
        if !batch.isEmpty { try send() }
        condition.lock()
        closed = true
        condition.broadcast()
        while !consumerDone { condition.wait() }
        let error = consumerError
        condition.unlock()
        if let error { throw error }
    }

    private func send() throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && consumerError == nil { condition.wait() }
        if let error = consumerError {
            batch.removeAll(keepingCapacity: true)
            throw error
        }
        queue.append(batch)
        batch = []
        batch.reserveCapacity(batchSize)
        condition.broadcast()
    }

    private func consume() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                consumerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let next = queue.removeFirst()
            condition.broadcast()
            let failed = consumerError != nil
            condition.unlock()
            guard !failed else { continue }
            do {
                for record in next { try downstream.accept(record) }
            } catch {
                condition.lock()
                consumerError = error
                condition.broadcast()
                condition.unlock()
            }
        }
    }
}
