// L2 regularization, as the lecture teaches it: the penalty (λ/n)·Σ‖W‖² added to the loss
// and SGD's weight decay 2λ/n shown to give the same weights step after step (step 1); then
// a wide MLP (784→256→256→10, SGD with momentum) that overfits 2,000 images, trained for
// every λ of a grid including 0 over seeds, its weight norm recorded every epoch (step 2);
// each λ compared with λ = 0 by validation loss, validation accuracy and test accuracy,
// Holm-corrected over the grid (step 3). The options are in Command.swift, the printed
// report in Report.swift, the figures in Figures.swift.

import Engine
import EngineData
import Foundation
import LessonKit

extension L2Lesson {
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

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let grid = Array(
            Set(lambdas.map { $0.values.map(\.value) } ?? context.budget(Self.defaultGrid, quick: Self.quickGrid))
        ).sorted()
        let batchSize = batchSize.value
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.limit, quick: min(trainSize.limit ?? 500, 500)),
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
        let comparisons = report.comparisons
        if let comparisons, !comparisons.labels.isEmpty {
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

    struct Report {
        let lambdas: [Float]
        /// One entry per λ, in the order of `lambdas`.
        let runs: [SettingRuns<PenalizedRun>]
        /// The first seed's first-layer weights per λ, for the histogram.
        let firstLayerWeights: [Float: [Float]]
        let equivalenceDifference: Float
        let equivalenceSteps: Int
        /// Every λ > 0 against λ = 0 (nil when the grid has no λ = 0), paired over seeds and
        /// corrected by Holm over the grid.
        var comparisons: ComparisonsAgainstReference<PenalizedRun>? {
            lambdas.firstIndex(of: 0).map { zero in
                ComparisonsAgainstReference(
                    runs.indices.filter { $0 != zero }.map { runs[$0] }, against: runs[zero], measures: measures())
            }
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
}

L2Lesson.main()
