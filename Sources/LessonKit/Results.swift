import Engine
import Foundation

/// What a lesson measured, written beside its figures as `<lesson>-results.json` (schema in
/// docs/data.md): the run record (command, settings, version, commit), every setting's
/// summaries over seeds, and the report it printed. A lesson README's numbers are filled in
/// from here (`ReadmeBlock`), never typed; `regenerate-figures --check` re-derives every
/// summary from the data files `<lesson>-runs.csv` and `<lesson>-per-run.csv`.
/// Keys are snake_case; accuracies are in percent (`…_pct`), gaps in percentage points.
public struct LessonResults: Codable, Sendable {
    public struct SettingSummary: Codable, Sendable {
        public var experiment: String
        public var label: String
        /// The window of its "last_k" summaries, in epochs.
        public var lastK: Int
        /// The setting's hyperparameters, as in the data files' columns.
        public var columns: [String: SettingValue]
        /// Per epoch metric (`validation_accuracy_pct`, …): "final", "last_k" and
        /// "at_best_validation" estimates over seeds, from `<lesson>-runs.csv`.
        public var metrics: [String: [String: Estimate]]
        /// Per per-run value (`test_accuracy_pct`, …): its estimate over seeds, from
        /// `<lesson>-per-run.csv`.
        public var perRun: [String: Estimate]

        enum CodingKeys: String, CodingKey {
            case experiment, label, columns, metrics
            case lastK = "last_k"
            case perRun = "per_run"
        }
    }

    public var lesson: String
    /// The command that reproduces the run, as a user types it (options that change what is
    /// measured, none of where it is written or how many threads ran it).
    public var command: String
    /// The exact command line, every argument as typed.
    public var commandLine: [String]
    public var seeds: [UInt64]
    /// The seed of the one data split every seed used (`--split-seed`); nil when each seed
    /// drew its own.
    public var splitSeed: UInt64?
    public var quick: Bool
    /// `trainingLabVersion` of the package that made the run.
    public var version: String
    /// The git commit checked out, nil outside a checkout.
    public var commit: String?
    /// The OpenBLAS kernel of the machine that made the run.
    public var blasKernel: String
    /// Epochs trained over all runs (the next run's time estimate goes by it).
    public var epochsTrained: Int = 0
    public var settings: [SettingSummary] = []
    /// The summary lines the lesson printed, in order: the README's results block.
    public var report: [String] = []
    /// Every verdict line of `report` with the sources it was computed from, for `--check`;
    /// nil in a results file written before verdicts were recorded.
    public var verdicts: [Verdict]? = []
    /// Every summary table of `report` with the sources of its cells, for `--check`; nil in
    /// a results file written before tables were recorded.
    public var tables: [ReportedTable]? = []
    /// The value of every option of the lesson's command, by its command-line name ("epochs":
    /// null where an optional one was left out): the settings the run resolved. Holds where it
    /// was written (`output`) and how many threads ran it, so no generated document shows it;
    /// nil in a results file written before options were recorded.
    public var options: [String: String?]? = [:]
    /// The figures written, in order: what the gallery shows.
    public var figures: [FigureEntry] = []
    /// Wall time of the whole run, in seconds.
    public var seconds: Double = 0
    /// Floating-point operations of the run's matrix products, in billions: divided by the
    /// machine's GEMM rate (engine-benchmark prints it) and the workers, the least time the
    /// run can take. Nil in a results file written before it was recorded.
    public var gemmGigaflops: Double? = 0

    enum CodingKeys: String, CodingKey {
        case lesson, command, seeds, quick, version, commit, settings, report, verdicts, tables, options, figures
        case seconds
        case commandLine = "command_line"
        case blasKernel = "blas_kernel"
        case epochsTrained = "epochs_trained"
        case gemmGigaflops = "gemm_gflop"
        case splitSeed = "split_seed"
    }

    /// A summary table as the lesson reported it: its first line's position in `report`.
    public struct ReportedTable: Codable, Sendable, Equatable {
        public let reportIndex: Int
        public let table: SummaryTable

        enum CodingKeys: String, CodingKey {
            case table
            case reportIndex = "report_index"
        }
    }

    public struct FigureEntry: Codable, Sendable, Equatable {
        /// File stem in the output folder, e.g. "dropout-curves".
        public var name: String
        public var title: String
        public init(name: String, title: String) {
            self.name = name
            self.title = title
        }
    }

    public init(
        lesson: String, command: String, commandLine: [String] = [], seeds: [UInt64], splitSeed: UInt64? = nil,
        quick: Bool, blasKernel: String, report: [String] = []
    ) {
        self.lesson = lesson
        self.command = command
        self.commandLine = commandLine
        self.seeds = seeds
        self.splitSeed = splitSeed
        self.quick = quick
        version = trainingLabVersion
        commit = Checkout.commit()
        self.blasKernel = blasKernel
        self.report = report
    }

    public static func fileName(lesson: String) -> String { "\(lesson)-results.json" }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    public static func read(_ path: String) throws -> LessonResults {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(LessonResults.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

extension LessonResults.SettingSummary {
    static let summarized: [EpochMetric] = [
        .trainAccuracy, .validationAccuracy, .testAccuracy, .gap,
        .trainLoss, .validationLoss, .testLoss,
    ]

    /// The summaries of one setting from each run's metrics per epoch (`epochs`, by metric
    /// key) and per-run values: what the data files hold, so that `--check` can redo this.
    public init(
        experiment: String, label: String, columns: [String: SettingValue], epochs: [String: [[Double?]]],
        perRun: [(name: String, values: [Double?])], lastK: Int
    ) {
        self.experiment = experiment
        self.label = label
        self.lastK = lastK
        self.columns = columns
        metrics = [:]
        let best = EpochSummary.bestEpochs(epochs[EpochMetric.validationAccuracy.key] ?? [])
        for metric in Self.summarized {
            guard let runs = epochs[metric.key] else { continue }
            let final = EpochSummary.final(runs)
            guard final.count > 0 else { continue }
            var entry = ["final": final, "last_k": EpochSummary.lastEpochs(lastK, runs)]
            let atBest = EpochSummary.atBest(runs, bestEpochs: best)
            if atBest.count > 0 { entry["at_best_validation"] = atBest }
            metrics[metric.key] = entry
        }
        self.perRun = [:]
        for column in perRun where column.values.contains(where: { $0 != nil }) {
            self.perRun[column.name] = Estimate(column.values.compactMap { $0 })
        }
    }

    init<Run>(_ setting: SettingRuns<Run>, lastK: Int) {
        self.init(
            experiment: setting.experiment, label: setting.label, columns: setting.columns,
            epochs: Dictionary(
                uniqueKeysWithValues: Self.summarized.map {
                    ($0.key, setting.values($0))
                }),
            perRun: setting.perRunColumns.map { column in
                (column.name, setting.runs.map { column.value($0).map(DataTables.stored) })
            },
            lastK: lastK)
    }
}

/// The two data files of a lesson, for pandas or a spreadsheet (schema in docs/data.md):
/// `<lesson>-runs.csv`, one row per (experiment, setting, seed, epoch), and
/// `<lesson>-per-run.csv`, one row per (experiment, setting, seed). Both carry the setting's
/// hyperparameters as columns beside its label; a column empty for the whole lesson is left
/// out. Numbers are written at Float precision (the engine's), so that every summary
/// recomputed from the files equals the one in the results file to that precision.
enum DataTables {
    struct Setting {
        let experiment: String
        let label: String
        let columns: [String: SettingValue]
        let seeds: [UInt64]
        let histories: [History]
        let perRun: [(name: String, values: [Double?])]

        init<Run>(_ setting: SettingRuns<Run>) {
            experiment = setting.experiment
            label = setting.label
            columns = setting.columns
            seeds = setting.seeds
            histories = setting.runs.map(\.history)
            perRun = setting.perRunColumns.map { column in (column.name, setting.runs.map(column.value)) }
        }
    }

    static func runsFile(lesson: String) -> String { "\(lesson)-runs.csv" }
    static func perRunFile(lesson: String) -> String { "\(lesson)-per-run.csv" }

    /// The epoch columns of `<lesson>-runs.csv`, after the keys and the hyperparameters.
    static let epochColumns: [(name: String, value: @Sendable (EpochRecord) -> Double?)] = [
        ("epoch_learning_rate", { Double($0.learningRate) }),
        ("train_loss", { EpochMetric.trainLoss.value($0) }),
        (EpochMetric.trainAccuracy.key, { EpochMetric.trainAccuracy.value($0) }),
        ("validation_loss", { EpochMetric.validationLoss.value($0) }),
        (EpochMetric.validationAccuracy.key, { EpochMetric.validationAccuracy.value($0) }),
        ("test_loss", { EpochMetric.testLoss.value($0) }),
        (EpochMetric.testAccuracy.key, { EpochMetric.testAccuracy.value($0) }),
    ]

    /// Nil when no run has an epoch history.
    static func runs(_ settings: [Setting]) -> String? {
        let hyperparameters = hyperparameterNames(settings)
        var rows: [[String]] = []
        for setting in settings {
            for (seed, history) in zip(setting.seeds, setting.histories) {
                for record in history.epochs {
                    rows.append(
                        keys(setting, hyperparameters) + ["\(seed)", "\(record.epoch)"]
                            + epochColumns.map { cell($0.value(record)) })
                }
            }
        }
        guard !rows.isEmpty else { return nil }
        return table(
            header: ["experiment", "setting"] + hyperparameters + ["seed", "epoch"] + epochColumns.map(\.name),
            rows: rows, keyCount: 4 + hyperparameters.count)
    }

    static func perRun(_ settings: [Setting]) -> String? {
        let hyperparameters = hyperparameterNames(settings)
        var names: [String] = []
        for setting in settings {
            for column in setting.perRun where !names.contains(column.name) { names.append(column.name) }
        }
        var rows: [[String]] = []
        for setting in settings {
            for (index, seed) in setting.seeds.enumerated() {
                let values = names.map { name in setting.perRun.first { $0.name == name }.flatMap { $0.values[index] } }
                rows.append(keys(setting, hyperparameters) + ["\(seed)"] + values.map(cell))
            }
        }
        let keyCount = 3 + hyperparameters.count
        // Without any per-run value the file would repeat the keys of runs.csv: not written.
        guard names.indices.contains(where: { index in rows.contains { !$0[keyCount + index].isEmpty } }) else {
            return nil
        }
        return table(
            header: ["experiment", "setting"] + hyperparameters + ["seed"] + names, rows: rows, keyCount: keyCount)
    }

    static func hyperparameterNames(_ settings: [Setting]) -> [String] {
        Set(settings.flatMap(\.columns.keys)).sorted()
    }

    static func keys(_ setting: Setting, _ hyperparameters: [String]) -> [String] {
        [quoted(setting.experiment), quoted(setting.label)]
            + hyperparameters.map { setting.columns[$0].map { quoted($0.description) } ?? "" }
    }

    /// A number as the data files store it (what reading the cell back gives).
    static func stored(_ value: Double) -> Double { Double(cell(value)) ?? value }

    /// A number as the data files hold it: a whole number without decimals, else the
    /// shortest text that reads back to the same Float. The engine computes in Float, so no
    /// digit is lost; `--check` compares to a relative `tolerance`.
    static func cell(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.isNaN { return "nan" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return "\(Float(value))"
    }

    /// Relative difference allowed between a summary and its recomputation from the files
    /// (Float's precision, with room for the mean of a few values).
    static let tolerance = 1e-5

    static func quoted(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) || text != text.trimmingCharacters(in: .whitespaces)
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// The CSV text with the value columns (after the first `keyCount`) that are empty in
    /// every row left out.
    static func table(header: [String], rows: [[String]], keyCount: Int) -> String {
        let kept = header.indices.filter { column in column < keyCount || rows.contains { !$0[column].isEmpty } }
        return ([header] + rows).map { row in kept.map { row[$0] }.joined(separator: ",") }.joined(separator: "\n")
            + "\n"
    }
}

/// The generated part of a lesson README, between two marker comments, filled from the
/// lesson's results file so that README numbers cannot drift from the committed figures.
public enum ReadmeBlock {
    public static let begin =
        "<!-- results:begin: generated from figures/%@ by regenerate-figures; edit the lesson, not this block -->"
    public static let end = "<!-- results:end -->"

    public static func render(_ results: LessonResults) -> String {
        let seeds = results.seeds.count == 1 ? "1 seed" : "\(results.seeds.count) seeds"
        let first = results.seeds.first.map(String.init) ?? "?"
        let last = results.seeds.last.map(String.init) ?? "?"
        return """
            \(String(format: begin, LessonResults.fileName(lesson: results.lesson)))
            Measured by `\(results.command)` over \(seeds) (\(first)…\(last)); ± is one standard deviation over seeds.

            ```text
            \(results.report.joined(separator: "\n"))
            ```
            \(end)
            """
    }

    /// The README with its block replaced; nil when the README has no markers.
    public static func fill(_ readme: String, with results: LessonResults) -> String? {
        guard let start = readme.range(of: "<!-- results:begin"),
            let stop = readme.range(of: end, range: start.upperBound..<readme.endIndex)
        else { return nil }
        return readme.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: render(results))
    }
}
