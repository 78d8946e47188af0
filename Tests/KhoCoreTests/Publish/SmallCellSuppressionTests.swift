import Testing
@testable import KhoCore

/// Small tables by hand: commune (a letter) × kind (a digit), counts of households (and people).
@Suite struct SmallCellSuppressionTests {
    /// Cells named like "A1" (commune A, kind 1) with their measures; the outcome as the names hidden.
    private func suppress(_ cells: [(String, [Double])], minCounts: [Int] = [3], published: [[String]] = [])
        -> (hidden: [String], outcome: SmallCellSuppression.Outcome) {
        let names = cells.map(\.0)
        let table = SmallCellSuppression.Table(keys: names.map { $0.map(String.init) }, values: cells.map(\.1), minCounts: minCounts,
                                               publishedTotals: published.map { $0.compactMap(names.firstIndex) })
        let outcome = SmallCellSuppression.apply(table)
        return (names.indices.filter { outcome.suppressed[$0] }.map { names[$0] }, outcome)
    }

    @Test func nothingSmallHidesNothing() {
        let (hidden, outcome) = suppress([("A1", [3]), ("A2", [5]), ("B1", [4]), ("B2", [9])])
        #expect(hidden == [])
        #expect(outcome.primary == 0 && outcome.complementary == 0 && outcome.exposed == [])
    }

    /// Commune A has one small kind: its total (A1 + A2) would give it back, so A2 goes too, and
    /// then each kind's total needs a second cell: B, the smaller commune, pays.
    @Test func aRowWithOneSmallCellGetsASecondInTheRowAndTheColumns() {
        let (hidden, outcome) = suppress([("A1", [1]), ("A2", [5]), ("B1", [6]), ("B2", [7]), ("C1", [8]), ("C2", [9])])
        #expect(hidden == ["A1", "A2", "B1", "B2"])
        #expect(outcome.primary == 1 && outcome.complementary == 3 && outcome.exposed == [])
    }

    /// Kind 1 and kind 2 each have one small commune (A1, A2: same row, so the row is safe); each
    /// kind's total needs a second cell, the smallest shown in that column.
    @Test func aColumnWithOneSmallCellGetsASecondInTheColumn() {
        let (hidden, outcome) = suppress([("A1", [1]), ("A2", [2]), ("A3", [9]), ("B1", [8]), ("B2", [9]), ("B3", [10])])
        #expect(hidden == ["A1", "A2", "B1", "B2"])
        #expect(outcome.primary == 2 && outcome.complementary == 2)
    }

    /// The same, turned: each commune's total needs its second cell.
    @Test func rowsWithOneSmallCellEachGetASecondInTheRow() {
        let (hidden, _) = suppress([("A1", [1]), ("A2", [8]), ("B1", [2]), ("B2", [9]), ("C1", [9]), ("C2", [10])])
        #expect(hidden == ["A1", "A2", "B1", "B2"])
    }

    /// One household in A1 is small; its 6 people are not, but shown they would say "one household
    /// of six": every measure of a hidden cell goes. B1 has 4 households but 9 people, under the
    /// people's own threshold of 10.
    @Test func aCellsOtherMeasuresGoWithIt() {
        let (hidden, outcome) = suppress([("A1", [1, 6]), ("B1", [4, 9]), ("C1", [5, 20]), ("D1", [6, 30])], minCounts: [3, 10])
        #expect(hidden == ["A1", "B1"])
        #expect(outcome.primary == 2 && outcome.complementary == 0)
        #expect(SmallCellSuppression.isSmall([3, 2], minCounts: [3, 0]) == false)   // a sum is never checked
        #expect(SmallCellSuppression.isSmall([0, 0], minCounts: [3, 3]) == false)   // nobody is no one to find
    }

    /// A1 → B1 (kind 1's total) → A2 and B2 (each commune's total): a 2 × 2 block, and no more.
    @Test func suppressionCascadesUntilEveryTotalHoldsTwo() {
        let (hidden, outcome) = suppress([("A1", [1]), ("A2", [7]), ("A3", [8]),
                                          ("B1", [6]), ("B2", [9]), ("B3", [12]),
                                          ("C1", [10]), ("C2", [11]), ("C3", [13])])
        #expect(hidden == ["A1", "A2", "B1", "B2"])
        #expect(outcome.primary == 1 && outcome.complementary == 3 && outcome.exposed == [])
    }

    /// Communes Q and T have one kind only. After step 2 every total holds two hidden cells, yet
    /// kind 1's total minus the commune totals of P, R, S plus kind 2's total is Q1. The audit sees
    /// it and hides T1, the only cell left in kind 1.
    @Test func aCellThatTotalsPinDownTogetherGetsAComplement() {
        let cells: [(String, [Double])] = [("P1", [1]), ("P2", [3]), ("Q1", [2]), ("R1", [1]), ("R2", [1]), ("S1", [3]), ("S2", [1]), ("T1", [4])]
        let table = SmallCellSuppression.Table(keys: cells.map { $0.0.map(String.init) }, values: cells.map(\.1), minCounts: [3])
        let afterStepTwo = [true, true, true, true, true, true, true, false]
        #expect(SmallCellSuppression.determined(afterStepTwo, totals: SmallCellSuppression.knownTotals(table)) == [2])
        let (hidden, outcome) = suppress(cells)
        #expect(hidden == ["P1", "P2", "Q1", "R1", "R2", "S1", "S2", "T1"])
        #expect(outcome.primary == 5 && outcome.complementary == 3 && outcome.exposed == [])
    }

    /// The bundle publishes each unit's row count. Without it, A1 and C1 would do; with it, unit
    /// one's total gives A1 back unless B1 goes, and unit two's then needs D1.
    @Test func aPublishedTotalIsProtectedLikeAMarginal() {
        let cells: [(String, [Double])] = [("A1", [1]), ("B1", [9]), ("C1", [5]), ("D1", [7])]
        #expect(suppress(cells).hidden == ["A1", "C1"])
        let (hidden, outcome) = suppress(cells, published: [["A1", "B1", "C1", "D1"], ["A1", "B1"], ["C1", "D1"]])
        #expect(hidden == ["A1", "B1", "C1", "D1"])
        #expect(outcome.exposed == [])
    }

    /// Every cell small: all hidden, and with the totals of rows and columns none can be solved.
    @Test func allCellsSmallAreAllHidden() {
        let (hidden, outcome) = suppress([("A1", [1]), ("A2", [2]), ("B1", [2]), ("B2", [1])], published: [["A1", "A2", "B1", "B2"]])
        #expect(hidden == ["A1", "A2", "B1", "B2"])
        #expect(outcome.primary == 4 && outcome.complementary == 0 && outcome.exposed == [])
    }

    /// A unit that fed one small cell publishes that cell as its row count: no suppression helps.
    @Test func aCellThatIsItsOwnPublishedTotalIsExposed() {
        let (hidden, outcome) = suppress([("A1", [2]), ("B1", [5]), ("C1", [6])], published: [["A1"], ["B1", "C1"]])
        #expect(hidden == ["A1", "B1", "C1"])
        #expect(outcome.exposed == [0])
        #expect(suppress([("A1", [2])], published: [["A1"]]).outcome.exposed == [0])
    }

    /// Ties go to the earlier cell in key order, so the same table always hides the same cells.
    @Test func theSameTableGivesTheSameSuppression() {
        #expect(suppress([("A1", [1]), ("B1", [4]), ("C1", [4])]).hidden == ["A1", "B1"])
        let cells: [(String, [Double])] = [("A1", [2]), ("A2", [4]), ("B1", [4]), ("B2", [4]), ("C1", [4]), ("C2", [2])]
        let first = suppress(cells)
        #expect(first.hidden == ["A1", "A2", "B1", "B2", "C1", "C2"])
        for _ in 0..<3 { #expect(suppress(cells).outcome == first.outcome) }
    }
}
