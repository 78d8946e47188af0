import Foundation

/// What watches a nightly run as it goes: the progress line on a terminal, the JSON event log.
/// Called from the worker threads, so implementations guard their own state. Every method has a
/// default that does nothing.
public protocol RunObserver: AnyObject, Sendable {
    /// A unit's exports for a dataset start being read; `meter` follows the reading.
    func unitStarted(unit: String, dataset: String, meter: ReadMeter)
    /// The unit's exports are read, checked and normalized.
    func unitFinished(_ extract: ExtractReport, _ quality: QualityReport)
    /// A dataset's bundles start being written.
    func bundleStarted(dataset: String)
    /// A dataset's bundles are written (or the open one withheld).
    func bundleFinished(_ report: BundleReport)
}

extension RunObserver {
    public func unitStarted(unit: String, dataset: String, meter: ReadMeter) {}
    public func unitFinished(_ extract: ExtractReport, _ quality: QualityReport) {}
    public func bundleStarted(dataset: String) {}
    public func bundleFinished(_ report: BundleReport) {}
}

/// Several observers as one.
public final class RunObservers: RunObserver {
    private let observers: [any RunObserver]

    public init(_ observers: [any RunObserver]) { self.observers = observers }

    public func unitStarted(unit: String, dataset: String, meter: ReadMeter) {
        for observer in observers { observer.unitStarted(unit: unit, dataset: dataset, meter: meter) }
    }

    public func unitFinished(_ extract: ExtractReport, _ quality: QualityReport) {
        for observer in observers { observer.unitFinished(extract, quality) }
    }

    public func bundleStarted(dataset: String) {
        for observer in observers { observer.bundleStarted(dataset: dataset) }
    }

    public func bundleFinished(_ report: BundleReport) {
        for observer in observers { observer.bundleFinished(report) }
    }
}
