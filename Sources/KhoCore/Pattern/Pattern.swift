import Foundation

/// A Table Schema `pattern`, matched against the whole value.
///
/// The patterns data dictionaries use are small (`^[0-9]{9}([0-9]{3})?$`, `^0[0-9]{9,10}$`): they
/// are compiled here into a backtracking matcher over bytes, which is many times faster per value
/// than `NSRegularExpression`. Anything beyond literals, classes, groups, alternation and
/// quantifiers (look-arounds, back-references, `\b`, lazy quantifiers) falls back to
/// `NSRegularExpression`, so every pattern keeps its meaning.
public struct Pattern {
    public let source: String
    private let automaton: Automaton?
    private let program: Node?
    private let fallback: NSRegularExpression?

    public init?(_ source: String) {
        self.source = source
        var parser = Parser(Array(source.utf8))
        if let node = parser.parse() {
            program = node
            automaton = Automaton(node)
            fallback = nil
        } else {
            guard let regex = try? NSRegularExpression(pattern: "^(?:\(source))$") else { return nil }
            program = nil
            automaton = nil
            fallback = regex
        }
    }

    /// Whether `source` is a regular expression at all, as `NSRegularExpression` says. Every
    /// pattern the fast matcher understands is one there too (a test holds it to that), so ICU is
    /// asked only about the others: creating the run's first one took ~2 ms (perf, a 1 000-row
    /// night), paid by every command that loads the data dictionary.
    public static func isValid(_ source: String) -> Bool {
        var parser = Parser(Array(source.utf8))
        return parser.parse() != nil || (try? NSRegularExpression(pattern: source)) != nil
    }

    /// True when the pattern matches the whole value.
    public func matches(_ value: String) -> Bool {
        var text = value
        return text.withUTF8(matches)
    }

    /// True when the pattern matches the whole of these UTF-8 bytes.
    public func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let automaton { return automaton.matches(bytes) }
        if let program { return program.match(bytes, 0) { $0 == bytes.count } }
        guard let fallback else { return false }
        let value = String(decoding: bytes, as: UTF8.self)
        return fallback.firstMatch(in: value, range: NSRange(value.startIndex..<value.endIndex, in: value)) != nil
    }

    /// Whether the fast matcher handles this pattern (tests use it).
    public var isCompiled: Bool { program != nil }

    // MARK: - Matcher

    /// 256 bits, one per byte value.
    fileprivate struct ByteSet {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init<S: Sequence>(_ bytes: S) where S.Element == UInt8 { for byte in bytes { insert(byte) } }

        mutating func insert(_ byte: UInt8) {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        mutating func formUnion<S: Sequence>(_ bytes: S) where S.Element == UInt8 { for byte in bytes { insert(byte) } }

        func contains(_ byte: UInt8) -> Bool {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: return words.0 & bit != 0
            case 1: return words.1 & bit != 0
            case 2: return words.2 & bit != 0
            default: return words.3 & bit != 0
            }
        }
    }

    fileprivate indirect enum Node {
        case bytes(ByteSet, negated: Bool)
        case any
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
        case start, end

        /// Matches at `position`, calling `rest` with each end position until it accepts.
        func match(_ text: UnsafeBufferPointer<UInt8>, _ position: Int, _ rest: (Int) -> Bool) -> Bool {
            switch self {
            case .bytes(let set, let negated):
                guard position < text.count, set.contains(text[position]) != negated else { return false }
                return rest(position + 1)
            case .any:
                guard position < text.count, text[position] != 0x0A else { return false }
                return rest(position + 1)
            case .start:
                return position == 0 && rest(position)
            case .end:
                return position == text.count && rest(position)
            case .sequence(let nodes):
                return Node.matchSequence(nodes[...], text, position, rest)
            case .alternation(let options):
                return options.contains { $0.match(text, position, rest) }
            case .repeated(let node, let min, let max):
                return Node.matchRepeated(node, min, max, 0, text, position, rest)
            }
        }

        private static func matchSequence(_ nodes: ArraySlice<Node>, _ text: UnsafeBufferPointer<UInt8>, _ position: Int,
                                          _ rest: (Int) -> Bool) -> Bool {
            guard let first = nodes.first else { return rest(position) }
            return first.match(text, position) { next in matchSequence(nodes.dropFirst(), text, next, rest) }
        }

        /// Greedy: as many as allowed first, then fewer.
        private static func matchRepeated(_ node: Node, _ min: Int, _ max: Int?, _ count: Int, _ text: UnsafeBufferPointer<UInt8>,
                                          _ position: Int, _ rest: (Int) -> Bool) -> Bool {
            if max.map({ count < $0 }) ?? true {
                let more = node.match(text, position) { next in
                    next > position && matchRepeated(node, min, max, count + 1, text, next, rest)
                }
                if more { return true }
            }
            return count >= min && rest(position)
        }
    }

    // MARK: - Automaton

    /// The pattern as a position automaton (Glushkov) of at most 64 states, run as a bit set over
    /// the bytes: no backtracking and no allocation per value. Patterns that need more states
    /// (`{1,200}`) or an anchor inside them use the backtracking matcher.
    fileprivate struct Automaton {
        /// Per state: the bytes it consumes (nil for the accepting state).
        private let sets: [ByteSet?]
        /// Per state: the states that may consume the next byte, as a bit set.
        private let follow: [UInt64]
        private let start: UInt64
        private let accepting: UInt64

        init?(_ node: Node) {
            var builder = Builder()
            guard let fragment = builder.build(node, isFirst: true, isLast: true) else { return nil }
            let accept = builder.newState(nil)
            guard builder.sets.count <= 64 else { return nil }
            for out in fragment.outs { builder.follow[out].append(accept) }
            func mask(_ states: [Int]) -> UInt64 { states.reduce(0) { $0 | UInt64(1) << UInt64($1) } }
            sets = builder.sets
            follow = builder.follow.map(mask)
            start = mask(fragment.entries + (fragment.passesThrough ? [accept] : []))
            accepting = UInt64(1) << UInt64(accept)
        }

        func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var current = start
            for byte in bytes {
                var next: UInt64 = 0
                var remaining = current
                while remaining != 0 {
                    let state = remaining.trailingZeroBitCount
                    remaining &= remaining - 1
                    if let set = sets[state], set.contains(byte) { next |= follow[state] }
                }
                if next == 0 { return false }
                current = next
            }
            return current & accepting != 0
        }

        private struct Builder {
            var sets: [ByteSet?] = []
            var follow: [[Int]] = []

            /// A piece of the pattern: the states that can consume its first byte, those that can
            /// consume its last, and whether it can match nothing at all.
            struct Fragment {
                var entries: [Int]
                var outs: [Int]
                var passesThrough: Bool
            }

            mutating func newState(_ set: ByteSet?) -> Int {
                sets.append(set)
                follow.append([])
                return sets.count - 1
            }

            mutating func build(_ node: Node, isFirst: Bool, isLast: Bool) -> Fragment? {
                guard sets.count <= 64 else { return nil }
                switch node {
                case .bytes(let set, let negated):
                    var effective = set
                    if negated {
                        effective = ByteSet([])
                        for byte in 0...255 where !set.contains(UInt8(byte)) { effective.insert(UInt8(byte)) }
                    }
                    let state = newState(effective)
                    return Fragment(entries: [state], outs: [state], passesThrough: false)
                case .any:
                    var all = ByteSet([])
                    for byte in 0...255 where byte != 0x0A { all.insert(UInt8(byte)) }
                    let state = newState(all)
                    return Fragment(entries: [state], outs: [state], passesThrough: false)
                case .start:
                    return isFirst ? Fragment(entries: [], outs: [], passesThrough: true) : nil
                case .end:
                    return isLast ? Fragment(entries: [], outs: [], passesThrough: true) : nil
                case .sequence(let nodes):
                    var result = Fragment(entries: [], outs: [], passesThrough: true)
                    for (position, part) in nodes.enumerated() {
                        guard let fragment = build(part, isFirst: isFirst && position == 0 && result.passesThrough,
                                                   isLast: isLast && position == nodes.count - 1) else { return nil }
                        result = concatenate(result, fragment)
                    }
                    return result
                case .alternation(let options):
                    var result = Fragment(entries: [], outs: [], passesThrough: false)
                    for option in options {
                        guard let fragment = build(option, isFirst: isFirst, isLast: isLast) else { return nil }
                        result.entries += fragment.entries
                        result.outs += fragment.outs
                        result.passesThrough = result.passesThrough || fragment.passesThrough
                    }
                    return result
                case .repeated(let inner, let min, let max):
                    // Unrolled: `min` required copies, then optional ones, or a loop when unbounded.
                    guard (max ?? min) <= 64 else { return nil }
                    var result = Fragment(entries: [], outs: [], passesThrough: true)
                    for _ in 0..<min {
                        guard let copy = build(inner, isFirst: false, isLast: false) else { return nil }
                        result = concatenate(result, copy)
                    }
                    if let max {
                        // Optional copies nest: a later one may only follow an earlier one.
                        var optional = Fragment(entries: [], outs: [], passesThrough: true)
                        for _ in min..<max {
                            guard var copy = build(inner, isFirst: false, isLast: false) else { return nil }
                            copy.passesThrough = true
                            optional = concatenate(optional, copy)
                        }
                        result = concatenate(result, optional)
                    } else {
                        guard var loop = build(inner, isFirst: false, isLast: false) else { return nil }
                        for out in loop.outs { follow[out] += loop.entries }
                        loop.passesThrough = true
                        result = concatenate(result, loop)
                    }
                    return result
                }
            }

            /// `first` then `second`: after the last byte of `first`, the first byte of `second`.
            private mutating func concatenate(_ first: Fragment, _ second: Fragment) -> Fragment {
                for out in first.outs { follow[out] += second.entries }
                return Fragment(entries: first.entries + (first.passesThrough ? second.entries : []),
                                outs: second.outs + (second.passesThrough ? first.outs : []),
                                passesThrough: first.passesThrough && second.passesThrough)
            }
        }
    }

    // MARK: - Parser

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func parse() -> Node? {
            guard let node = alternation(), index == bytes.count else { return nil }
            return node
        }

        private mutating func alternation() -> Node? {
            var options: [Node] = []
            while true {
                guard let sequence = sequence() else { return nil }
                options.append(sequence)
                guard index < bytes.count, bytes[index] == UInt8(ascii: "|") else { break }
                index += 1
            }
            return options.count == 1 ? options[0] : .alternation(options)
        }

        private mutating func sequence() -> Node? {
            var nodes: [Node] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: "|"), bytes[index] != UInt8(ascii: ")") {
                guard var atom = atom() else { return nil }
                guard let quantified = quantifier(&atom) else { return nil }
                nodes.append(quantified)
            }
            return .sequence(nodes)
        }

        private mutating func atom() -> Node? {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "^"): return .start
            case UInt8(ascii: "$"): return .end
            case UInt8(ascii: "."): return .any
            case UInt8(ascii: "("):
                if index < bytes.count, bytes[index] == UInt8(ascii: "?") {
                    // Only a non-capturing group is understood.
                    guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
                    index += 2
                }
                guard let inner = alternation(), index < bytes.count, bytes[index] == UInt8(ascii: ")") else { return nil }
                index += 1
                return inner
            case UInt8(ascii: "["): return characterClass()
            case UInt8(ascii: "\\"): return escape()
            // A bare `}` is an error to ICU, not a literal.
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ")"): return nil
            default:
                guard byte < 0x80 else { return nil }   // non-ASCII literals: leave to the full engine
                return .bytes(ByteSet([byte]), negated: false)
            }
        }

        private mutating func escape() -> Node? {
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "d"): return .bytes(ByteSet(0x30...0x39), negated: false)
            case UInt8(ascii: "D"): return .bytes(ByteSet(0x30...0x39), negated: true)
            case UInt8(ascii: "s"): return .bytes(ByteSet([0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C] as [UInt8]), negated: false)
            default:
                // Escaped punctuation stands for itself; letters and digits have special meanings not handled here.
                let isPunctuation = byte < 0x80 && !(0x30...0x39).contains(byte) && !(0x41...0x5A).contains(byte) && !(0x61...0x7A).contains(byte)
                return isPunctuation ? .bytes(ByteSet([byte]), negated: false) : nil
            }
        }

        private mutating func characterClass() -> Node? {
            var set = ByteSet([])
            var negated = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "^") { negated = true; index += 1 }
            var first = true
            while index < bytes.count {
                var byte = bytes[index]
                if byte == UInt8(ascii: "]") && !first { index += 1; return .bytes(set, negated: negated) }
                first = false
                index += 1
                // Nested classes, POSIX classes and ICU's set operations mean something else: not handled.
                if byte == UInt8(ascii: "[") || (byte == UInt8(ascii: "&") && index < bytes.count && bytes[index] == UInt8(ascii: "&")) {
                    return nil
                }
                if byte == UInt8(ascii: "\\") {
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    if escaped == UInt8(ascii: "d") { set.formUnion(0x30...0x39); continue }
                    guard !(0x41...0x5A).contains(escaped), !(0x61...0x7A).contains(escaped) else { return nil }
                    byte = escaped
                }
                guard byte < 0x80 else { return nil }
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                    let upper = bytes[index + 1]
                    // `[` would open a nested set to ICU, not end the range.
                    guard upper < 0x80, upper >= byte, upper != UInt8(ascii: "\\"), upper != UInt8(ascii: "[") else { return nil }
                    set.formUnion(byte...upper)
                    index += 2
                } else {
                    set.insert(byte)
                }
            }
            return nil
        }

        private mutating func quantifier(_ atom: inout Node) -> Node? {
            guard index < bytes.count else { return atom }
            let byte = bytes[index]
            var range: (Int, Int?)?
            switch byte {
            case UInt8(ascii: "?"): range = (0, 1); index += 1
            case UInt8(ascii: "*"): range = (0, nil); index += 1
            case UInt8(ascii: "+"): range = (1, nil); index += 1
            case UInt8(ascii: "{"):
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                let body = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                let parts = body.split(separator: ",", omittingEmptySubsequences: false)
                // Digits only: `Int` would take "+1", which ICU refuses.
                guard parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }) else { return nil }
                guard (1...2).contains(parts.count), let low = Int(parts[0]) else { return nil }
                let high: Int? = parts.count == 1 ? low : (parts[1].isEmpty ? nil : Int(parts[1]))
                if parts.count == 2 && !parts[1].isEmpty && high == nil { return nil }
                if let high, high < low { return nil }   // ICU refuses it; a range from 3 to 2 would trap
                range = (low, high)
                index = close + 1
            default:
                return atom
            }
            // A lazy or possessive suffix changes the meaning: leave those to the full engine.
            if index < bytes.count, bytes[index] == UInt8(ascii: "?") || bytes[index] == UInt8(ascii: "+") { return nil }
            guard let (low, high) = range else { return atom }
            return .repeated(atom, min: low, max: high)
        }
    }
}
