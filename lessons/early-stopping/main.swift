import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct EarlyStoppingLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-early-stopping",
        abstract: "Early stopping: watch the validation loss, keep the best weights, stop when it stops improving.",
        discussion: """
        The lecture's loop exactly: after every epoch the validation loss is compared with the \
        best so far; an improvement saves the model to a checkpoint file (written atomically) \
        and resets a counter, anything else increments it, and training stops once the \
        counter reaches the patience (3). The best weights are then loaded back from the file. \
        The setting overfits on purpose (a wide MLP on 2,000 images with Adam), and a second \
        run without stopping shows what the extra epochs would have done. Full run: under a minute in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Epochs without improvement of the validation loss before stopping.")
    var patience = 3

    @Option(help: "Training images (a small set, so that the network overfits).")
    var trainSize = 2000

    @Option(help: ArgumentHelp("Checkpoint file for the best weights (default: in the temporary folder).", valueName: "file"))
    var checkpoint: String?

    mutating func validate() throws {
        guard patience >= 1 else { throw ValidationError("--patience must be at least 1") }
        guard trainSize >= 1 else { throw ValidationError("--train-size must be positive") }
    }

    static let sizes = [784, 256, 256, 10]

    struct Report {
        let stopping: EarlyStopping
        let stopped: History
        let continued: History
        let bestTest: Evaluation
        let lastTest: Evaluation
        let continuedTest: Evaluation
        let restoredValidationLoss: Float
        let checkpointPath: String
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "early-stopping", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let maximumEpochs = training.epochs(full: 100, quick: 40, isQuick: quick)
        let (train, validation, test) = try context.loadSplits(training, trainSize: quick ? min(trainSize, 500) : trainSize,
                                                               validationSize: quick ? 1000 : nil, testSize: quick ? 1000 : nil)
        let path = checkpoint ?? (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("lesson-early-stopping-\(ProcessInfo.processInfo.processIdentifier).ckpt")
        let options = TrainingOptions(epochs: maximumEpochs, batchSize: 64)

        func makeRun() -> (Sequential, Optimizer, Random) {
            let random = Random(seed: lesson.seed)
            let model = Sequential.mlp(Self.sizes, random: random)
            return (model, Adam(model.parameters, learningRate: 1e-3), random)
        }

        // The lecture's loop: stop on patience, then load the best model from its file.
        let (model, optimizer, random) = makeRun()
        let stopping = EarlyStopping(patience: patience, restoreBestWeights: false, checkpointPath: path)
        let stopped = try context.fit("early stopping", model: model, loss: CrossEntropyLoss(), optimizer: optimizer,
                                      train: train, validation: validation, options: options, random: random,
                                      callbacks: [stopping])
        let lastTest = evaluate(model, loss: CrossEntropyLoss(), on: test)
        try model.load(Checkpoint.load(from: path))
        let restoredValidationLoss = evaluate(model, loss: CrossEntropyLoss(), on: validation).loss
        let bestTest = evaluate(model, loss: CrossEntropyLoss(), on: test)

        // The same run without stopping: identical up to the stop (same seed), then more epochs.
        let (fullModel, fullOptimizer, fullRandom) = makeRun()
        let continued = try context.fit("no stopping", model: fullModel, loss: CrossEntropyLoss(), optimizer: fullOptimizer,
                                        train: train, validation: validation, options: options, random: fullRandom)
        let continuedTest = evaluate(fullModel, loss: CrossEntropyLoss(), on: test)

        let report = Report(stopping: stopping, stopped: stopped, continued: continued, bestTest: bestTest, lastTest: lastTest,
                            continuedTest: continuedTest, restoredValidationLoss: restoredValidationLoss, checkpointPath: path)
        try context.write(Self.figure(report, patience: patience))

        console.line("")
        guard let best = stopping.bestEpoch else { throw LessonError("no epoch was trained (--epochs 0)") }
        if let stop = stopping.stoppedEpoch {
            console.line("Validation loss was lowest after epoch \(best) (\(String(format: "%.4f", stopping.bestLoss))); \(patience) epochs without improvement stopped training after epoch \(stop).")
        } else {
            console.line("Validation loss was lowest after epoch \(best); patience never ran out within \(maximumEpochs) epochs.")
        }
        console.line("Best weights saved to \(path) and loaded back: validation loss \(String(format: "%.4f", restoredValidationLoss)).")
        var table = SummaryTable(title: "Test set (\(test.count) images)", header: ["weights", "epoch", "test loss", "test accuracy (%)"])
        table.add(["best (restored from checkpoint)", "\(best)", String(format: "%.4f", bestTest.loss), percent(bestTest.accuracy)])
        table.add(["last before stopping", "\(stopped.epochs.count)", String(format: "%.4f", lastTest.loss), percent(lastTest.accuracy)])
        table.add(["after all epochs, no stopping", "\(continued.epochs.count)", String(format: "%.4f", continuedTest.loss), percent(continuedTest.accuracy)])
        console.line(table.description)
        try context.finish()
        return report
    }

    static func figure(_ report: Report, patience: Int) -> Figure {
        var markers: [Marker] = []
        if let best = report.stopping.bestEpoch { markers.append(Marker(x: Double(best), label: "best epoch \(best)")) }
        if let stop = report.stopping.stoppedEpoch { markers.append(Marker(x: Double(stop), label: "stop \(stop)")) }
        let stopped = report.stopped.epochs, continued = report.continued.epochs
        return Figure(name: "curves", title: "784→256→256→10, Adam, patience \(patience)", panels: [
            Panel(title: "loss", xLabel: "epoch", yLabel: "cross-entropy loss", yScale: .log, legend: .bottomRight,
                  markers: markers, series: [
                      .line("training (no stopping)", values: continued.map(\.trainLoss), style: .dashed, color: 0),
                      .line("validation (no stopping)", values: continued.map { $0.validationLoss! }, style: .dashed, color: 1),
                      .line("training", values: stopped.map(\.trainLoss), color: 0),
                      .line("validation", values: stopped.map { $0.validationLoss! }, color: 1),
                  ]),
            Panel(title: "accuracy", xLabel: "epoch", yLabel: "accuracy (%)", legend: .bottomRight, markers: markers, series: [
                .line("training (no stopping)", values: continued.map { 100 * $0.trainAccuracy! }, style: .dashed, color: 0),
                .line("validation (no stopping)", values: continued.map { 100 * $0.validationAccuracy! }, style: .dashed, color: 1),
                .line("training", values: stopped.map { 100 * $0.trainAccuracy! }, color: 0),
                .line("validation", values: stopped.map { 100 * $0.validationAccuracy! }, color: 1),
            ]),
        ])
    }
}
