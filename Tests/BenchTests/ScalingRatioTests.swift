import Testing
@testable import kdl_bench

@Suite struct ScalingRatioTests {
    /// A machine that slows down steadily: each large run is compared with the small runs on
    /// either side of it, so the ratio stays at the true 10 where pairs would read it high.
    @Test func aSteadyDriftFallsOnBothSides() {
        let slowdown = { (minute: Double) in 1 + 0.05 * minute }
        // Small runs at minutes 0, 2, 4, …; large runs in between, at 1, 3, 5, ….
        let small = (0...4).map { 0.3 * slowdown(Double(2 * $0)) }
        let large = (0..<4).map { 3.0 * slowdown(Double(2 * $0 + 1)) }
        let ratios = Bench.sandwichRatios(large: large, small: small)
        #expect(ratios.count == 4)
        #expect(ratios.allSatisfy { abs($0 - 10) < 1e-9 })
    }

    @Test func ratiosComeSortedFromTheirOwnNeighbours() {
        let ratios = Bench.sandwichRatios(large: [9, 12, 10], small: [1, 1, 3, 1])
        #expect(ratios == [5.0, 6.0, 9.0])
    }

    @Test func aSequenceThatDoesNotStartAndEndSmallGivesNoRatio() {
        #expect(Bench.sandwichRatios(large: [3, 3], small: [0.3, 0.3]).isEmpty)
    }

    @Test func atLeastNineRoundsAndTwiceTheRuns() {
        #expect(Bench.scalingRounds(1) == 9)
        #expect(Bench.scalingRounds(5) == 10)
    }
}
