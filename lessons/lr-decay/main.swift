import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct LearningRateDecayLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-lr-decay",
        abstract: "Learning-rate decay: large steps early, small steps late, to damp the minibatch noise at the end of training.",
        discussion: """
        Minibatch gradients are noisy estimates, so with a constant learning rate the loss keeps \
        oscillating around the minimum. The same network is trained with a constant rate (the \
        baseline the lecture recommends trying first) and with the lecture's decays: \
        exponential η₀·e^(−kt), multiplicative ηₜ = α·ηₜ₋₁, inverse η₀/(1 + k·t), plus step \
        decay, reduce-on-plateau, and an exponential decay that is too aggressive. Figures: the \
        rate per epoch, and validation accuracy, validation loss and training loss per epoch. Full \
        run: about a minute in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Initial learning rate η₀ (SGD).")
    var learningRate: Float = 0.1

    @Option(help: "Training images.")
    var trainSize = 10000

    mutating func validate() throws {
        guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
        guard trainSize >= 64 else { throw ValidationError("--train-size must be at least one batch (64)") }
    }

    struct Plan {
        let label: String
        let schedule: LearningRateSchedule?
        let plateau: Bool
    }

    func plans(epochs: Int) -> [Plan] {
        let rate = learningRate
        return [
            Plan(label: "constant (no decay)", schedule: Schedules.constant(rate), plateau: false),
            Plan(label: "exponential, k = 0.1", schedule: Schedules.exponential(initial: rate, k: 0.1), plateau: false),
            Plan(label: "multiplicative, α = 0.85", schedule: Schedules.multiplicative(initial: rate, factor: 0.85), plateau: false),
            Plan(label: "inverse, k = 0.3", schedule: Schedules.inverse(initial: rate, k: 0.3), plateau: false),
            Plan(label: "step: ×0.5 every \(max(epochs / 4, 2)) epochs", schedule: Schedules.step(initial: rate, every: max(epochs / 4, 2), factor: 0.5), plateau: false),
            Plan(label: "on plateau: ×0.5 after 2 flat epochs", schedule: nil, plateau: true),
            Plan(label: "too aggressive: exponential, k = 1", schedule: Schedules.exponential(initial: rate, k: 1), plateau: false),
        ]
    }

    struct Outcome {
        let label: String
        let history: History
        /// Standard deviation, in percentage points, of the validation accuracy over the last
        /// epochs (up to 10): how much the end of training still jumps around.
        var lateValidationSpread: Float {
            let late = history.epochs.suffix(min(10, max(history.epochs.count / 2, 2))).map { 100 * $0.validationAccuracy! }
            return TensorStatistics(Matrix(rows: late.count, cols: 1, late)).std
        }
        var bestValidation: Float { history.epochs.compactMap(\.validationAccuracy).max()! }
    }

    func run() throws { _ = try perform() }

    func perform() throws -> [Outcome] {
        let context = try LessonContext(lesson: "lr-decay", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let epochs = training.epochs(full: 30, quick: 6, isQuick: quick)
        let (train, validation, _) = try context.loadSplits(training, trainSize: quick ? 1000 : trainSize,
                                                            validationSize: quick ? 1000 : 5000, testSize: 0)
        var outcomes: [Outcome] = []
        for plan in plans(epochs: epochs) {
            let random = Random(seed: lesson.seed)   // same weights and batches for every schedule
            let model = Sequential.mlp([784, 128, 10], random: random)
            let optimizer = SGD(model.parameters, learningRate: learningRate)
            let callbacks: [TrainingCallback] = plan.plateau
                ? [PlateauScheduler(ReduceOnPlateau(initial: learningRate, factor: 0.5, patience: 2), optimizer: optimizer)] : []
            let history = try context.fit(plan.label, model: model, loss: CrossEntropyLoss(), optimizer: optimizer,
                                          train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: 64, schedule: plan.schedule),
                                          random: random, callbacks: callbacks)
            outcomes.append(Outcome(label: plan.label, history: history))
        }
        try context.write(Self.schedulesFigure(outcomes))
        try context.write(Self.curvesFigure(outcomes, epochs: epochs, learningRate: learningRate))

        console.line("")
        var table = SummaryTable(title: "784→128→10, SGD from η₀ = \(learningRate), \(epochs) epochs on \(train.count) images (accuracy in %)",
                                 header: ["schedule", "final rate", "train loss", "validation", "best validation",
                                          "validation std, late epochs"])
        for outcome in outcomes {
            let last = outcome.history.last!
            table.add([outcome.label, String(format: "%.3g", last.learningRate), String(format: "%.4f", last.trainLoss),
                       percent(last.validationAccuracy), percent(outcome.bestValidation),
                       String(format: "%.2f", outcome.lateValidationSpread)])
        }
        console.line(table.description)
        try context.finish()
        return outcomes
    }

    static func schedulesFigure(_ outcomes: [Outcome]) -> Figure {
        Figure(name: "schedules", panels: [
            // The too-aggressive schedule falls to 10⁻¹⁴; cutting the axis at 10⁻⁵ keeps the others readable.
            Panel(title: "learning rate per epoch (the aggressive decay leaves the plot at the bottom)", xLabel: "epoch",
                  yLabel: "learning rate", yScale: .log, yRange: 1e-5...1, legend: .outside,
                  series: outcomes.enumerated().map { index, outcome in
                      .line(outcome.label, values: outcome.history.epochs.map(\.learningRate), style: .linesPoints, color: index)
                  }),
        ], columns: 1, panelSize: (900, 440))
    }

    static func curvesFigure(_ outcomes: [Outcome], epochs: Int, learningRate: Float) -> Figure {
        Figure(name: "curves", title: "The same network and batches under each schedule", panels: [
            Panel(title: "validation accuracy", xLabel: "epoch", yLabel: "accuracy (%)", legend: .bottomRight,
                  series: outcomes.enumerated().map { index, outcome in
                      .line(outcome.label, values: outcome.history.epochs.map { 100 * $0.validationAccuracy! }, color: index)
                  }),
            Panel(title: "validation loss", xLabel: "epoch", yLabel: "loss", legend: .topRight,
                  series: outcomes.enumerated().map { index, outcome in
                      .line(outcome.label, values: outcome.history.epochs.map { $0.validationLoss! }, color: index)
                  }),
            Panel(title: "training loss (mean over each epoch's minibatches)", xLabel: "epoch", yLabel: "loss", yScale: .log,
                  legend: .topRight, series: outcomes.enumerated().map { index, outcome in
                      .line(outcome.label, values: outcome.history.epochs.map(\.trainLoss), color: index)
                  }),
        ], columns: 3, panelSize: (600, 460))
    }

}
