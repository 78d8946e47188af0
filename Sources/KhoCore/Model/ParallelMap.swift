import Foundation
import Synchronization

/// Independent pieces of work on every core, their results in index order whatever order the
/// cores finish in: what follows reads them as it would after a loop.
enum ParallelMap {
    static func map<Value: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
        let results = Mutex<[Value?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = body(index)
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// Runs `body` for every index at once, each on a thread of its own, and rethrows the first
    /// error in index order, the one a loop would have thrown (the later indexes ran all the
    /// same). For work that mostly waits on the disk (a commit's `fsync`), where
    /// `concurrentPerform`'s thread per core would leave a core idle while its thread waits.
    static func forEachOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let results = ResultSlots(count)
        let group = DispatchGroup()
        for index in (0..<count).dropFirst() {
            group.enter()
            Thread {
                results.set(index, Result { try body(index) })
                group.leave()
            }.start()
        }
        if count > 0 { results.set(0, Result { try body(0) }) }
        group.wait()
        try results.rethrowFirst()
    }

    /// Two pieces of work at once, the second on a thread of its own, for work that mostly waits
    /// on the disk; their values, or the first's error before the second's, as in turn.
    static func both<First: Sendable, Second: Sendable>(_ first: @escaping @Sendable () throws -> First,
                                                        _ second: @escaping @Sendable () throws -> Second) throws -> (First, Second) {
        let values = Mutex<(First?, Second?)>((nil, nil))
        try forEachOnThreads(2) { index in
            if index == 0 {
                let value = try first()
                values.withLock { $0.0 = value }
            } else {
                let value = try second()
                values.withLock { $0.1 = value }
            }
        }
        return values.withLock { ($0.0!, $0.1!) }
    }

    private final class ResultSlots: Sendable {
        private let slots: Mutex<[Result<Void, any Error>?]>

        init(_ count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

        func set(_ index: Int, _ result: Result<Void, any Error>) { slots.withLock { $0[index] = result } }

        func rethrowFirst() throws {
            for result in slots.withLock({ $0 }) { try result?.get() }
        }
    }
}
