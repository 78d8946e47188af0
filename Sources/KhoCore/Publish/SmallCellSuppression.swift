/// Small-cell suppression of one table of counts: the arithmetic of the rule `OpenDataPolicy` states
/// (which thresholds, which totals are known). A cell is one group of the aggregate; all its measures
/// are hidden together, since households and people of one group give each other away.
///
/// 1. **Primary.** A cell with a checked measure from 1 to below its minimum count is suppressed.
/// 2. **Complementary.** Each total that adds up two or more cells — along every grouping dimension
///    (the cells that share all other group values), and each total the bundle publishes — and holds
///    exactly one suppressed cell gets a second one: its smallest non-zero cell still shown (least of
///    the first measure, then the next, then first in key order). Repeated until nothing changes.
/// 3. **Audit.** Step 2 alone can leave a cell that several totals combined still pin down (two
///    blocks of suppressed cells joined by one cell). The totals are solved as linear equations in
///    the suppressed cells; a cell they determine gets a complement in its first total that still
///    shows a cell, and step 2 runs again. A cell determined even with every cell of its totals
///    suppressed is reported `exposed`: only withholding the table protects it.
///
/// Not covered: bounds. A reader knows a suppressed cell is at least 1, and a primary one below
/// the threshold; the rule prevents exact recomputation, not narrower ranges.
/// Deterministic: cells come in key order, totals in a fixed order, ties go to the earlier cell.
enum SmallCellSuppression {
    struct Table: Sendable {
        /// Each cell's group values, in key order.
        var keys: [[String]]
        /// Each cell's measures, in the aggregate's order.
        var values: [[Double]]
        /// Per measure, the smallest value that may be shown; 0 or 1 checks nothing (a sum).
        var minCounts: [Int]
        /// Totals the bundle publishes besides the table, each as the cells it adds up.
        var publishedTotals: [[Int]] = []
    }

    struct Outcome: Equatable, Sendable {
        var suppressed: [Bool]
        /// Cells suppressed for being small themselves.
        var primary: Int
        /// Suppressed cells that the known totals still determine.
        var exposed: [Int]

        /// Cells suppressed to protect others.
        var complementary: Int { suppressed.filter { $0 }.count - primary }
    }

    static func apply(_ table: Table) -> Outcome {
        var suppressed = table.values.map { isSmall($0, minCounts: table.minCounts) }
        let primary = suppressed.filter { $0 }.count
        let totals = knownTotals(table)
        var unprotectable = Set<Int>()
        while true {
            complete(&suppressed, totals: totals, table: table)
            guard let cell = determined(suppressed, totals: totals).first(where: { !unprotectable.contains($0) }) else { break }
            let complement = totals.lazy.filter { $0.contains(cell) }.compactMap { smallestShown(in: $0, suppressed, table) }.first
            if let complement { suppressed[complement] = true } else { unprotectable.insert(cell) }
        }
        return Outcome(suppressed: suppressed, primary: primary, exposed: determined(suppressed, totals: totals))
    }

    static func isSmall(_ values: [Double], minCounts: [Int]) -> Bool {
        zip(values, minCounts).contains { value, minimum in minimum > 1 && value > 0 && value < Double(minimum) }
    }

    // MARK: - Totals

    /// The totals a reader may know: each grouping dimension's marginals of two or more cells (a
    /// marginal of one cell is that cell: if someone publishes it, no suppression here can help),
    /// then the published totals. Duplicates dropped, first occurrence kept.
    static func knownTotals(_ table: Table) -> [[Int]] {
        var totals: [[Int]] = []
        for dimension in 0..<(table.keys.first?.count ?? 0) {
            var position: [[String]: Int] = [:]
            var marginals: [[Int]] = []
            for (cell, key) in table.keys.enumerated() {
                var others = key
                others.remove(at: dimension)
                if let at = position[others] {
                    marginals[at].append(cell)
                } else {
                    position[others] = marginals.count
                    marginals.append([cell])
                }
            }
            totals += marginals.filter { $0.count > 1 }
        }
        totals += table.publishedTotals.map { $0.sorted() }
        var seen = Set<[Int]>()
        return totals.filter { seen.insert($0).inserted }
    }

    // MARK: - Complementary suppression

    private static func complete(_ suppressed: inout [Bool], totals: [[Int]], table: Table) {
        var changed = true
        while changed {
            changed = false
            for total in totals where total.count > 1 && total.filter({ suppressed[$0] }).count == 1 {
                guard let cell = smallestShown(in: total, suppressed, table) else { continue }
                suppressed[cell] = true
                changed = true
            }
        }
    }

    /// The cell of `total` to hide next: shown, not all zero, least by its measures, then first.
    private static func smallestShown(in total: [Int], _ suppressed: [Bool], _ table: Table) -> Int? {
        total.filter { !suppressed[$0] && table.values[$0].contains { $0 != 0 } }.min { a, b in
            table.values[a] == table.values[b] ? a < b : table.values[a].lexicographicallyPrecedes(table.values[b])
        }
    }

    // MARK: - Audit

    private static let epsilon = 1e-9

    /// The suppressed cells that the totals determine. Each total holding a suppressed cell is an
    /// equation in the suppressed cells (the shown ones are known); a cell is determined exactly when
    /// the reduced row echelon form has a row holding that cell alone.
    static func determined(_ suppressed: [Bool], totals: [[Int]]) -> [Int] {
        let unknowns = suppressed.indices.filter { suppressed[$0] }
        var column: [Int: Int] = [:]
        for (index, cell) in unknowns.enumerated() { column[cell] = index }
        var rows: [[Double]] = totals.compactMap { total in
            let columns = total.compactMap { column[$0] }
            guard !columns.isEmpty else { return nil }
            var row = [Double](repeating: 0, count: unknowns.count)
            for index in columns { row[index] = 1 }
            return row
        }
        var pivots: [(row: Int, column: Int)] = []
        for pivotColumn in unknowns.indices where pivots.count < rows.count {
            let top = pivots.count
            // Partial pivoting keeps the floating-point elimination exact enough for 0/1 totals.
            guard let best = (top..<rows.count).max(by: { abs(rows[$0][pivotColumn]) < abs(rows[$1][pivotColumn]) }),
                  abs(rows[best][pivotColumn]) > epsilon else { continue }
            rows.swapAt(top, best)
            let scale = rows[top][pivotColumn]
            for index in pivotColumn..<unknowns.count { rows[top][index] /= scale }
            for other in rows.indices where other != top && abs(rows[other][pivotColumn]) > epsilon {
                let factor = rows[other][pivotColumn]
                for index in pivotColumn..<unknowns.count {
                    rows[other][index] -= factor * rows[top][index]
                    if abs(rows[other][index]) <= epsilon { rows[other][index] = 0 }
                }
            }
            pivots.append((top, pivotColumn))
        }
        return pivots.filter { pivot in
            rows[pivot.row].indices.allSatisfy { $0 == pivot.column || rows[pivot.row][$0] == 0 }
        }.map { unknowns[$0.column] }.sorted()
    }
}
