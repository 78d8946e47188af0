// kdl-fuzz-deflate: a libFuzzer target for our deflate encoder (see "Fuzzing" in the README).
//
//   scripts/fuzz deflate 600                    build with -sanitize=fuzzer,address and fuzz for 10 minutes
//   swift run kdl-fuzz-deflate FILE|DIR...      replay inputs without the fuzzer (reproduce a crash)
//
// Each input is compressed by ChunkDeflater at levels 1, 6 and 9, stretched past the 32 KiB window
// and the block size at a level the input picks, and cut into two chunks with history; zlib's
// inflate must give back exactly the input every time, and no stream may exceed the encoder's bound.
import Foundation
import KhoCore
import KhoFuzzSupport
import KhoNative

@main
struct KdlFuzzDeflate {
    static func main() { FuzzDriver.main(name: "kdl-fuzz-deflate", entry: fuzzDeflate) }
}

/// libFuzzer's entry point: one input, return 0. Compiled in every build so the replay driver runs
/// exactly what the fuzzer runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeflate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let selector = FuzzDriver.selector(bytes)
    for level: Int32 in [1, 6, 9] { DeflateFuzz.roundTrip(bytes, level: level, "level \(level)") }
    DeflateFuzz.roundTrip(DeflateFuzz.stretched(bytes, selector: selector), level: Int32(1 + selector % 9), "stretched")
    DeflateFuzz.chunked(bytes, cut: bytes.isEmpty ? 0 : selector % (bytes.count + 1), level: Int32(1 + selector / 9 % 9))
    return 0
}

enum DeflateFuzz {
    static func roundTrip(_ input: [UInt8], level: Int32, _ what: String) {
        do {
            let compressed = try ChunkDeflater.compress(input, level: level)
            check(compressed.count <= ChunkDeflater.bound(input.count), "\(what): \(compressed.count) bytes over the bound")
            let back = try Inflater.inflateRaw(compressed, limit: input.count + 1)
            check(back == input, "\(what): inflates to \(back.count) other bytes (input \(input.count))")
        } catch {
            check(false, "\(what): \(error)")
        }
    }

    /// The input again and again, one byte changed in each copy, to well past the window and a
    /// block's worth of symbols: long matches, matches at the window's edge, several blocks.
    static func stretched(_ input: [UInt8], selector: Int) -> [UInt8] {
        guard !input.isEmpty else { return [] }
        let target = 40_000 + selector % 60_000
        var output: [UInt8] = []
        output.reserveCapacity(target + input.count)
        var copy = 0
        while output.count < target {
            var piece = input
            piece[copy % piece.count] &+= UInt8(truncatingIfNeeded: copy)
            output += piece
            copy += 1
        }
        return output
    }

    /// Two chunks, the second with the first as history, must concatenate into the input's stream.
    static func chunked(_ input: [UInt8], cut: Int, level: Int32) {
        do {
            let deflater = try ChunkDeflater(level: level)
            var stream: [UInt8] = []
            try input.withUnsafeBytes { whole in
                try deflater.compress(UnsafeRawBufferPointer(rebasing: whole[..<cut]), start: 0, isFinal: false, into: &stream)
                try deflater.compress(whole, start: cut, isFinal: true, into: &stream)
            }
            check(try Inflater.inflateRaw(stream, limit: input.count + 1) == input, "chunks cut at \(cut): inflate to other bytes")
        } catch {
            check(false, "chunks cut at \(cut): \(error)")
        }
    }

    private static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        FuzzDriver.check(condition, "kdl-fuzz-deflate: " + message())
    }
}
