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

    /// Runs `body` for every index at once; rethrows the first error in index order, the one a
    /// loop would have thrown (the later indexes ran all the same).
    static func forEach(_ count: Int, _ body: @Sendable (Int) throws -> Void) throws {
        for result in map(count, { index in Result { try body(index) } }) { try result.get() }
    }
}
