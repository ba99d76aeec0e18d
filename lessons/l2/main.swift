import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct L2Lesson: ParsableCommand {
    static let configuration = CommandConfiguration.lesson(
        "l2",
        abstract: "L2 regularization: penalizing large weights shrinks them and narrows the generalization gap.",
        discussion: """
        The lecture's cost is the mean loss plus (λ/n)·Σ‖W⁽ˡ⁾‖²_F over the weight matrices \
        (not the biases), with n the number of examples the loss averages over (here the \
        minibatch). A wide MLP that overfits 2,000 Fashion-MNIST images is trained for 60 \
        epochs for every λ of a log grid, including 0 (SGD, learning rate 0.01, momentum 0.9, \
        batch 64), under 5 seeds each; the lesson plots training and validation accuracy and \
        the total squared weight norm against λ with ±1 std bands, compares each λ with λ = 0 \
        paired over seeds (saying when a difference is within noise), and draws the weight \
        distributions without and with the largest λ. It also checks that adding the penalty to \
        the loss and SGD's weight decay 2λ/n give the same weights step after step. \
        The full run trains 35 networks; --quick: 500 images, 40 epochs, \
        λ ∈ {0, 0.1, 1} unless --lambdas is given, 2 seeds.
        """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 60, quick: 40)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: ArgumentHelp("Values of λ, comma-separated, each finite and ≥ 0 (0 = no penalty; at most n/(2 × learning rate 0.01), i.e. 3,200 for batch n = 64). Default: 0,0.003,0.01,0.03,0.1,0.3,1 (0,0.1,1 with --quick).", valueName: "list"))
    var lambdas: ListOption<NonNegativeNumber>?

    @Option(help: "Training images (a small set, so that the network overfits; at least 1, more than the 54,000 of the training split means all of them).")
    var trainSize = Count(2000)

    @Option(help: "Minibatch size: the n in λ/n.")
    var batchSize = Count(64)

    mutating func validate() throws {
        // The penalty-versus-weight-decay comparison steps through whole batches of the
        // training split (54,000 images; 500 with --quick).
        let trainImages = min(trainSize.value, lesson.quick ? 500 : 54_000)
        guard batchSize.value <= trainImages else {
            throw ValidationError("--batch-size \(batchSize.value) is larger than the \(trainImages) training images; use at most \(trainImages)")
        }
        // The penalty alone shrinks each weight by learning rate × 2λ/n per step; beyond 1 it
        // overshoots zero and SGD diverges whatever the data.
        let largest = Float(batchSize.value) / (2 * Self.learningRate)
        if let bad = lambdas?.values.map(\.value).first(where: { Self.learningRate * 2 * $0 / Float(batchSize.value) > 1 }) {
            throw ValidationError("--lambdas: λ = \(bad) with batch size \(batchSize.value) would shrink every weight past zero in one step (learning rate \(Self.learningRate) × 2λ/n > 1); use λ ≤ \(largest)")
        }
    }

    static let defaultGrid: [Float] = [0, 0.003, 0.01, 0.03, 0.1, 0.3, 1]
    static let quickGrid: [Float] = [0, 0.1, 1]
    static let lastK = 10

    static let sizes = [784, 256, 256, 10]
    static let learningRate: Float = 0.01
    static let momentum: Float = 0.9

    /// SGD with momentum. Weight decay (`penaltyVersusWeightDecay`) enters the gradient before
    /// the momentum, exactly where the penalty's gradient enters, so the two stay equivalent.
    static func optimizer(_ parameters: [Parameter]) -> SGD {
        SGD(parameters, learningRate: learningRate, momentum: momentum)
    }

    struct Report {
        let lambdas: [Float]
        /// One entry per λ, in the order of `lambdas`.
        let runs: [SettingRuns<PenalizedRun>]
        /// The first seed's first-layer weights per λ, for the histogram.
        let firstLayerWeights: [Float: [Float]]
        let equivalenceDifference: Float
        let equivalenceSteps: Int
        /// The λ (> 0 if `positive` and there is one) with the highest mean validation accuracy
        /// over the last epochs.
        func bestIndex(positive: Bool = false) -> Int {
            let candidates = runs.indices.filter { !positive || lambdas[$0] > 0 }
            return (candidates.isEmpty ? Array(runs.indices) : candidates).max {
                runs[$0].lastEpochs(lastK, .validationAccuracy).mean < runs[$1].lastEpochs(lastK, .validationAccuracy).mean
            }!
        }
    }

    /// Trains two copies of one network on the same minibatches: one with the penalty's
    /// gradient added to the loss's, one with SGD weight decay 2λ/n on the weights only (two
    /// parameter groups, as PyTorch's `param_groups`: the weights with the decay, the biases
    /// without). Returns the largest difference between their parameters.
    static func penaltyVersusWeightDecay(lambda: Float, steps: Int, batchSize: Int,
                                         data: ImageDataset, seed: UInt64) -> Float {
        let penalized = Sequential.mlp(sizes, random: Random(seed: seed))
        let decayed = Sequential.mlp(sizes, random: Random(seed: seed))
        let trainer = Trainer(model: penalized, loss: CrossEntropyLoss(),
                              optimizer: optimizer(penalized.parameters), random: Random(seed: seed))
        let weightDecay = L2Penalty(lambda: lambda).equivalentWeightDecay(batchSize: batchSize)
        let grouped = SGD([ParameterGroup(decayed.parameters.filter { $0.decays }, weightDecay: weightDecay),
                          ParameterGroup(decayed.parameters.filter { !$0.decays })],
                          learningRate: learningRate, momentum: momentum)
        let batches = Minibatches.positions(count: data.count, batchSize: batchSize, dropLast: true, shuffleWith: Random(seed: seed))
        for step in 0..<steps {
            let (x, y) = data.batch(batches[step % batches.count])
            trainer.step(x, y, l2: lambda)
            decayed.backward(CrossEntropyLoss()(decayed.forward(x), y).gradient)
            grouped.step()
        }
        return zip(penalized.parameters, decayed.parameters).map { a, b in
            a.value.zip(b.value) { abs($0 - $1) }.storage.max() ?? 0
        }.max() ?? 0
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "l2", options: lesson, seeds: 5)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let grid = Array(Set(lambdas.map { $0.values.map(\.value) } ?? context.budget(Self.defaultGrid, quick: Self.quickGrid))).sorted()
        let batchSize = batchSize.value
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.value, quick: min(trainSize.value, 500)),
            validationSize: context.budget(nil, quick: 1000), testSize: context.budget(nil, quick: 1000))
        let train = splits.first.train

        let (difference, steps) = showEquivalence(context, batchSize: batchSize, data: train)
        let runs = try context.overSeeds(grid, label: Self.label, columns: { ["lambda": SettingValue($0)] }, lastK: Self.lastK) { lambda, run in
            let (train, validation, test) = splits(run).sets
            let model = Sequential.mlp(Self.sizes, random: run.random(.weights))
            let history = try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: Self.optimizer(model.parameters),
                                      train: train, validation: validation,
                                      options: TrainingOptions(epochs: epochs, batchSize: batchSize, l2: lambda, evaluateTrainingSet: true))
            let matrices = model.parameters.filter { $0.decays }
            return PenalizedRun(history: history, test: Evaluation(of: model, loss: CrossEntropyLoss(), on: test),
                                weightNorm: Double(matrices.reduce(0) { $0 + $1.value.sumOfSquares() }),
                                firstLayerWeights: run.seedIndex == 0 ? matrices[0].value.storage : nil)
        }
        let firstLayerWeights = Dictionary(uniqueKeysWithValues: zip(grid, runs).compactMap { lambda, setting in
            setting.runs.first?.firstLayerWeights.map { (lambda, $0) }
        })
        let report = Report(lambdas: grid, runs: runs, firstLayerWeights: firstLayerWeights,
                            equivalenceDifference: difference, equivalenceSteps: steps)
        try context.write(Self.sweepFigure(report, epochs: epochs))
        try context.write(Self.weightsFigure(report))
        reportSummary(context, report: report, epochs: epochs, trainCount: train.count, batchSize: batchSize)
        try context.finish()
        return report
    }

    /// One run with the size of its weights after training.
    struct PenalizedRun: RunRecord {
        var history: History
        var test: Evaluation?
        /// Σ‖W‖²_F over the weight matrices after training.
        var weightNorm: Double
        /// The first layer's weights after training, kept by the first seed's run for the histogram.
        var firstLayerWeights: [Float]?

        static let columns = [RunColumn("weight_sum_of_squares", \Self.weightNorm)]
    }

    static func label(_ lambda: Float) -> String { String(format: "λ = %g", lambda) }

    /// Step 1: the two ways of writing the penalty, side by side on the same minibatches.
    func showEquivalence(_ context: LessonContext, batchSize: Int, data: ImageDataset) -> (difference: Float, steps: Int) {
        let steps = context.budget(200, quick: 20)
        let difference = Self.penaltyVersusWeightDecay(lambda: 0.1, steps: steps, batchSize: batchSize, data: data, seed: lesson.seed)
        context.report(String(format: "Penalty (λ/n)·Σ‖W‖² in the loss vs SGD weight decay 2λ/n (λ = 0.1, n = %d, decay %.5f): largest parameter difference after %d steps %.2e%@.",
                              batchSize, L2Penalty(lambda: 0.1).equivalentWeightDecay(batchSize: batchSize), steps, difference,
                              difference == 0 ? " (bit-identical)" : ""))
        return (difference, steps)
    }

    /// Step 3: the table over λ, and every λ against λ = 0, each difference against its noise.
    func reportSummary(_ context: LessonContext, report: Report, epochs: Int, trainCount: Int, batchSize: Int) {
        let k = Self.lastK
        context.report()
        var table = SummaryTable(title: "\(trainCount) training images, \(epochs) epochs, \(context.seeds.count) seeds (mean ± std); accuracy in %; last \(k) = mean of the last \(k) epochs",
                                 header: ["λ", "weight decay 2λ/n", "Σ‖W‖²", "train, last \(k)", "validation, last \(k)",
                                          "gap, last \(k)", "best validation", "test, final"])
        for (lambda, setting) in zip(report.lambdas, report.runs) {
            table.add([String(format: "%g", lambda), String(format: "%.5f", L2Penalty(lambda: lambda).equivalentWeightDecay(batchSize: batchSize)),
                       setting.estimate(\.weightNorm).formatted(decimals: 1), setting.lastEpochs(k, .trainAccuracy).formatted(),
                       setting.lastEpochs(k, .validationAccuracy).formatted(), setting.lastEpochs(k, .gap).formatted(),
                       setting.atBestValidation(.validationAccuracy).formatted(), setting.testAccuracy.formatted()])
        }
        context.report(table)
        guard let zero = report.lambdas.firstIndex(of: 0) else { return }
        let none = report.runs[zero]
        context.report()
        context.report("Each λ against λ = 0 (paired over seeds, 95 % intervals):")
        for (lambda, setting) in zip(report.lambdas, report.runs) where lambda != 0 {
            context.report(Difference(setting.lastEpochs(k, .validationAccuracy), none.lastEpochs(k, .validationAccuracy))
                .verdict(setting.label, none.label, quantity: "  validation accuracy (last \(k) epochs)"))
        }
        let best = report.runs[report.bestIndex(positive: true)]
        if best.label != none.label {
            context.report("The λ > 0 with the highest mean validation accuracy, \(best.label) (chosen on these runs, so its advantage is if anything overstated):")
            context.report(Difference(best.lastEpochs(k, .gap), none.lastEpochs(k, .gap)).verdict(best.label, none.label, quantity: "  gap (last \(k) epochs)"))
            context.report(Difference(best.atBestValidation(.validationAccuracy), none.atBestValidation(.validationAccuracy))
                .verdict(best.label, none.label, quantity: "  best validation accuracy"))
            context.report(Difference(best.testAccuracy, none.testAccuracy).verdict(best.label, none.label, quantity: "  test accuracy after the last epoch"))
        }
    }
}

L2Lesson.main()
