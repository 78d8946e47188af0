import Foundation

/// What the night will do with each unit feeding a dataset, and why: read its export again, use
/// its rows on disk, or carry them forward. `NightlyRun` acts on it and `--dry-run` prints it, so
/// the two cannot disagree.
struct RunPlan {
    enum Step {
        /// Read tonight's export (extract → validate → normalize, rows streaming into the bundle).
        case read(InputListing, InputFingerprint)
        /// Unchanged since its last good run, or not selected: its rows on disk are used.
        case onDisk
        /// Selected, but it sent nothing: its last rows are carried forward, if recent enough.
        case noExport([Finding])
    }

    /// Why an export is read again.
    enum Reason: Equatable {
        /// `--force`.
        case forced
        /// No good run of it on record (first night, or the last one was blocked or failed).
        case noPreviousRun
        /// The last good run was for another night.
        case newNight(String)
        case configurationChanged
        case newVersion(String)
        case newFiles([String])
        case changedFiles([String])
        case removedFiles([String])

        var message: Message {
            switch self {
            case .forced: Message(vi: "chạy lại theo --force", en: "forced (--force)")
            case .noPreviousRun: Message(vi: "chưa có lần chạy tốt nào trước đó", en: "no earlier good run on record")
            case .newNight(let night): Message(vi: "lần chạy tốt gần nhất là cho ngày \(night)", en: "the last good run was for \(night)")
            case .configurationChanged: Message(vi: "cấu hình trong pipelines/ đã thay đổi", en: "configuration in pipelines/ changed")
            case .newVersion(let version): Message(vi: "lần trước chạy bằng phiên bản \(version)", en: "the last run was made by version \(version)")
            case .newFiles(let names): Message(vi: "tệp mới: \(names.joined(separator: ", "))", en: "new files: \(names.joined(separator: ", "))")
            case .changedFiles(let names): Message(vi: "tệp đã thay đổi: \(names.joined(separator: ", "))", en: "changed files: \(names.joined(separator: ", "))")
            case .removedFiles(let names): Message(vi: "tệp không còn: \(names.joined(separator: ", "))", en: "files gone: \(names.joined(separator: ", "))")
            }
        }
    }

    struct UnitStep {
        var unit: UnitConfig
        var step: Step
        /// For `read`: why it is read again.
        var reasons: [Reason] = []
        /// Whether `--unit`/`--dataset` selected it (an unselected unit's rows on disk are used).
        var selected: Bool
    }

    let units: [UnitStep]
    /// Every selected unit is unchanged: the bundles of this night, if already written, stand.
    let reusable: Bool

    /// The plan of one dataset: its feeding units in configuration order.
    init(dataset: DatasetSchema, setup: StageSetup, listings: [String: InputListing], configurationHash: String) {
        let workspace = setup.workspace, asOf = setup.options.asOf
        let selected = Set(setup.pairs.filter { $0.dataset.id == dataset.id }.map(\.unit.id))
        let feeding = setup.config.units.filter { unit in unit.sources.contains { $0.dataset == dataset.id } }
        var units: [UnitStep] = []
        var reusable = true
        for unit in feeding {
            guard selected.contains(unit.id) else {
                units.append(UnitStep(unit: unit, step: .onDisk, selected: false))
                continue
            }
            let listing = listings["\(unit.id)/\(dataset.id)"] ?? InputListing()
            if listing.isEmpty {
                units.append(UnitStep(unit: unit, step: .noExport(listing.findings), selected: true))
                continue
            }
            let fingerprint = InputFingerprint(asOf: asOf, configuration: configurationHash, inputs: listing.inputs.map(\.0))
            let hasOutputs = FileManager.default.fileExists(atPath: workspace.normalized(unit.id, dataset.id).path)
                && FileManager.default.fileExists(atPath: workspace.qualityReport(unit.id, dataset.id).path)
            let previous = hasOutputs ? try? JSONOutput.read(InputFingerprint.self, from: workspace.fingerprint(unit.id, dataset.id)) : nil
            let unchanged = !setup.options.force && previous == fingerprint
            if unchanged {
                units.append(UnitStep(unit: unit, step: .onDisk, selected: true))
            } else {
                units.append(UnitStep(unit: unit, step: .read(listing, fingerprint),
                                      reasons: RunPlan.reasons(previous: previous, now: fingerprint, forced: setup.options.force), selected: true))
                reusable = false
            }
        }
        self.units = units
        self.reusable = reusable
    }

    /// What differs between the last good run's fingerprint and tonight's.
    static func reasons(previous: InputFingerprint?, now: InputFingerprint, forced: Bool) -> [Reason] {
        var reasons: [Reason] = forced ? [.forced] : []
        guard let previous else { return reasons + [.noPreviousRun] }
        if previous.asOf != now.asOf { reasons.append(.newNight(previous.asOf)) }
        if previous.configuration != now.configuration { reasons.append(.configurationChanged) }
        if previous.version != now.version { reasons.append(.newVersion(previous.version)) }
        let before = Dictionary(previous.files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(now.files.map(\.name))
        let added = now.files.filter { before[$0.name] == nil }.map(\.name)
        let changed = now.files.filter { file in before[file.name].map { $0 != file } ?? false }.map(\.name)
        let removed = previous.files.map(\.name).filter { !after.contains($0) }
        if !added.isEmpty { reasons.append(.newFiles(added)) }
        if !changed.isEmpty { reasons.append(.changedFiles(changed)) }
        if !removed.isEmpty { reasons.append(.removedFiles(removed)) }
        return reasons
    }
}
