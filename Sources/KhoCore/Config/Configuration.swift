import Foundation

/// Everything in `pipelines/`, loaded and cross-checked: the pipeline, the dictionary, the dataset
/// schemas, the units and the code lists. Loading reports every problem at once, with file and path.
public struct Configuration: Sendable {
    public var pipeline: Pipeline
    public var dictionary: DataDictionary
    /// By dataset id, and in id order in `datasetIDs`.
    public var datasets: [String: DatasetSchema]
    public var units: [UnitConfig]
    public var codeLists: [String: CodeList]
    /// The folder that relative inbox and out paths in `nightly.json` are resolved against.
    public var projectRoot: URL
    /// Every file the configuration was loaded from: what a change must be detected in.
    public var sourceFiles: [URL]
    /// What is missing without stopping the run (a unit without a focal point), by file and key,
    /// in file order: the run report and the summary show them.
    public var warnings: [ConfigError.Problem] = []

    public var datasetIDs: [String] { datasets.keys.sorted() }

    public func unit(_ id: String) -> UnitConfig? { units.first { $0.id == id } }

    /// Loads `nightly.json` and the files beside it. A folder stands for the `nightly.json` in it.
    public static func load(pipelineFile given: URL) throws -> Configuration {
        var isFolder: ObjCBool = false
        let pipelineFile = FileManager.default.fileExists(atPath: given.path, isDirectory: &isFolder) && isFolder.boolValue
            ? given.appendingPathComponent("nightly.json") : given
        let problems = ConfigProblems()
        let folder = pipelineFile.deletingLastPathComponent()
        func name(_ url: URL) -> String {
            let base = folder.deletingLastPathComponent().path
            return url.path.hasPrefix(base + "/") ? String(url.path.dropFirst(base.count + 1)) : url.path
        }
        guard FileManager.default.fileExists(atPath: pipelineFile.path) else {
            throw ConfigError(file: pipelineFile.path, message: Message(
                vi: "không tồn tại (hãy chạy trong thư mục dự án hoặc dùng --pipeline)",
                en: "does not exist (run from the project folder or pass --pipeline)"))
        }
        let pipeline = Pipeline.load(pipelineFile, displayName: name(pipelineFile), problems: problems)
        let dictionaryFile = folder.appendingPathComponent("dictionary.json")
        var sourceFiles = [pipelineFile, dictionaryFile]
        let dictionary = DataDictionary.load(dictionaryFile, displayName: name(dictionaryFile), problems: problems)

        let catalogFolder = folder.appendingPathComponent("catalogs")
        let propertiesFile = catalogFolder.appendingPathComponent(CodeListProperties.fileName)
        let properties = CodeListProperties.load(propertiesFile, displayName: name(propertiesFile), problems: problems)
        if FileManager.default.fileExists(atPath: propertiesFile.path) { sourceFiles.append(propertiesFile) }
        let catalogFiles = files(in: catalogFolder, extension: "csv", problems: problems)
        sourceFiles += catalogFiles
        let datasetListing = ConfigProblems()
        let datasetFiles = files(in: folder.appendingPathComponent("datasets"), extension: "json", problems: datasetListing)
        let loaded = loadInParallel(catalogs: catalogFiles, datasets: datasetFiles, name: name, prefixes: NamePrefixes(dictionary.namePrefixes),
                                    properties: properties, dictionary: dictionary, weights: pipeline.scoreWeights)
        var codeLists: [String: CodeList] = [:]
        for (list, collected) in loaded.codeLists {
            problems.merge(collected)
            if let list { codeLists[list.id] = list }
        }
        CodeListProperties.check(properties, columns: codeLists.mapValues { Set($0.entries.first.map { Array($0.extra.keys) } ?? []) },
                                 displayName: name(propertiesFile), problems: problems)

        checkPublication(pipeline.publication, codeLists: codeLists, file: name(pipelineFile), problems: problems)

        problems.merge(datasetListing.collected)
        var datasets: [String: DatasetSchema] = [:]
        for (file, (schema, collected)) in zip(datasetFiles, loaded.schemas) {
            sourceFiles.append(file)
            problems.merge(collected)
            guard let schema else { continue }
            datasets[schema.id] = schema
            for field in schema.fields {
                if let list = field.codeList, codeLists[list] == nil {
                    problems.add(name(file), "fields.\(field.name).codeList", Message(vi: "\"\(list)\" không phải danh mục trong pipelines/catalogs/", en: "\"\(list)\" is not a catalog in pipelines/catalogs/"))
                }
            }
        }
        for (fieldName, field) in dictionary.fields {
            if let list = field.codeList, codeLists[list] == nil {
                problems.add(name(dictionaryFile), "fields.\(fieldName).codeList", Message(vi: "\"\(list)\" không phải danh mục trong pipelines/catalogs/", en: "\"\(list)\" is not a catalog in pipelines/catalogs/"))
            }
        }

        var units: [UnitConfig] = []
        for file in files(in: folder.appendingPathComponent("units"), extension: "json", problems: problems) {
            sourceFiles.append(file)
            guard let unit = UnitConfig.load(file, displayName: name(file), datasets: datasets, problems: problems) else { continue }
            if let district = unit.districtCode, !(codeLists[UnitConfig.districtCatalog]?.contains(code: district) ?? false) {
                problems.add(name(file), "districtCode", Message(vi: "\"\(district)\" không phải mã trong \(UnitConfig.districtCatalog).csv", en: "\"\(district)\" is not a code of \(UnitConfig.districtCatalog).csv"))
            }
            for (index, source) in unit.sources.enumerated() {
                for (field, system) in source.codeSystems.sorted(by: { $0.key < $1.key }) {
                    guard let list = codeLists[system.catalog] else {
                        problems.add(name(file), "sources[\(index)].codeSystems.\(field).catalog", Message(vi: "\"\(system.catalog)\" không phải danh mục", en: "\"\(system.catalog)\" is not a catalog"))
                        continue
                    }
                    if list.entries.first?.extra[system.column] == nil {
                        problems.add(name(file), "sources[\(index)].codeSystems.\(field).column", Message(vi: "\"\(system.column)\" không phải cột của \(system.catalog)", en: "\"\(system.column)\" is not a column of \(system.catalog)"))
                    }
                }
            }
            units.append(unit)
        }
        let known = Set(units.map(\.id))
        for id in pipeline.units where !known.contains(id) {
            problems.add(name(pipelineFile), "units", Message(vi: "\"\(id)\" không có tệp trong pipelines/units/", en: "\"\(id)\" has no file in pipelines/units/"))
        }
        try problems.throwIfAny()
        return Configuration(pipeline: pipeline, dictionary: dictionary, datasets: datasets,
                             units: units.sorted { $0.id < $1.id }, codeLists: codeLists,
                             projectRoot: folder.deletingLastPathComponent(), sourceFiles: sourceFiles,
                             warnings: problems.warnings.sorted { ($0.file, $0.path) < ($1.file, $1.path) })
    }

    /// The province and the lists `publication` names must be in the code lists: the catalogs
    /// describe the area covered by their rows.
    private static func checkPublication(_ settings: PublicationSettings, codeLists: [String: CodeList], file: String, problems: ConfigProblems) {
        for (key, list) in [("provinceCatalog", settings.provinceCatalog), ("communeCatalog", settings.communeCatalog)] where codeLists[list] == nil {
            problems.add(file, "publication.\(key)", Message(vi: "\"\(list)\" không phải danh mục trong pipelines/catalogs/",
                                                             en: "\"\(list)\" is not a catalog in pipelines/catalogs/"))
        }
        if let province = settings.province, let list = codeLists[settings.provinceCatalog], !list.contains(code: province) {
            problems.add(file, "publication.province", Message(vi: "\"\(province)\" không phải mã trong \(settings.provinceCatalog).csv",
                                                              en: "\"\(province)\" is not a code of \(settings.provinceCatalog).csv"))
        }
    }

    /// The code lists and the datasets' schemas, loaded on every core: they are independent
    /// files, and reading them and keying the lists' names is the longest part of a run's start.
    /// What each file gets wrong comes back with it, to be reported in the order of a load one
    /// file after the other.
    private static func loadInParallel(catalogs: [URL], datasets: [URL], name: (URL) -> String, prefixes: NamePrefixes,
                                       properties: [String: CodeListProperties], dictionary: DataDictionary, weights: ScoreWeights)
        -> (codeLists: [(CodeList?, ConfigProblems.Collected)], schemas: [(DatasetSchema?, ConfigProblems.Collected)]) {
        enum Loaded: Sendable {
            case codeList(CodeList?, ConfigProblems.Collected)
            case schema(DatasetSchema?, ConfigProblems.Collected)
        }
        let files = catalogs + datasets, names = files.map(name)
        let loaded = ParallelMap.map(files.count) { index -> Loaded in
            let file = files[index], own = ConfigProblems()
            if index < catalogs.count {
                let list = CodeList.load(file, displayName: names[index], prefixes: prefixes,
                                         properties: properties[file.deletingPathExtension().lastPathComponent] ?? CodeListProperties(), problems: own)
                return .codeList(list, own.collected)
            }
            let schema = DatasetSchema.load(file, displayName: names[index], dictionary: dictionary, pipelineWeights: weights, problems: own)
            return .schema(schema, own.collected)
        }
        var codeLists: [(CodeList?, ConfigProblems.Collected)] = [], schemas: [(DatasetSchema?, ConfigProblems.Collected)] = []
        for item in loaded {
            switch item {
            case .codeList(let list, let collected): codeLists.append((list, collected))
            case .schema(let schema, let collected): schemas.append((schema, collected))
            }
        }
        return (codeLists, schemas)
    }

    private static func files(in folder: URL, extension ext: String, problems: ConfigProblems) -> [URL] {
        do {
            return try FileSystem.names(in: folder).filter { $0.hasSuffix("." + ext) }.map { folder.appendingPathComponent($0) }
        } catch let error as OutputError {
            problems.system(error)
        } catch {}
        return []
    }
}
