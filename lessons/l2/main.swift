import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct L2Lesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-l2",
        abstract: "L2 regularization: penalizing large weights shrinks them and narrows the generalization gap.",
        discussion: """
        The lecture's cost is the mean loss plus (λ/n)·Σ‖W⁽ˡ⁾‖²_F over the weight matrices \
        (not the biases), with n the number of examples the loss averages over (here the \
        minibatch). A wide MLP that overfits 2,000 Fashion-MNIST images is trained for every λ \
        of a log grid, including 0 (SGD, learning rate 0.01, momentum 0.9, batch 64); the lesson plots validation accuracy and the total squared \
        weight norm against λ, and the weight distributions without and with the best λ. It \
        also checks that adding the penalty to the loss and SGD's weight decay 2λ/n give the \
        same weights step after step. Full run: about 3 minutes in a debug build, under a minute with `swift run -c release`.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Values of λ, comma-separated (0 = no penalty).")
    var lambdas = ListOption<Float>([0, 0.003, 0.01, 0.03, 0.1, 0.3, 1])

    @Option(help: "Training images (a small set, so that the network overfits).")
    var trainSize = 2000

    @Option(help: "Minibatch size: the n in λ/n.")
    var batchSize = 64

    mutating func validate() throws {
        guard lambdas.values.allSatisfy({ $0 >= 0 }) else {
            throw ValidationError("--lambdas must list non-negative numbers, e.g. 0,0.01,0.1")
        }
        guard trainSize >= 1 else { throw ValidationError("--train-size must be positive") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be positive") }
    }

    static let sizes = [784, 256, 256, 10]
    static let learningRate: Float = 0.01
    static let momentum: Float = 0.9

    /// SGD with momentum; weight decay (when given) enters the gradient before the momentum,
    /// exactly where the penalty's gradient enters, so the two stay equivalent.
    static func optimizer(_ parameters: [Parameter], weightDecay: Float = 0) -> SGD {
        SGD(parameters, learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
    }

    struct Outcome {
        let lambda: Float
        let history: History
        let test: Evaluation
        let squaredWeightNorm: Float
        let firstLayerWeights: [Float]
        var validation: Float { history.last!.validationAccuracy! }
        var gap: Float { history.last!.trainAccuracy! - validation }
    }

    struct Report {
        let outcomes: [Outcome]
        let equivalenceDifference: Float
        let equivalenceSteps: Int
        var best: Outcome { outcomes.max { $0.validation < $1.validation }! }
    }

    /// Trains two copies of one network on the same minibatches: one with the penalty's
    /// gradient added to the loss's, one with SGD weight decay 2λ/n on the weights only (two
    /// optimizers stand in for PyTorch's parameter groups). Returns the largest difference
    /// between their parameters.
    static func penaltyVersusWeightDecay(lambda: Float, steps: Int, batchSize: Int,
                                         data: ImageDataset, seed: UInt64) -> Float {
        let penalized = Sequential.mlp(sizes, random: Random(seed: seed))
        let decayed = Sequential.mlp(sizes, random: Random(seed: seed))
        let trainer = Trainer(model: penalized, loss: CrossEntropyLoss(),
                              optimizer: optimizer(penalized.parameters), random: Random(seed: seed))
        let decay = optimizer(decayed.parameters.filter { $0.role == .weight },
                              weightDecay: L2Penalty(lambda: lambda).equivalentWeightDecay(batchSize: batchSize))
        let plain = optimizer(decayed.parameters.filter { $0.role != .weight })
        let batches = minibatches(count: data.count, batchSize: batchSize, dropLast: true, shuffleWith: Random(seed: seed))
        for step in 0..<steps {
            let (x, y) = data.batch(batches[step % batches.count])
            trainer.step(x, y, l2: lambda)
            decayed.backward(CrossEntropyLoss()(decayed.forward(x), y).gradient)
            decay.step()
            plain.step()
        }
        return zip(penalized.parameters, decayed.parameters).map { a, b in
            a.value.zip(b.value) { abs($0 - $1) }.storage.max() ?? 0
        }.max() ?? 0
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "l2", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let epochs = training.epochs(full: 60, quick: 40, isQuick: quick)
        let grid = quick ? [0, 0.1, 1] : Array(Set(lambdas.values)).sorted()
        let (train, validation, test) = try context.loadSplits(training, trainSize: quick ? min(trainSize, 500) : trainSize,
                                                               validationSize: quick ? 1000 : nil, testSize: quick ? 1000 : nil)
        // The two ways of writing the penalty, side by side.
        let steps = quick ? 20 : 200
        let difference = Self.penaltyVersusWeightDecay(lambda: 0.1, steps: steps, batchSize: batchSize, data: train, seed: lesson.seed)
        console.line(String(format: "Penalty (λ/n)·Σ‖W‖² in the loss vs SGD weight decay 2λ/n (λ = 0.1, n = %d, decay %.5f): largest parameter difference after %d steps %.2e%@.",
                            batchSize, L2Penalty(lambda: 0.1).equivalentWeightDecay(batchSize: batchSize), steps, difference,
                            difference == 0 ? " (bit-identical)" : ""))

        var outcomes: [Outcome] = []
        for lambda in grid {
            let random = Random(seed: lesson.seed)  // same initial weights and batches for every λ
            let model = Sequential.mlp(Self.sizes, random: random)
            let history = try context.fit(String(format: "λ=%g", lambda), model: model, loss: CrossEntropyLoss(),
                                          optimizer: Self.optimizer(model.parameters),
                                          train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: batchSize, l2: lambda,
                                                                   evaluateTrainingSet: true),
                                          random: random)
            let weights = model.parameters.filter { $0.role == .weight }
            outcomes.append(Outcome(lambda: lambda, history: history, test: evaluate(model, loss: CrossEntropyLoss(), on: test),
                                    squaredWeightNorm: weights.reduce(0) { $0 + $1.value.sumOfSquares() },
                                    firstLayerWeights: weights[0].value.storage))
        }
        let report = Report(outcomes: outcomes, equivalenceDifference: difference, equivalenceSteps: steps)
        try context.write(Self.sweepFigure(report, epochs: epochs))
        try context.write(Self.weightsFigure(report))

        console.line("")
        var table = SummaryTable(title: "After \(epochs) epochs on \(train.count) images (accuracy in %)",
                                 header: ["λ", "weight decay 2λ/n", "Σ‖W‖²", "train", "validation", "test", "gap"])
        for outcome in outcomes {
            table.add([String(format: "%g", outcome.lambda),
                       String(format: "%.5f", L2Penalty(lambda: outcome.lambda).equivalentWeightDecay(batchSize: batchSize)),
                       String(format: "%.1f", outcome.squaredWeightNorm), percent(outcome.history.last!.trainAccuracy),
                       percent(outcome.validation), percent(outcome.test.accuracy), String(format: "%.2f", 100 * outcome.gap)])
        }
        console.line(table.description)
        let none = outcomes.first { $0.lambda == 0 }
        if let none {
            console.line(String(format: "Best validation accuracy at λ = %g: %@%% (λ = 0: %@%%); test %@%% (λ = 0: %@%%).",
                                report.best.lambda, percent(report.best.validation), percent(none.validation),
                                percent(report.best.test.accuracy), percent(none.test.accuracy)))
        }
        try context.finish()
        return report
    }

    static func sweepFigure(_ report: Report, epochs: Int) -> Figure {
        let positive = report.outcomes.filter { $0.lambda > 0 }
        let x = positive.map { Double($0.lambda) }
        let none = report.outcomes.first { $0.lambda == 0 }
        let span = [x.first ?? 1e-3, x.last ?? 1]
        var accuracy: [Series] = [
            .line("validation", x: x, y: positive.map { 100 * Double($0.validation) }, style: .linesPoints, color: 1),
            .line("training", x: x, y: positive.map { 100 * Double($0.history.last!.trainAccuracy!) }, style: .linesPoints, color: 0),
        ]
        var norms: [Series] = [.line("Σ‖W‖²", x: x, y: positive.map { Double($0.squaredWeightNorm) }, style: .linesPoints, color: 2)]
        if let none {
            accuracy.append(.line("validation, λ = 0", x: span, y: [100 * Double(none.validation)] * 2, style: .dashed, color: 1))
            accuracy.append(.line("training, λ = 0", x: span, y: [100 * Double(none.history.last!.trainAccuracy!)] * 2, style: .dashed, color: 0))
            norms.append(.line("λ = 0", x: span, y: [Double(none.squaredWeightNorm)] * 2, style: .dashed, color: 2))
        }
        return Figure(name: "sweep", title: "784→256→256→10, SGD lr \(learningRate) momentum \(momentum), \(epochs) epochs, penalty (λ/n)·Σ‖W‖²", panels: [
            Panel(title: "accuracy after training", xLabel: "λ", yLabel: "accuracy (%)", xScale: .log, legend: .bottomLeft, series: accuracy),
            Panel(title: "total squared weight norm", xLabel: "λ", yLabel: "Σ‖W‖²_F", xScale: .log, yScale: .log,
                  legend: .bottomLeft, series: norms),
        ])
    }

    static func weightsFigure(_ report: Report) -> Figure {
        let best = report.best
        let none = report.outcomes.first { $0.lambda == 0 } ?? report.outcomes[0]
        let bound = max(none.firstLayerWeights.map(abs).max() ?? 0.1, best.firstLayerWeights.map(abs).max() ?? 0.1)
        return Figure(name: "weights", panels: [
            Panel(title: "first-layer weights (784×256) after training", xLabel: "weight", yLabel: "count", series: [
                .histogram(String(format: "λ = %g", none.lambda), values: none.firstLayerWeights, bins: 80, range: -bound...bound, color: 0),
                .histogram(String(format: "λ = %g (best validation)", best.lambda), values: best.firstLayerWeights, bins: 80,
                           range: -bound...bound, color: 1),
            ]),
        ], columns: 1, panelSize: (720, 420))
    }
}

private func * (values: [Double], count: Int) -> [Double] { Array(repeating: values[0], count: count) }
