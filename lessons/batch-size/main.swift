import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct BatchSizeLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-batch-size",
        abstract: "Minibatch size 64 vs 1024: noisy small steps against smooth large ones, the lecture's experiment.",
        discussion: """
        The lecture's experiment on Fashion-MNIST: 784 → Linear(75, bias=false) → BatchNorm1d → \
        ReLU → Dropout(0.5) → Linear(45, bias=false) → BatchNorm1d → ReLU → Dropout(0.3) → \
        Linear(10), SGD with learning rate 0.1 for 100 epochs, with minibatches of 64 and of \
        1024 (the incomplete last batch dropped), 10 % of the training set held out for \
        validation, seed 123. Figures: the minibatch loss per iteration with its running \
        average, and training and validation accuracy per epoch; the summary puts the \
        lecture's numbers beside ours. Full run: about 2 minutes with `swift run -c release`.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "The minibatch sizes to compare, comma-separated.")
    var batchSizes = ListOption<Int>([64, 1024])

    @Option(help: "SGD learning rate.")
    var learningRate: Float = 0.1

    mutating func validate() throws {
        guard batchSizes.values.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--batch-sizes must list positive integers, e.g. 64,1024")
        }
        guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
    }

    /// The lecture's network, layer by layer.
    static func model(random: Random) -> Sequential {
        Sequential(
            Linear(784, 75, bias: false, random: random), BatchNorm1d(75), ReLU(), Dropout(0.5, random: random),
            Linear(75, 45, bias: false, random: random), BatchNorm1d(45), ReLU(), Dropout(0.3, random: random),
            Linear(45, 10, random: random))
    }

    /// What the lecture reports (MNIST, on a GPU), for the summary.
    static let lecture: [Int: (train: String, validation: String, test: String, minutes: String)] = [
        64: ("98.50", "97.65", "97.18", "5.59"), 1024: ("98.45", "97.67", "97.08", "4.38"),
    ]

    struct Outcome {
        let batchSize: Int
        let history: History
        let test: Evaluation
        /// Standard deviation of the minibatch loss over the last epoch: the zig-zag.
        var lastEpochSpread: Float {
            let last = Array(history.minibatchLosses.suffix(history.batchesPerEpoch))
            return TensorStatistics(Matrix(rows: last.count, cols: 1, last)).std
        }
    }

    func run() throws { _ = try perform() }

    func perform() throws -> [Outcome] {
        let context = try LessonContext(lesson: "batch-size", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let epochs = training.epochs(full: 100, quick: 3, isQuick: quick)
        let (train, validation, test) = try context.loadSplits(training, trainSize: quick ? 4096 : nil,
                                                               validationSize: quick ? 1000 : nil, testSize: quick ? 1000 : nil)
        var outcomes: [Outcome] = []
        for batchSize in batchSizes.values {
            let random = Random(seed: lesson.seed)
            let model = Self.model(random: random)
            let history = try context.fit("batch \(batchSize)", model: model, loss: CrossEntropyLoss(),
                                          optimizer: SGD(model.parameters, learningRate: learningRate),
                                          train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: batchSize, dropLast: true,
                                                                   evaluateTrainingSet: true),
                                          random: random)
            outcomes.append(Outcome(batchSize: batchSize, history: history, test: evaluate(model, loss: CrossEntropyLoss(), on: test)))
        }
        try context.write(Self.lossFigure(outcomes))
        try context.write(Figure(name: "accuracy", title: "Training and validation accuracy per epoch (training measured in evaluation mode)", panels: [
            StandardPanels.curves(outcomes.map { ("batch \($0.batchSize)", $0.history) }, title: "accuracy", metric: .accuracy),
        ], columns: 1, panelSize: (820, 460)))

        console.line("")
        var table = SummaryTable(title: "After \(epochs) epochs, SGD lr \(learningRate) (ours: Fashion-MNIST, \(BLAS.threads) CPU thread; lecture: MNIST, GPU)",
                                 header: ["batch size", "train %", "validation %", "test %", "minutes", "minibatch loss std, last epoch",
                                          "lecture: train / validation / test %, minutes"])
        for outcome in outcomes {
            let last = outcome.history.last!
            let reference = Self.lecture[outcome.batchSize].map { "\($0.train) / \($0.validation) / \($0.test), \($0.minutes)" } ?? "–"
            table.add(["\(outcome.batchSize)", percent(last.trainAccuracy), percent(last.validationAccuracy), percent(outcome.test.accuracy),
                       String(format: "%.2f", outcome.history.totalSeconds / 60), String(format: "%.4f", outcome.lastEpochSpread), reference])
        }
        console.line(table.description)
        let total = outcomes.reduce(0) { $0 + $1.history.totalSeconds }
        console.line(String(format: "Both runs together: %.2f minutes of training (the lecture's batch-1024 run alone took 4.38 minutes on a GPU).", total / 60))
        try context.finish()
        return outcomes
    }

    static func lossFigure(_ outcomes: [Outcome]) -> Figure {
        Figure(name: "minibatch-loss", title: "Minibatch loss per iteration, with a running average", panels: outcomes.map { outcome in
            let history = outcome.history
            let window = max(10, history.batchesPerEpoch)
            return StandardPanels.minibatchLoss(
                history, title: "batch \(outcome.batchSize): \(history.batchesPerEpoch) iterations per epoch, \(history.minibatchLosses.count) in all",
                xLabel: "epoch (iteration / \(history.batchesPerEpoch))", window: window,
                averageTitle: "running average over \(window) iterations")
        }, columns: 2, panelSize: (640, 440))
    }
}
