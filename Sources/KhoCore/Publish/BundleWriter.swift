import Foundation

/// One bundle of a dataset on one side, in one format, as it is written: tables stream in, then
/// the descriptor, README and quality summary complete it. Nothing appears unless `finish` succeeds.
protocol BundleWriter: AnyObject {
    init(dataset: String, side: BundleSide, asOf: CivilDate, workspace: Workspace, level: Int32) throws
    /// Starts a table with its header; rows go to the writer returned. One table at a time.
    func beginTable(name: String, title: String, schema: TableSchema) throws -> CSVWriter
    /// Lets the table's last rows be compressed while other work goes on (another bundle's table
    /// ended, the work files committed); no rows after it. `endTable` still follows.
    func closeTable() throws
    func endTable() throws
    /// The tables written so far, as the descriptor lists them.
    var resources: [DataPackage.Resource] { get }
    var fileName: String { get }
    func finish(package: DataPackage, readme: String, quality: [UInt8]) throws -> BundleReport.Output
    /// Gives the bundle up: nothing of it is left.
    func abandon()
}
