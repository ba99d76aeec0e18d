import Engine
import Foundation

/// A number read off each epoch of a training run, for curves and summaries over seeds.
/// Accuracies are in percent, gaps in percentage points.
public struct EpochMetric: Sendable {
    /// Key in the results file, e.g. "validation_accuracy".
    public let key: String
    /// Axis label, e.g. "validation accuracy (%)".
    public let label: String
    public let value: @Sendable (EpochRecord) -> Double?

    public init(key: String, label: String, value: @escaping @Sendable (EpochRecord) -> Double?) {
        self.key = key
        self.label = label
        self.value = value
    }

    public static let trainAccuracy = EpochMetric(key: "train_accuracy", label: "training accuracy (%)") { $0.trainAccuracy.map { 100 * Double($0) } }
    public static let validationAccuracy = EpochMetric(key: "validation_accuracy", label: "validation accuracy (%)") { $0.validationAccuracy.map { 100 * Double($0) } }
    public static let testAccuracy = EpochMetric(key: "test_accuracy", label: "test accuracy (%)") { $0.testAccuracy.map { 100 * Double($0) } }
    public static let trainLoss = EpochMetric(key: "train_loss", label: "training loss") { Double($0.trainLoss) }
    public static let validationLoss = EpochMetric(key: "validation_loss", label: "validation loss") { $0.validationLoss.map(Double.init) }
    public static let testLoss = EpochMetric(key: "test_loss", label: "test loss") { $0.testLoss.map(Double.init) }
    /// Training minus validation accuracy: the generalization gap.
    public static let gap = EpochMetric(key: "gap", label: "gap (percentage points)") { record in
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
    public func fit<L: Loss, D: Dataset>(model: any Layer, loss: L, optimizer: Optimizer, train: D,
                                         validation: D? = nil, test: D? = nil, trainingEvaluation: D? = nil,
                                         options: TrainingOptions, callbacks: [TrainingCallback] = []) throws -> History
        where D.Target == L.Target {
        let trainer = Trainer(model: model, loss: loss, optimizer: optimizer, random: random(.batchOrder),
                              callbacks: callbacks + [progress.reporter(for: self), CancellationPoint()])
        return try trainer.fit(train, validation: validation, test: test, trainingEvaluation: trainingEvaluation,
                               options: options)
    }
}

/// What one run produced: its epoch history, a final test evaluation if the lesson made
/// one, and any other numbers the lesson measured (keyed by name).
public struct RunResult: Sendable {
    public var history: History
    public var test: Evaluation?
    public var extras: [String: Double]

    public init(history: History = History(), test: Evaluation? = nil, extras: [String: Double] = [:]) {
        self.history = history
        self.test = test
        self.extras = extras
    }
}

/// Every seed's run of one setting, with the summaries a claim can rest on: the final
/// epoch, the mean of the last k epochs, and the best-validation epoch.
public struct SettingRuns: Sendable {
    public let label: String
    public let seeds: [UInt64]
    public let runs: [RunResult]

    public init(label: String, seeds: [UInt64], runs: [RunResult]) {
        self.label = label
        self.seeds = seeds
        self.runs = runs
    }

    /// The metric at each run's last epoch.
    public func final(_ metric: EpochMetric) -> Estimate {
        Estimate(runs.compactMap { $0.history.last.flatMap(metric.value) })
    }

    /// Each run's mean over its last `k` epochs: a summary one noisy epoch cannot swing.
    public func lastEpochs(_ k: Int, _ metric: EpochMetric) -> Estimate {
        Estimate(runs.compactMap { run in
            let values = run.history.epochs.suffix(k).compactMap(metric.value)
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        })
    }

    /// Each run's epoch of highest validation accuracy (the first, on ties); nil for runs
    /// without validation.
    public var bestValidationEpochs: [Int?] {
        runs.map { run in
            run.history.epochs.max { ($0.validationAccuracy ?? -1) < ($1.validationAccuracy ?? -1) }
                .flatMap { $0.validationAccuracy == nil ? nil : $0.epoch }
        }
    }

    /// The metric at each run's best-validation epoch (early stopping's choice).
    public func atBestValidation(_ metric: EpochMetric) -> Estimate {
        Estimate(zip(runs, bestValidationEpochs).compactMap { run, epoch in
            epoch.flatMap { run.history.epochs[$0 - 1] }.flatMap(metric.value)
        })
    }

    /// Final test accuracy (%) of the runs that made a test evaluation.
    public var testAccuracy: Estimate { Estimate(runs.compactMap { $0.test?.accuracy.map { 100 * Double($0) } }) }

    public func extra(_ key: String) -> Estimate { Estimate(runs.compactMap { $0.extras[key] }) }

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
    /// When the lesson started and how long its last full run on this machine took (from the
    /// results file it left): the basis of the whole lesson's time left.
    private let lessonStarted = Date()
    private let lessonSeconds: Double?

    init(console: Console, lessonSeconds: Double? = nil) {
        self.console = console
        self.lessonSeconds = lessonSeconds
    }

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
            current[run.label + "#\(run.seedIndex)"] = "\(run.label) seed \(run.seedIndex + 1) epoch \(epoch)/\(epochs)"
            let planned = Double(max(epochsPerRun, 1) * totalRuns)
            let elapsed = Date().timeIntervalSince(started)
            let left = elapsed / Double(epochsDone) * max(planned - Double(epochsDone), 0)
            let lessonLeft = lessonSeconds.map { max($0 - Date().timeIntervalSince(lessonStarted), 0) }
            return "run \(finishedRuns + 1)–\(min(finishedRuns + current.count, totalRuns)) of \(totalRuns)  "
                + current.values.sorted().joined(separator: " · ") + "  left ~\(shortDuration(left))"
                + (lessonLeft.map { ", lesson ~\(shortDuration($0))" } ?? "")
        }
        console.status(text)
    }

    func finished(_ run: SeedRun, result: RunResult, seconds: Double) {
        let text: String = lock.withLock {
            finishedRuns += 1
            current[run.label + "#\(run.seedIndex)"] = nil
            var parts = ["[\(finishedRuns)/\(totalRuns)] \(run.label), seed \(run.seedIndex + 1):"]
            if let last = result.history.last {
                parts.append("\(last.epoch) epochs")
                if let accuracy = last.trainAccuracy { parts.append(String(format: "train %.2f%%", 100 * accuracy)) }
                if let accuracy = last.validationAccuracy { parts.append(String(format: "validation %.2f%%", 100 * accuracy)) }
            }
            if let accuracy = result.test?.accuracy { parts.append(String(format: "test %.2f%%", 100 * accuracy)) }
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
