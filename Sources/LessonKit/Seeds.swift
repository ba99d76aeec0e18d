import Engine
import Foundation

/// A number read off each epoch of a training run, for curves and summaries over seeds.
/// Accuracies are in percent, gaps in percentage points.
public struct EpochMetric: Sendable {
    /// Key in the results file and column of the data files, e.g. "validation_accuracy_pct".
    public let key: String
    /// Axis label, e.g. "validation accuracy (%)".
    public let label: String
    public let value: @Sendable (EpochRecord) -> Double?

    public init(key: String, label: String, value: @escaping @Sendable (EpochRecord) -> Double?) {
        self.key = key
        self.label = label
        self.value = value
    }

    public static let trainAccuracy = EpochMetric(key: "train_accuracy_pct", label: "training accuracy (%)") {
        $0.trainAccuracy.map { 100 * Double($0) }
    }
    public static let validationAccuracy = EpochMetric(key: "validation_accuracy_pct", label: "validation accuracy (%)")
    { $0.validationAccuracy.map { 100 * Double($0) } }
    public static let testAccuracy = EpochMetric(key: "test_accuracy_pct", label: "test accuracy (%)") {
        $0.testAccuracy.map { 100 * Double($0) }
    }
    public static let trainLoss = EpochMetric(key: "train_loss", label: "training loss") { Double($0.trainLoss) }
    public static let validationLoss = EpochMetric(key: "validation_loss", label: "validation loss") {
        $0.validationLoss.map(Double.init)
    }
    public static let testLoss = EpochMetric(key: "test_loss", label: "test loss") { $0.testLoss.map(Double.init) }
    /// Training minus validation accuracy: the generalization gap.
    public static let gap = EpochMetric(key: "gap_pct_points", label: "gap (percentage points)") { record in
        guard let train = record.trainAccuracy, let validation = record.validationAccuracy else { return nil }
        return 100 * Double(train - validation)
    }
}

/// One training run of one setting under one seed. Each purpose draws from its own stream
/// (`Random(seed:purpose:)`), so two settings under the same seed start from the same
/// weights and see the same batches, whatever else either of them draws.
public struct SeedRun: @unchecked Sendable {
    public let label: String
    public let seedIndex: Int
    public let seed: UInt64
    let progress: LessonProgress

    /// A fresh generator for `purpose`: asking twice gives the same numbers twice.
    public func random(_ purpose: Random.Purpose) -> Random { Random(seed: seed, purpose: purpose) }

    /// Trains with the engine's loop, shuffling with this run's batch-order stream and
    /// reporting progress to the lesson's display.
    public func fit<L: Loss, D: Dataset>(
        model: any Layer, loss: L, optimizer: Optimizer, train: D,
        validation: D? = nil, test: D? = nil, trainingEvaluation: D? = nil,
        options: TrainingOptions, callbacks: [TrainingCallback] = []
    ) throws -> History
    where D.Target == L.Target {
        let trainer = Trainer(
            model: model, loss: loss, optimizer: optimizer, random: random(.batchOrder),
            callbacks: callbacks + [progress.reporter(for: self), CancellationPoint()])
        return try trainer.fit(
            train, validation: validation, test: test, trainingEvaluation: trainingEvaluation,
            options: options)
    }
}

/// What one run of a setting returns: its epoch history, the final test evaluation if the
/// lesson made one, and the lesson's own per-run values as typed stored properties, each
/// listed once in `columns` under its column name of `<lesson>-per-run.csv`. A report asks
/// a setting for `estimate(\.field)`: a field not listed there fails the lesson's tests at
/// once, and a misspelt field does not compile.
public protocol RunRecord: Sendable {
    var history: History { get }
    /// The test evaluation after training, if the lesson made one (columns `test_loss`,
    /// `test_accuracy_pct`).
    var test: Evaluation? { get }
    /// The lesson's values measured once per run, with their column names (units in the name,
    /// accuracies in percent as `…_pct`).
    static var columns: [RunColumn<Self>] { get }
}

extension RunRecord {
    public var test: Evaluation? { nil }
    public static var columns: [RunColumn<Self>] { [] }

    static var testAccuracyColumn: RunColumn<Self> {
        RunColumn("test_accuracy_pct") { $0.test?.accuracy.map { 100 * Double($0) } }
    }
    static var testLossColumn: RunColumn<Self> { RunColumn("test_loss") { $0.test.map { Double($0.loss) } } }

    /// Every per-run column: the test evaluation's, then the lesson's.
    static var allColumns: [RunColumn<Self>] { [testAccuracyColumn, testLossColumn] + columns }
}

/// One per-run value of a run record: its column name and how to read it.
public struct RunColumn<Run>: @unchecked Sendable {
    public let name: String
    let field: AnyKeyPath?
    let value: (Run) -> Double?

    public init(_ name: String, _ field: KeyPath<Run, Double>) {
        self.name = name
        self.field = field
        value = { $0[keyPath: field] }
    }

    public init(_ name: String, _ field: KeyPath<Run, Double?>) {
        self.name = name
        self.field = field
        value = { $0[keyPath: field] }
    }

    /// A value computed from the record (an element of an array field, say); ask for it with
    /// `estimate(column:)`.
    public init(_ name: String, value: @escaping (Run) -> Double?) {
        self.name = name
        field = nil
        self.value = value
    }
}

/// What a run returns when the lesson measures nothing per run beyond the history and the
/// test evaluation.
public struct RunResult: RunRecord {
    public var history: History
    public var test: Evaluation?

    public init(history: History = History(), test: Evaluation? = nil) {
        self.history = history
        self.test = test
    }
}

/// A hyperparameter's value in the data files: a number, or a name (an optimizer, an
/// initialization, an activation).
public enum SettingValue: Sendable, Equatable, Codable, CustomStringConvertible, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByStringLiteral
{
    case number(Double)
    case text(String)

    /// A Float as its shortest decimal (0.03, not 0.029999999329447746).
    public init(_ value: Float) { self = .number(Double("\(value)") ?? Double(value)) }
    public init(_ value: Double) { self = .number(value) }
    public init(_ value: Int) { self = .number(Double(value)) }
    public init(_ value: Bool) { self = .number(value ? 1 : 0) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .text(value) }

    /// The CSV cell: a number as the data files write numbers, a name as is.
    public var description: String {
        switch self {
        case .number(let value): DataTables.cell(value)
        case .text(let text): text
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let text): try container.encode(text)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }
}

/// Every seed's run of one setting, with the summaries a claim can rest on: the final
/// epoch, the mean of the last k epochs, the best-validation epoch, and the per-run values.
public struct SettingRuns<Run: RunRecord>: Sendable {
    public let label: String
    /// The experiment of the lesson the setting belongs to (one per `overSeeds` call).
    public let experiment: String
    /// The setting's hyperparameters as data columns (p, lambda, learning_rate, …).
    public let columns: [String: SettingValue]
    public let seeds: [UInt64]
    public let runs: [Run]
    /// The per-run columns: the record's, then those that depend on the lesson's options
    /// (one per batch size of `--batch-sizes`, say).
    public let perRunColumns: [RunColumn<Run>]

    public init(
        label: String, experiment: String = "main", columns: [String: SettingValue] = [:], seeds: [UInt64], runs: [Run],
        optionColumns: [RunColumn<Run>] = []
    ) {
        perRunColumns = Run.allColumns + optionColumns
        self.label = label
        self.experiment = experiment
        self.columns = columns
        self.seeds = seeds
        self.runs = runs
    }

    /// The metric at each run's last epoch.
    public func final(_ metric: EpochMetric) -> Estimate {
        sourced(EpochSummary.final(values(metric)), metric, .final)
    }

    /// Each run's mean over its last `k` epochs: a summary one noisy epoch cannot swing.
    public func lastEpochs(_ k: Int, _ metric: EpochMetric) -> Estimate {
        sourced(EpochSummary.lastEpochs(k, values(metric)), metric, .lastK, k: k)
    }

    /// Each run's epoch of highest validation accuracy (the first, on ties); nil for runs
    /// without validation.
    public var bestValidationEpochs: [Int?] { EpochSummary.bestEpochs(values(.validationAccuracy)) }

    /// Each run's best-validation epoch, over seeds.
    public var bestValidationEpoch: Estimate {
        sourced(Estimate(bestValidationEpochs.compactMap { $0.map(Double.init) }), .validationAccuracy, .bestEpoch)
    }

    /// The metric at each run's best-validation epoch (early stopping's choice).
    public func atBestValidation(_ metric: EpochMetric) -> Estimate {
        sourced(EpochSummary.atBest(values(metric), bestEpochs: bestValidationEpochs), metric, .atBestValidation)
    }

    /// The metric at epoch `epoch` (1-based) of the runs that reached it.
    public func atEpoch(_ epoch: Int, _ metric: EpochMetric) -> Estimate {
        sourced(EpochSummary.atEpoch(epoch, values(metric)), metric, .atEpoch, epoch: epoch)
    }

    /// Each run's mean over `epochs` (1-based), for the runs that reached its end.
    public func window(_ epochs: ClosedRange<Int>, _ metric: EpochMetric) -> Estimate {
        sourced(
            EpochSummary.window(from: epochs.lowerBound, count: epochs.count, values(metric)), metric, .window,
            k: epochs.count, epoch: epochs.lowerBound)
    }

    /// Each run's lowest value of the metric over its epochs (a loss at its best, wherever in
    /// the budget that fell).
    public func lowest(_ metric: EpochMetric) -> Estimate {
        sourced(EpochSummary.lowest(values(metric)), metric, .lowest)
    }

    /// Each run's metric per epoch, as the data files hold it (`EpochSummary.values`), so that
    /// a summary recomputed from the files is the same number to the last bit.
    func values(_ metric: EpochMetric) -> [[Double?]] { runs.map { EpochSummary.values($0.history, metric) } }

    /// The estimate with its place in `<lesson>-runs.csv`, for a metric that is a column there.
    private func sourced(
        _ estimate: Estimate, _ metric: EpochMetric, _ summary: Estimate.Source.Summary, k: Int? = nil,
        epoch: Int? = nil
    ) -> Estimate {
        guard EpochSummary.isInDataFiles(metric) else { return estimate }
        return Estimate(
            estimate.values,
            source: .init(
                experiment: experiment, setting: label, column: metric.key, summary: summary, k: k, epoch: epoch))
    }

    /// Final test accuracy (%) of the runs that made a test evaluation.
    public var testAccuracy: Estimate { estimate(column: Run.testAccuracyColumn) }

    /// Final test loss of the runs that made a test evaluation.
    public var testLoss: Estimate { estimate(column: Run.testLossColumn) }

    /// A per-run value over the seeds; the field must be one of the record's `columns`.
    public func estimate(_ field: KeyPath<Run, Double>) -> Estimate { estimate(column: Self.column(field)) }

    /// A per-run value over the seeds that measured it.
    public func estimate(_ field: KeyPath<Run, Double?>) -> Estimate { estimate(column: Self.column(field)) }

    /// A per-run value over the seeds that measured it, as `<lesson>-per-run.csv` holds it.
    public func estimate(column: RunColumn<Run>) -> Estimate {
        let values = runs.compactMap(column.value).map(DataTables.stored)
        guard perRunColumns.contains(where: { $0.name == column.name }) else { return Estimate(values) }
        return Estimate(
            values, source: .init(experiment: experiment, setting: label, column: column.name, summary: .perRun))
    }

    static func column(_ field: AnyKeyPath) -> RunColumn<Run> {
        guard let column = Run.allColumns.first(where: { $0.field == field }) else {
            preconditionFailure("\(Run.self): a field asked for in a report is not among its columns")
        }
        return column
    }

    /// Mean and standard deviation per epoch over the runs that reached it.
    public func curve(_ metric: EpochMetric) -> (epochs: [Double], mean: [Double], std: [Double]) {
        let longest = runs.map(\.history.epochs.count).max() ?? 0
        var epochs: [Double] = [], means: [Double] = [], stds: [Double] = []
        for index in 0..<longest {
            let values = runs.compactMap { run in
                index < run.history.epochs.count ? metric.value(run.history.epochs[index]) : nil
            }
            guard !values.isEmpty else { continue }
            let estimate = Estimate(values)
            epochs.append(Double(index + 1))
            means.append(estimate.mean)
            stds.append(estimate.std)
        }
        return (epochs, means, stds)
    }
}

/// The summaries over seeds of a metric given per run and epoch (nil where not measured):
/// one definition for the lessons' reports, the results file and `--check`, which
/// recomputes them from the data files.
enum EpochSummary {
    /// A run's metric per epoch as the data files hold it: at their precision, and the gap
    /// as the difference of the stored training and validation accuracies (the files have no
    /// gap column), so that `--check` gets the same numbers back.
    static func values(_ history: History, _ metric: EpochMetric) -> [Double?] {
        func stored(_ metric: EpochMetric) -> [Double?] {
            history.epochs.map { metric.value($0).map(DataTables.stored) }
        }
        guard isInDataFiles(metric) else { return history.epochs.map(metric.value) }
        guard metric.key == EpochMetric.gap.key else { return stored(metric) }
        return gap(train: stored(.trainAccuracy), validation: stored(.validationAccuracy))
    }

    static func gap(train: [Double?], validation: [Double?]) -> [Double?] {
        zip(train, validation).map { train, validation in train.flatMap { train in validation.map { train - $0 } } }
    }

    /// The metric is a column of `<lesson>-runs.csv`, or the gap computed from two of them.
    static func isInDataFiles(_ metric: EpochMetric) -> Bool {
        metric.key == EpochMetric.gap.key || DataTables.epochColumns.contains { $0.name == metric.key }
    }

    static func final(_ runs: [[Double?]]) -> Estimate { Estimate(runs.compactMap { $0.last ?? nil }) }

    static func lastEpochs(_ k: Int, _ runs: [[Double?]]) -> Estimate {
        Estimate(
            runs.compactMap { epochs in
                let values = epochs.suffix(k).compactMap { $0 }
                return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
            })
    }

    /// Each run's (1-based) epoch of the highest validation value, the first on ties.
    static func bestEpochs(_ validation: [[Double?]]) -> [Int?] {
        validation.map { epochs in
            var best: (epoch: Int, value: Double)?
            for (index, value) in epochs.enumerated() {
                if let value, value > (best?.value ?? -.infinity) { best = (index + 1, value) }
            }
            return best?.epoch
        }
    }

    static func atEpoch(_ epoch: Int, _ runs: [[Double?]]) -> Estimate {
        Estimate(runs.compactMap { epochs in epochs.indices.contains(epoch - 1) ? epochs[epoch - 1] : nil })
    }

    static func window(from first: Int, count: Int, _ runs: [[Double?]]) -> Estimate {
        Estimate(
            runs.compactMap { epochs in
                guard first >= 1, first - 1 + count <= epochs.count else { return nil }
                let values = epochs[(first - 1)..<(first - 1 + count)].compactMap { $0 }
                return values.count == count ? values.reduce(0, +) / Double(count) : nil
            })
    }

    static func lowest(_ runs: [[Double?]]) -> Estimate { Estimate(runs.compactMap { $0.compactMap { $0 }.min() }) }

    static func atBest(_ runs: [[Double?]], bestEpochs: [Int?]) -> Estimate {
        Estimate(
            zip(runs, bestEpochs).compactMap { epochs, best in
                best.flatMap { $0 <= epochs.count ? epochs[$0 - 1] : nil }
            })
    }
}

/// Runs jobs on a fixed number of worker threads, each job's result stored at its index, so
/// the results do not depend on how many workers ran them or in which order they finished.
final class WorkerPool<Job, Output>: @unchecked Sendable {
    private let jobs: [Job]
    private let work: (Job) throws -> Output
    private let lock = NSLock()
    private var nextJob = 0
    private var outputs: [Output?]
    private var failure: Error?

    init(_ jobs: [Job], work: @escaping (Job) throws -> Output) {
        self.jobs = jobs
        self.work = work
        outputs = Array(repeating: nil, count: jobs.count)
    }

    /// Runs every job; the first error stops the workers from taking new jobs and is thrown.
    func run(workers: Int) throws -> [Output] {
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, jobs.count))) { _ in
            Cancellation.workerStarted()
            defer { Cancellation.workerEnded() }
            while let index = take() {
                Cancellation.safePoint()
                do {
                    let output = try work(jobs[index])
                    lock.withLock { outputs[index] = output }
                } catch {
                    lock.withLock { if failure == nil { failure = error } }
                }
            }
        }
        if let failure { throw failure }
        return outputs.map { $0! }
    }

    private func take() -> Int? {
        lock.withLock {
            guard failure == nil, nextJob < jobs.count else { return nil }
            defer { nextJob += 1 }
            return nextJob
        }
    }
}

/// The progress of a batch of runs that train side by side: on a terminal one status line
/// (runs done, the current runs' epochs, time left for the batch); in any case one line per
/// finished run.
final class LessonProgress: @unchecked Sendable {
    private let console: Console
    private let lock = NSLock()
    private var totalRuns = 0
    private var finishedRuns = 0
    private var epochsPerRun = 0
    private var epochsDone = 0
    private var current: [String: String] = [:]
    private var started = Date()
    /// The basis of the whole lesson's time left: the epochs the reference run of the same
    /// budget trained in all (nil without one), and this run's pace so far.
    private let lessonStarted = Date()
    private let lessonEpochs: Int?
    private var lessonEpochsDone = 0

    init(console: Console, lessonEpochs: Int? = nil) {
        self.console = console
        self.lessonEpochs = lessonEpochs
    }

    /// Epochs trained in all so far (recorded in the results, for the next run's estimate).
    var epochsTrained: Int { lock.withLock { lessonEpochsDone } }

    func begin(runs: Int) {
        lock.withLock {
            totalRuns = runs
            finishedRuns = 0
            epochsPerRun = 0
            epochsDone = 0
            current = [:]
            started = Date()
        }
    }

    func reporter(for run: SeedRun) -> TrainingCallback { RunReporter(progress: self, run: run) }

    fileprivate func started(_ run: SeedRun, epochs: Int) {
        lock.withLock { epochsPerRun = max(epochsPerRun, epochs) }
    }

    fileprivate func epochEnded(_ run: SeedRun, epoch: Int, of epochs: Int) {
        let text: String = lock.withLock {
            epochsDone += 1
            lessonEpochsDone += 1
            current[run.label + "#\(run.seedIndex)"] = "\(run.label) seed \(run.seedIndex + 1) epoch \(epoch)/\(epochs)"
            let planned = Double(max(epochsPerRun, 1) * totalRuns)
            let elapsed = Date().timeIntervalSince(started)
            let left = elapsed / Double(epochsDone) * max(planned - Double(epochsDone), 0)
            // This run's pace over the epochs the reference trained in all: the estimate
            // follows this machine, whatever the reference's took.
            let lessonLeft = lessonEpochs.map { total in
                Date().timeIntervalSince(lessonStarted) / Double(lessonEpochsDone)
                    * Double(max(total - lessonEpochsDone, 0))
            }
            // Time left first, so that a narrow terminal cuts the run names, not the times.
            return "~\(shortDuration(left)) left"
                + (lessonLeft.map { " (lesson ~\(shortDuration(max($0, left))))" } ?? "")
                + " · run \(finishedRuns + 1)–\(min(finishedRuns + current.count, totalRuns)) of \(totalRuns) · "
                + current.values.sorted().joined(separator: " · ")
        }
        console.status(text)
    }

    func finished(_ run: SeedRun, history: History, test: Evaluation?, seconds: Double) {
        let text: String = lock.withLock {
            finishedRuns += 1
            current[run.label + "#\(run.seedIndex)"] = nil
            var parts = ["[\(finishedRuns)/\(totalRuns)] \(run.label), seed \(run.seedIndex + 1):"]
            if let last = history.last {
                parts.append("\(last.epoch) epochs")
                if let accuracy = last.trainAccuracy { parts.append(String(format: "train %.2f%%", 100 * accuracy)) }
                if let accuracy = last.validationAccuracy {
                    parts.append(String(format: "validation %.2f%%", 100 * accuracy))
                }
            }
            if let accuracy = test?.accuracy { parts.append(String(format: "test %.2f%%", 100 * accuracy)) }
            parts.append(String(format: "(%.1f s)", seconds))
            return parts.joined(separator: " ")
        }
        console.line(text)
    }
}

private final class RunReporter: TrainingCallback {
    let progress: LessonProgress
    let run: SeedRun
    var epochs = 0

    init(progress: LessonProgress, run: SeedRun) {
        self.progress = progress
        self.run = run
    }

    func trainingWillStart(epochs: Int, batchesPerEpoch: Int) {
        self.epochs = epochs
        progress.started(run, epochs: epochs)
    }

    func epochDidEnd(_ record: EpochRecord, model: any Layer) -> TrainingDecision {
        progress.epochEnded(run, epoch: record.epoch, of: epochs)
        return .continue
    }
}

extension SettingRuns {
    /// The epochs (1-based) at which the runs reached their lowest value of `metric`, as
    /// "first–last" over the seeds ("16–28"), or the one epoch when they all agree: where
    /// `lowest(metric)`'s values fell in the budget, early (an overfitting run) or at its end
    /// (a run still improving).
    public func lowestEpochRange(_ metric: EpochMetric) -> String {
        let epochs = values(metric).compactMap { values in
            values.indices.filter { values[$0] != nil }.min { values[$0]! < values[$1]! }.map { $0 + 1 }
        }
        guard let first = epochs.min(), let last = epochs.max() else { return "–" }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }
}

extension SettingRuns {
    /// The epoch (1-based) after which each run would have stopped had early stopping's
    /// `Patience` rule watched `metric` instead (strict improvement); a run whose patience
    /// never runs out counts its last epoch. Replayed on the per-epoch values as the data files
    /// hold them, so the files give the same epochs back.
    public func patienceStopEpochs(_ metric: EpochMetric, patience: Int, higherIsBetter: Bool) -> [Int] {
        values(metric).map { values in
            var rule = Patience<Double>(patience)
            for (index, value) in values.enumerated() {
                guard let value else { continue }
                if rule.observe(higherIsBetter ? -value : value) == .exhausted { return index + 1 }
            }
            return values.count
        }
    }
}
