import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct EarlyStoppingLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "Early stopping: watch the validation loss, keep the best weights, stop when it stops improving.",
        discussion: """
            The lecture's loop exactly: after every epoch the validation loss is compared with the \
            best so far; an improvement saves the model to a checkpoint file (written atomically) \
            and resets a counter, anything else increments it, and training stops once the \
            counter reaches the patience (3). The best weights are then loaded back from the file, \
            and the file is deleted (unless --checkpoint asks to keep the first seed's). The \
            setting overfits on purpose (784→256→256→10, Adam, 2,000 images); a second run under \
            the same seed without stopping — the same run up to the stop — shows what the extra \
            epochs would have done; it measures the test set after every epoch, and its test score \
            is the mean of its last 10 epochs, which one lucky or unlucky final epoch cannot swing. \
            --epochs sets the most epochs a run may take (default 100). \
            10 seeds; --quick: 500 images, at most 40 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 100, quick: 40)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Epochs without improvement of the validation loss before stopping (1 to 1,000).")
    var patience = 3

    @Option(
        help:
            "Training images (a small set, so that the network overfits; at least 1, more than the 54,000 of the training split means all of them)."
    )
    var trainSize = Count(2000)

    @Option(
        help: ArgumentHelp(
            "Keep the first seed's checkpoint of the best weights in this file (default: each run's checkpoint goes to the temporary folder and is deleted once loaded back).",
            valueName: "file"))
    var checkpoint: String?

    mutating func validate() throws {
        guard (1...1000).contains(patience) else {
            throw ValidationError("--patience must be between 1 and 1000 (got \(patience))")
        }
        if let checkpoint, checkpoint.isEmpty { throw ValidationError("--checkpoint must name a file") }
    }

    static let sizes = [784, 256, 256, 10]
    /// Epochs of the run without stopping whose test values are averaged: its test accuracy
    /// swings by points from epoch to epoch late in training.
    static let lastK = 10

    enum Setting: CaseIterable {
        case stopping, continued
        var label: String { self == .stopping ? "early stopping" : "no stopping" }
    }

    struct Report {
        /// Runs with early stopping; `test` is of the restored best weights.
        let stopping: SettingRuns<StoppingRun>
        /// The same seeds trained for every epoch; `test` is after the last epoch.
        let continued: SettingRuns<StoppingRun>
        let maximumEpochs: Int
    }

    /// One run; with early stopping, what the stop and the checkpoint did.
    struct StoppingRun: RunRecord {
        var history: History
        var test: Evaluation?
        var stop: Stop?

        struct Stop: Sendable {
            var bestEpoch: Int
            /// 0 if patience never ran out.
            var stoppedEpoch: Int
            var bestValidationLoss: Double
            var restoredValidationLoss: Double
            /// The network of the last epoch trained, before the best weights were loaded back.
            var lastTest: Evaluation
        }

        var bestEpoch: Double? { stop.map { Double($0.bestEpoch) } }
        var stoppedEpoch: Double? { stop.map { Double($0.stoppedEpoch) } }
        var bestValidationLoss: Double? { stop?.bestValidationLoss }
        var restoredValidationLoss: Double? { stop?.restoredValidationLoss }
        var lastTestLoss: Double? { stop.map { Double($0.lastTest.loss) } }
        var lastTestAccuracy: Double? { stop?.lastTest.accuracy.map { 100 * Double($0) } }

        static let columns = [
            RunColumn("best_epoch", \Self.bestEpoch), RunColumn("stopped_epoch", \Self.stoppedEpoch),
            RunColumn("best_validation_loss", \Self.bestValidationLoss),
            RunColumn("restored_validation_loss", \Self.restoredValidationLoss),
            RunColumn("last_epoch_test_loss", \Self.lastTestLoss),
            RunColumn("last_epoch_test_accuracy_pct", \Self.lastTestAccuracy),
        ]
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let maximumEpochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.value, quick: min(trainSize.value, 500)),
            validationSize: context.budget(nil, quick: 1000), testSize: context.budget(nil, quick: 1000))
        let test = splits.first.test
        let options = TrainingOptions(epochs: maximumEpochs, batchSize: 64)
        let patience = patience, keep = checkpoint
        let runs = try context.overSeeds(
            Setting.allCases, label: \.label, columns: { ["early_stopping": SettingValue($0 == .stopping)] },
            lastK: Self.lastK
        ) { setting, run in
            let (train, validation, test) = splits(run).sets
            let model = Sequential.mlp(Self.sizes, random: run.random(.weights))
            let optimizer = Adam(model.parameters, learningRate: 1e-3)
            guard setting == .stopping else {
                let history = try run.fit(
                    model: model, loss: CrossEntropyLoss(), optimizer: optimizer,
                    train: train, validation: validation, test: test, options: options)
                return StoppingRun(history: history, test: Evaluation(of: model, loss: CrossEntropyLoss(), on: test))
            }
            let path = run.seedIndex == 0 && keep != nil ? keep! : Self.temporaryCheckpoint(seedIndex: run.seedIndex)
            let stop = {
                try Self.stopEarly(
                    run, model: model, optimizer: optimizer, patience: patience, checkpoint: path,
                    train: train, validation: validation, test: test, options: options)
            }
            return path == keep ? try stop() : try withScratchFile(path, stop)
        }
        let report = Report(stopping: runs[0], continued: runs[1], maximumEpochs: maximumEpochs)
        try context.write(Self.figure(report, patience: patience))
        reportSummary(context, report: report, testCount: test.count)
        try context.finish()
        return report
    }

    /// A checkpoint path of this process and seed in the temporary folder.
    static func temporaryCheckpoint(seedIndex: Int) -> String {
        (NSTemporaryDirectory() as NSString)
            .appendingPathComponent(
                "lesson-early-stopping-\(ProcessInfo.processInfo.processIdentifier)-seed\(seedIndex + 1).ckpt")
    }

    /// The lecture's loop: stop on patience, then load the best model back from its file.
    static func stopEarly(
        _ run: SeedRun, model: Sequential, optimizer: Optimizer, patience: Int, checkpoint: String,
        train: ImageDataset, validation: ImageDataset, test: ImageDataset,
        options: TrainingOptions
    ) throws -> StoppingRun {
        let stopping = EarlyStopping(patience: patience, restoreBestWeights: false, checkpointPath: checkpoint)
        let history = try run.fit(
            model: model, loss: CrossEntropyLoss(), optimizer: optimizer,
            train: train, validation: validation, options: options, callbacks: [stopping])
        guard let best = stopping.bestEpoch else {
            throw LessonError("no epoch improved the validation loss, so there is no checkpoint to load")
        }
        let last = Evaluation(of: model, loss: CrossEntropyLoss(), on: test)
        try model.load(Checkpoint.load(from: checkpoint))
        let restored = Evaluation(of: model, loss: CrossEntropyLoss(), on: validation).loss
        let bestTest = Evaluation(of: model, loss: CrossEntropyLoss(), on: test)
        return StoppingRun(
            history: history, test: bestTest,
            stop: .init(
                bestEpoch: best, stoppedEpoch: stopping.stoppedEpoch ?? 0,
                bestValidationLoss: Double(stopping.bestLoss),
                restoredValidationLoss: Double(restored), lastTest: last))
    }

    func reportSummary(_ context: LessonContext, report: Report, testCount: Int) {
        let stopping = report.stopping, continued = report.continued, k = Self.lastK
        let stops = stopping.estimate(\.stoppedEpoch).values.filter { $0 > 0 }.count
        let restoredGap = Estimate(
            zip(stopping.estimate(\.restoredValidationLoss).values, stopping.estimate(\.bestValidationLoss).values).map
            { abs($0 - $1) })
        context.report(
            "Over \(context.seeds.count) seeds (mean ± std): validation loss lowest after epoch \(stopping.estimate(\.bestEpoch).formatted(decimals: 1)); patience \(patience) ran out in \(stops) of \(stopping.runs.count) runs, stopping after epoch \(stopping.estimate(\.stoppedEpoch).formatted(decimals: 1)) of at most \(report.maximumEpochs)."
        )
        // The run without stopping is the same run up to the stop, so its whole curve shows
        // whether the validation loss would have fallen lower after patience ran out.
        let globalMinima = continued.runs.map {
            Convergence.bestEpoch($0.history, metric: .validationLoss, lowerIsBetter: true) ?? 0
        }
        let early = zip(stopping.runs, globalMinima).filter { run, minimum in (run.stop?.bestEpoch ?? minimum) < minimum
        }.count
        context.report(
            "Patience \(patience) stopped before the run's lowest validation loss over all \(report.maximumEpochs) epochs in \(early) of \(stopping.runs.count) seeds (that minimum after epoch \(Estimate(globalMinima.map(Double.init)).formatted(decimals: 1)))."
        )
        context.report(
            String(
                format:
                    "Best weights saved to a checkpoint file and loaded back: validation loss equals the best epoch's to within %.1e in every run.",
                restoredGap.max))
        context.report(
            "The run without stopping reaches its highest validation *accuracy* after epoch \(Estimate(continued.bestValidationEpochs.compactMap { $0.map(Double.init) }).formatted(decimals: 1)): stopping on accuracy would train longer."
        )
        context.report()
        var table = SummaryTable(
            title: "Test set (\(testCount) images), mean ± std over \(context.seeds.count) seeds",
            header: ["weights", "epoch", "test loss", "test accuracy (%)"])
        table.add([
            "best (restored from checkpoint)", stopping.estimate(\.bestEpoch).formatted(decimals: 1),
            stopping.testLoss.formatted(decimals: 4), stopping.testAccuracy.formatted(),
        ])
        table.add([
            "last before stopping",
            Estimate(stopping.runs.map { Double($0.history.epochs.count) }).formatted(decimals: 1),
            stopping.estimate(\.lastTestLoss).formatted(decimals: 4), stopping.estimate(\.lastTestAccuracy).formatted(),
        ])
        table.add([
            "no stopping, mean of the last \(k) epochs", "\(report.maximumEpochs - k + 1)–\(report.maximumEpochs)",
            continued.lastEpochs(k, .testLoss).formatted(decimals: 4),
            continued.lastEpochs(k, .testAccuracy).formatted(),
        ])
        table.add([
            "no stopping, last epoch only", "\(report.maximumEpochs)", continued.testLoss.formatted(decimals: 4),
            continued.testAccuracy.formatted(),
        ])
        context.report(table)
        context.report()
        let a = "restored best weights", b = "no stopping (last \(k) epochs)"
        context.report(
            Difference(stopping.testLoss, continued.lastEpochs(k, .testLoss))
                .verdict(a, b, quantity: "Test loss", unit: "", decimals: 4))
        context.report(
            Difference(stopping.testAccuracy, continued.lastEpochs(k, .testAccuracy))
                .verdict(a, b, quantity: "Test accuracy"))
    }

}

EarlyStoppingLesson.main()
