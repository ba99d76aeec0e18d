import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct OptimizersLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-optimizers",
        abstract: "Nine optimizers side by side: SGD, momentum, Nesterov, AdaGrad, RMSprop, Adam, NAdam, AdamW, AdaDelta.",
        discussion: """
        Each optimizer, with its usual learning rate (stated in the table), trains the same \
        network from the same initial weights on the same Fashion-MNIST batches, and walks \
        Rosenbrock's valley from the same start. Loss curves, final accuracies and time in one \
        table, with what the lecture says each is known for. Full run: about 35 seconds in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Steps on Rosenbrock's valley.")
    var surfaceSteps = 2000

    mutating func validate() throws {
        guard surfaceSteps >= 1 else { throw ValidationError("--surface-steps must be positive") }
    }

    struct Entry {
        let name: String
        let knownFor: String
        let networkRate: Float
        let surfaceRate: Float
        let make: @Sendable ([Parameter], Float) -> Optimizer
    }

    static let entries: [Entry] = [
        Entry(name: "SGD", knownFor: "the baseline", networkRate: 0.05, surfaceRate: 0.001) { SGD($0, learningRate: $1) },
        Entry(name: "SGD + momentum 0.9", knownFor: "damps oscillations", networkRate: 0.01, surfaceRate: 0.001) {
            SGD($0, learningRate: $1, momentum: 0.9)
        },
        Entry(name: "Nesterov 0.9", knownFor: "look-ahead momentum", networkRate: 0.01, surfaceRate: 0.001) {
            SGD($0, learningRate: $1, momentum: 0.9, nesterov: true)
        },
        Entry(name: "AdaGrad", knownFor: "sparse data (NLP, recommendation)", networkRate: 0.01, surfaceRate: 0.5) {
            Adagrad($0, learningRate: $1)
        },
        Entry(name: "RMSprop", knownFor: "deep networks, especially RNNs", networkRate: 0.001, surfaceRate: 0.01) {
            RMSprop($0, learningRate: $1)
        },
        Entry(name: "Adam", knownFor: "a wide range of tasks", networkRate: 0.001, surfaceRate: 0.05) { Adam($0, learningRate: $1) },
        Entry(name: "NAdam", knownFor: "faster convergence on complex models", networkRate: 0.002, surfaceRate: 0.05) {
            NAdam($0, learningRate: $1)
        },
        Entry(name: "AdamW (weight decay 0.01)", knownFor: "large models such as transformers", networkRate: 0.001, surfaceRate: 0.05) {
            AdamW($0, learningRate: $1)
        },
        Entry(name: "AdaDelta", knownFor: "no learning rate to choose", networkRate: 1, surfaceRate: 1) { Adadelta($0, learningRate: $1) },
    ]

    struct Outcome {
        let entry: Entry
        let history: History
        let path: [(x: Float, y: Float)]
        var surfaceDistance: Float {
            let p = path.last!
            return ((p.x - 1) * (p.x - 1) + (p.y - 1) * (p.y - 1)).squareRoot()
        }
    }

    func run() throws { _ = try perform() }

    func perform() throws -> [Outcome] {
        let context = try LessonContext(lesson: "optimizers", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let epochs = training.epochs(full: 10, quick: 2, isQuick: quick)
        let steps = quick ? min(surfaceSteps, 300) : surfaceSteps
        let (train, validation, _) = try context.loadSplits(training, trainSize: quick ? 1000 : 10000,
                                                            validationSize: quick ? 1000 : 5000, testSize: 0)
        var outcomes: [Outcome] = []
        for entry in Self.entries {
            let random = Random(seed: lesson.seed)
            let model = Sequential.mlp([784, 128, 10], random: random)
            let history = try context.fit(entry.name, model: model, loss: CrossEntropyLoss(),
                                          optimizer: entry.make(model.parameters, entry.networkRate),
                                          train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: 64), random: random)
            let path = Surface.rosenbrock.trajectory(from: (-1.2, 1.2), steps: steps) { entry.make($0, entry.surfaceRate) }
            outcomes.append(Outcome(entry: entry, history: history, path: path))
        }
        let runs = outcomes.map { ($0.entry.name, $0.history) }
        try context.write(Figure(name: "fashion-mnist", title: "784→128→10 on \(train.count) Fashion-MNIST images, batch 64, each optimizer at its usual learning rate", panels: [
            Panel(title: "training loss per epoch", xLabel: "epoch", yLabel: "loss", yScale: .log, legend: .outside,
                  series: runs.enumerated().map { .line($1.0, values: $1.1.epochs.map(\.trainLoss), color: $0) }),
            Panel(title: "validation accuracy", xLabel: "epoch", yLabel: "accuracy (%)", legend: .hidden,
                  series: runs.enumerated().map { .line($1.0, values: $1.1.epochs.map { 100 * $0.validationAccuracy! }, color: $0) }),
        ], columns: 2, panelSize: (760, 460)))
        let paths = outcomes.map { (label: "\($0.entry.name), lr \($0.entry.surfaceRate)", points: $0.path) }
        try context.write(Figure(name: "rosenbrock", title: "Rosenbrock's valley from (−1.2, 1.2), \(steps) steps", panels: [
            StandardPanels.surface(Surface.rosenbrock, x: -1.6...1.6, y: -0.5...2, title: "paths", paths: paths),
            StandardPanels.surfaceLoss(Surface.rosenbrock, title: "f per step", paths: paths),
        ], columns: 2, panelSize: (700, 520)))

        console.line("")
        var table = SummaryTable(title: "After \(epochs) epochs (accuracy in %); Rosenbrock after \(steps) steps",
                                 header: ["optimizer", "lr (network)", "train loss", "validation", "seconds", "lr (surface)",
                                          "distance to (1, 1)", "known for (lecture)"])
        for outcome in outcomes {
            let last = outcome.history.last!
            table.add([outcome.entry.name, String(format: "%g", outcome.entry.networkRate), String(format: "%.4f", last.trainLoss),
                       percent(last.validationAccuracy), String(format: "%.1f", outcome.history.totalSeconds),
                       String(format: "%g", outcome.entry.surfaceRate), String(format: "%.3g", outcome.surfaceDistance), outcome.entry.knownFor])
        }
        console.line(table.description)
        try context.finish()
        return outcomes
    }
}
