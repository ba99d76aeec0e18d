import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct L2Lesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "L2 regularization: penalizing large weights shrinks them and narrows the generalization gap.",
        discussion: """
            The lecture's cost is the mean loss plus (λ/n)·Σ‖W⁽ˡ⁾‖²_F over the weight matrices \
            (not the biases), with n the number of training examples. This lesson adds the penalty \
            to each minibatch's mean loss and takes n to be the batch size, as PyTorch code does; \
            the table shows, for each λ, the lecture's λ that gives the same penalty (λ × training \
            images / batch size). A wide MLP that overfits 2,000 Fashion-MNIST images is trained \
            for 60 epochs for every λ of a log grid, including 0 (SGD, learning rate 0.01, momentum \
            0.9, batch 64), under 10 seeds each; the lesson plots training and validation accuracy, \
            validation loss and the total squared weight norm against λ with ±1 std bands, and the \
            weight norm against epochs from its initial level; it compares each λ with λ = 0 paired \
            over seeds, corrected by Holm over the grid, by validation loss and test accuracy, and \
            draws the weight distributions without and with the largest λ. It also checks that \
            adding the penalty to the loss and SGD's weight decay 2λ/n give the same weights step \
            after step. The full run trains 60 networks; --quick: 500 images, 40 epochs, \
            λ ∈ {0, 0.1, 1} unless --lambdas is given, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 60, quick: 40)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(
        help: ArgumentHelp(
            "Values of λ, comma-separated, each finite and ≥ 0 (0 = no penalty; at most n/(2 × learning rate 0.01), i.e. 3,200 for batch n = 64). Default: 0,0.01,0.03,0.1,0.3,1 (0,0.1,1 with --quick).",
            valueName: "list"))
    var lambdas: ListOption<NonNegativeNumber>?

    @Option(
        help:
            "Training images (a small set, so that the network overfits; at least 1, more than the 54,000 of the training split means all of them)."
    )
    var trainSize = Count(2000)

    @Option(help: "Minibatch size: the n in λ/n.")
    var batchSize = Count(64)

    mutating func validate() throws {
        // The penalty-versus-weight-decay comparison steps through whole batches of the
        // training split (54,000 images; 500 with --quick).
        let trainImages = min(trainSize.value, lesson.quick ? 500 : 54_000)
        guard batchSize.value <= trainImages else {
            throw ValidationError(
                "--batch-size \(batchSize.value) is larger than the \(trainImages) training images; use at most \(trainImages)"
            )
        }
        // The penalty alone shrinks each weight by learning rate × 2λ/n per step; beyond 1 it
        // overshoots zero and SGD diverges whatever the data.
        let largest = Float(batchSize.value) / (2 * Self.learningRate)
        if let bad = lambdas?.values.map(\.value).first(where: {
            Self.learningRate * 2 * $0 / Float(batchSize.value) > 1
        }) {
            throw ValidationError(
                "--lambdas: λ = \(bad) with batch size \(batchSize.value) would shrink every weight past zero in one step (learning rate \(Self.learningRate) × 2λ/n > 1); use λ ≤ \(largest)"
            )
        }
    }

    static let defaultGrid: [Float] = [0, 0.01, 0.03, 0.1, 0.3, 1]
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
                runs[$0].lastEpochs(lastK, .validationAccuracy).mean
                    < runs[$1].lastEpochs(lastK, .validationAccuracy).mean
            }!
        }
    }

    /// Trains two copies of one network on the same minibatches: one with the penalty's
    /// gradient added to the loss's, one with SGD weight decay 2λ/n on the weights only (two
    /// parameter groups, as PyTorch's `param_groups`: the weights with the decay, the biases
    /// without). Returns the largest difference between their parameters.
    static func penaltyVersusWeightDecay(
        lambda: Float, steps: Int, batchSize: Int,
        data: ImageDataset, seed: UInt64
    ) -> Float {
        let penalized = Sequential.mlp(sizes, random: Random(seed: seed))
        let decayed = Sequential.mlp(sizes, random: Random(seed: seed))
        let trainer = Trainer(
            model: penalized, loss: CrossEntropyLoss(),
            optimizer: optimizer(penalized.parameters), random: Random(seed: seed))
        let weightDecay = L2Penalty(lambda: lambda).equivalentWeightDecay(batchSize: batchSize)
        let grouped = SGD(
            [
                ParameterGroup(decayed.parameters.filter { $0.decays }, weightDecay: weightDecay),
                ParameterGroup(decayed.parameters.filter { !$0.decays }),
            ],
            learningRate: learningRate, momentum: momentum)
        let batches = Minibatches.positions(
            count: data.count, batchSize: batchSize, dropLast: true, shuffleWith: Random(seed: seed))
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
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let grid = Array(
            Set(lambdas.map { $0.values.map(\.value) } ?? context.budget(Self.defaultGrid, quick: Self.quickGrid))
        ).sorted()
        let batchSize = batchSize.value
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.value, quick: min(trainSize.value, 500)),
            validationSize: context.budget(nil, quick: 1000), testSize: context.budget(nil, quick: 1000))
        let train = splits.first.train

        let (difference, steps) = showEquivalence(context, batchSize: batchSize, data: train)
        let runs = try context.overSeeds(
            grid, label: Self.label, columns: { ["lambda": SettingValue($0)] }, lastK: Self.lastK
        ) { lambda, run in
            let (train, validation, test) = splits(run).sets
            let model = Sequential.mlp(Self.sizes, random: run.random(.weights))
            let norms = WeightNormRecorder(model)
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(), optimizer: Self.optimizer(model.parameters),
                train: train, validation: validation,
                options: TrainingOptions(epochs: epochs, batchSize: batchSize, l2: lambda, evaluateTrainingSet: true),
                callbacks: [norms])
            return PenalizedRun(
                history: history, test: Evaluation(of: model, loss: CrossEntropyLoss(), on: test),
                weightNorms: norms.sums,
                firstLayerWeights: run.seedIndex == 0 ? norms.weights[0].value.storage : nil)
        }
        let firstLayerWeights = Dictionary(
            uniqueKeysWithValues: zip(grid, runs).compactMap { lambda, setting in
                setting.runs.first?.firstLayerWeights.map { (lambda, $0) }
            })
        let report = Report(
            lambdas: grid, runs: runs, firstLayerWeights: firstLayerWeights,
            equivalenceDifference: difference, equivalenceSteps: steps)
        try context.write(Self.sweepFigure(report, epochs: epochs))
        try context.write(Self.normsFigure(report, epochs: epochs))
        try context.write(Self.weightsFigure(report))
        let comparisons = Comparisons(report)
        if !comparisons.labels.isEmpty {
            try context.write(Self.comparisonFigure(comparisons, seeds: context.seeds.count, epochs: epochs))
        }
        reportSummary(
            context, report: report, comparisons: comparisons, epochs: epochs, trainCount: train.count,
            batchSize: batchSize)
        try context.finish()
        return report
    }

    /// One run with the size of its weights, at initialization and after every epoch.
    struct PenalizedRun: RunRecord {
        var history: History
        var test: Evaluation?
        /// Σ‖W‖²_F over the weight matrices at initialization, then after each epoch.
        var weightNorms: [Double]
        /// The first layer's weights after training, kept by the first seed's run for the histogram.
        var firstLayerWeights: [Float]?
        var initialWeightNorm: Double { weightNorms[0] }
        var weightNorm: Double { weightNorms[weightNorms.count - 1] }

        static let columns = [
            RunColumn("initial_weight_sum_of_squares", \Self.initialWeightNorm),
            RunColumn("weight_sum_of_squares", \Self.weightNorm),
        ]
    }

    /// Records Σ‖W‖²_F over the weight matrices (the penalized parameters) at initialization
    /// and after every epoch: the penalty's pull on the weights as training goes.
    final class WeightNormRecorder: TrainingCallback {
        let weights: [Parameter]
        private(set) var sums: [Double]

        init(_ model: Sequential) {
            weights = model.parameters.filter(\.decays)
            sums = []
            sums.append(current)
        }

        private var current: Double { weights.reduce(0) { $0 + Double($1.value.sumOfSquares()) } }

        func epochDidEnd(_ record: EpochRecord, model: any Layer) -> TrainingDecision {
            sums.append(current)
            return .continue
        }
    }

    static func label(_ lambda: Float) -> String { String(format: "λ = %g", lambda) }

    /// Step 1: the two ways of writing the penalty, side by side on the same minibatches.
    func showEquivalence(_ context: LessonContext, batchSize: Int, data: ImageDataset) -> (
        difference: Float, steps: Int
    ) {
        let steps = context.budget(200, quick: 20)
        let difference = Self.penaltyVersusWeightDecay(
            lambda: 0.1, steps: steps, batchSize: batchSize, data: data, seed: lesson.seed)
        context.report(
            String(
                format:
                    "Penalty (λ/n)·Σ‖W‖² in the loss vs SGD weight decay 2λ/n (λ = 0.1, n = %d, decay %.5f): largest parameter difference after %d steps %.2e%@.",
                batchSize, L2Penalty(lambda: 0.1).equivalentWeightDecay(batchSize: batchSize), steps, difference,
                difference == 0 ? " (bit-identical)" : ""))
        return (difference, steps)
    }

    /// Step 3: the table over λ, and every λ against λ = 0 by validation loss and test
    /// accuracy, paired over seeds and corrected by Holm over the grid.
    func reportSummary(
        _ context: LessonContext, report: Report, comparisons: Comparisons, epochs: Int, trainCount: Int, batchSize: Int
    ) {
        let k = Self.lastK
        context.report()
        context.report(
            "The penalty is (λ/n)·Σ‖W‖² with n = the batch size, \(batchSize); the lecture's n is the number of training images, \(trainCount), so the lecture's λ for the same penalty is λ × \(trainCount)/\(batchSize)."
        )
        var table = SummaryTable(
            title:
                "\(trainCount) training images, \(epochs) epochs, \(context.seeds.count) seeds (mean ± std); accuracy in %; last \(k) = mean of the last \(k) epochs",
            header: [
                "λ", "lecture's λ (n = \(trainCount))", "weight decay 2λ/n", "Σ‖W‖²", "train, last \(k)",
                "validation, last \(k)", "validation loss, last \(k)", "gap, last \(k)", "test, final",
            ])
        for (lambda, setting) in zip(report.lambdas, report.runs) {
            table.add([
                String(format: "%g", lambda), String(format: "%.3g", lambda * Float(trainCount) / Float(batchSize)),
                String(format: "%.5f", L2Penalty(lambda: lambda).equivalentWeightDecay(batchSize: batchSize)),
                setting.estimate(\.weightNorm).formatted(decimals: 1),
                setting.lastEpochs(k, .trainAccuracy).formatted(),
                setting.lastEpochs(k, .validationAccuracy).formatted(),
                setting.lastEpochs(k, .validationLoss).formatted(decimals: 3),
                setting.lastEpochs(k, .gap).formatted(), setting.testAccuracy.formatted(),
            ])
        }
        context.report(table)
        guard let zero = report.lambdas.firstIndex(of: 0) else { return }
        let none = report.runs[zero]
        context.report()
        context.report(
            "Σ‖W‖² at initialization \(none.estimate(\.initialWeightNorm).formatted(decimals: 1)); after \(epochs) epochs without penalty \(none.estimate(\.weightNorm).formatted(decimals: 1))."
        )
        let fit = none.lastEpochs(k, .trainAccuracy)
        context.report(
            "Training accuracy at λ = 0 (last \(k) epochs) \(fit.formatted()): "
                + (fit.mean < 99
                    ? "the network has not fit its \(trainCount) images in \(epochs) epochs, so every comparison below is at this budget."
                    : "the network fits its \(trainCount) images."))
        let convergence = report.runs.map {
            Convergence($0.runs.map(\.history), budget: epochs, metric: .validationLoss, lowerIsBetter: true)
        }
        context.report(
            "Each λ against λ = 0 (paired over seeds, 95 % intervals, Holm over the \(comparisons.labels.count) values of λ):"
        )
        if let note = convergence[zero].note { context.report("  \(none.label) validation loss \(note)") }
        for (index, label) in comparisons.labels.enumerated() {
            let caveats = [convergence[comparisons.indices[index]].note.map { "\(label) validation loss \($0)" }]
                .compactMap { $0 }
            context.report(
                comparisons.validationLoss.verdict(
                    index, label, none.label, quantity: "  validation loss (last \(k) epochs)",
                    unit: "", decimals: 3, caveats: caveats))
            context.report(
                comparisons.validationAccuracy.verdict(
                    index, label, none.label, quantity: "  validation accuracy (last \(k) epochs)"))
            context.report(
                comparisons.test.verdict(index, label, none.label, quantity: "  test accuracy after the last epoch"))
        }
        // λ chosen on validation loss and scored on test: the choice never saw the test images.
        let choice = ChosenOnValidation(
            validation: report.runs.map { $0.lastEpochs(k, .validationLoss) },
            test: report.runs.map(\.testAccuracy), higherIsBetter: false)
        context.report(
            "λ chosen on validation loss (last \(k) epochs): \(report.runs[choice.index].label), test accuracy \(choice.test.formatted()) (λ = 0: \(none.testAccuracy.formatted())); each seed choosing its own λ: \(choice.perSeedTest.formatted())."
        )
    }
}

L2Lesson.main()
