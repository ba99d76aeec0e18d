// Early stopping, as the lecture teaches it: an overfitting network (784→256→256→10, Adam,
// 2,000 images) trained under the lecture's loop, which checkpoints the best validation
// loss to a file and stops once patience runs out, then loads the best weights back; and
// the same run under the same seed without stopping, to show what the extra epochs would
// have done. Measured: where the validation loss bottomed out, where patience stopped, and
// the test loss and accuracy of the restored weights against the unstopped run's last
// epochs. The options are in Command.swift, the printed report in Report.swift, the figure
// in Figures.swift.

import Engine
import EngineData
import Foundation
import LessonKit

extension EarlyStoppingLesson {
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
        /// Epochs trained: the last before stopping, where patience ran out.
        var epochsTrained: Double { Double(history.epochs.count) }

        static let columns = [
            RunColumn("best_epoch", \Self.bestEpoch), RunColumn("stopped_epoch", \Self.stoppedEpoch),
            RunColumn("best_validation_loss", \Self.bestValidationLoss),
            RunColumn("restored_validation_loss", \Self.restoredValidationLoss),
            RunColumn("last_epoch_test_loss", \Self.lastTestLoss),
            RunColumn("last_epoch_test_accuracy_pct", \Self.lastTestAccuracy),
            RunColumn("epochs_trained", \Self.epochsTrained),
        ]
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let maximumEpochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.limit, quick: min(trainSize.limit ?? 500, 500)),
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
}

EarlyStoppingLesson.main()
