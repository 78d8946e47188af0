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

    /// 35 ms a night and 2.8 µs a row, the small runs around each large one 15 ms apart either way:
    /// the split takes their mean, as the ratio does.
    @Test func aRoundSplitsIntoTheNightsFixedCostAndEachRowsCost() {
        let small = [0.300, 0.330, 0.300, 0.330, 0.300]
        let large = [2.835, 2.835, 2.835, 2.835]
        let costs = Bench.sandwichCosts(large: large, small: small, largeRows: 1_000_000, smallRows: 100_000)
        #expect(costs.fixed.count == 4 && costs.perRow.count == 4)
        #expect(costs.fixed.allSatisfy { abs($0 - 0.035) < 1e-12 })
        #expect(costs.perRow.allSatisfy { abs($0 - 2.8e-6) < 1e-15 })
    }

    /// With no fixed cost the sizes scale by exactly their ratio; a fixed cost an eighth of what the
    /// small size's rows cost gives 9, the bottom of the band the issue holds the ratio to.
    @Test func theFixedCostIsWhatHoldsTheRatioUnderTen() {
        let perRow = 3e-6
        for (fixed, ratio) in [(0.0, 10.0), (perRow * 100_000 / 8, 9.0)] {
            let small = [Double](repeating: fixed + perRow * 100_000, count: 3)
            let large = [Double](repeating: fixed + perRow * 1_000_000, count: 2)
            let costs = Bench.sandwichCosts(large: large, small: small, largeRows: 1_000_000, smallRows: 100_000)
            #expect(costs.fixed.allSatisfy { abs($0 - fixed) < 1e-12 })
            #expect(Bench.sandwichRatios(large: large, small: small).allSatisfy { abs($0 - ratio) < 1e-9 })
        }
        #expect(Bench.sandwichCosts(large: [3, 3], small: [0.3, 0.3], largeRows: 1_000_000, smallRows: 100_000).fixed.isEmpty)
    }

    @Test func atLeastNineRoundsAndTwiceTheRuns() {
        #expect(Bench.scalingRounds(1) == 9)
        #expect(Bench.scalingRounds(5) == 10)
    }
}
