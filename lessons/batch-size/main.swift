// Batch size, as the lecture teaches it: the lecture's network trained with minibatches of 64
// and of 1024 over seeds, the large batch at the same rate, at the rate scaled by √B and by B
// with a warm-up, each compared with batch 64 on test (step 1); then the noise a batch size
// brings: the minibatch-loss spread against averaging's 1/√B, on frozen networks too, and the
// gradient-noise scale (step 2). The options are in Command.swift, the printed report in
// Report.swift, the figures in Figures.swift.

import Engine
import EngineData
import Foundation
import LessonKit

extension BatchSizeLesson {
    static let fullEpochs = 20
    static let fullSeeds = 10
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 5
    /// Goyal et al. (2017) warm up over the first 5 epochs; shorter runs over a quarter of their epochs.
    static let warmUpEpochs = 5
    /// Batch sizes of the frozen-network measurements (with the lesson's own sizes added).
    static let frozenSizes = [16, 32, 64, 128, 256, 512, 1024]
    /// Batch sizes whose mean squared gradient norm gives the gradient-noise scale, up to
    /// 4,096: a trained network's noise scale is in the thousands, and only batches of that
    /// order see ‖G‖² above the noise.
    static let gradientSizes = [64, 256, 1024, 4096]

    /// The lecture's network, layer by layer; dropout masks from their own stream.
    static func model(weights: Random, masks: Random) -> Sequential {
        Sequential(
            Linear(784, 75, bias: false, random: weights), BatchNorm1d(75), ReLU(), Dropout(0.5, random: masks),
            Linear(75, 45, bias: false, random: weights), BatchNorm1d(45), ReLU(), Dropout(0.3, random: masks),
            Linear(45, 10, random: weights))
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: Self.fullSeeds)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(nil, quick: 4096), validationSize: context.budget(nil, quick: 1000),
            testSize: context.budget(nil, quick: 1000))
        let train = splits.first.train
        let sizes = batchSizes.values.map(\.value)
        if let tooLarge = sizes.first(where: { $0 > train.count }) {
            throw LessonError("--batch-sizes: \(tooLarge) is larger than the \(train.count) training images")
        }
        let frozenSizes = Set(Self.frozenSizes + sizes).filter { $0 <= train.count }.sorted()
        let gradientSizes = Self.gradientSizes.filter { $0 <= train.count }
        let arms = Self.arms(sizes: sizes, rate: learningRate.value, epochs: epochs)
        let noiseBatches = context.budget(100, quick: 30)
        // Fewer of the largest batches: their squared gradient norm varies least.
        let gradientBatches = { (size: Int) in size > 1024 ? context.budget(10, quick: 3) : context.budget(30, quick: 8)
        }
        let runs = try context.overSeeds(
            arms, label: \.label,
            columns: {
                [
                    "batch_size": SettingValue($0.batchSize), "learning_rate": SettingValue($0.learningRate),
                    "scaling": .text($0.scaling.rawValue), "warm_up_epochs": SettingValue($0.warmUpEpochs),
                ]
            },
            optionColumns: NoiseRun.frozenColumns(frozenSizes), lastK: Self.lastK
        ) { arm, run in
            let (train, validation, testImages) = splits(run).sets
            let model = Self.model(weights: run.random(.weights), masks: run.random(.noise))
            let initialNoise =
                arm.batchSize == sizes[0]
                ? Self.gradientNoiseScale(
                    model, on: train, sizes: gradientSizes, batches: gradientBatches, random: run.random(.dataSubset))
                : nil
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(),
                optimizer: SGD(model.parameters, learningRate: arm.schedule?(0) ?? arm.learningRate),
                train: train, validation: validation, test: testImages,
                options: TrainingOptions(
                    epochs: epochs, batchSize: arm.batchSize, dropLast: true,
                    schedule: arm.schedule, evaluateTrainingSet: true))
            let test = Evaluation(of: model, loss: CrossEntropyLoss(), on: testImages)
            let frozen = Self.frozenLossSpread(
                model, on: train, sizes: frozenSizes, batches: noiseBatches, random: run.random(.dataSubset))
            let noise = Self.gradientNoiseScale(
                model, on: train, sizes: gradientSizes, batches: gradientBatches, random: run.random(.dataSubset))
            return NoiseRun(
                history: history, test: test, lossStdLastEpoch: Self.lastEpochSpread(history),
                validationJitter: Self.validationJitter(history),
                secondsPerEpoch: history.totalSeconds / Double(max(history.epochs.count, 1)),
                frozenLossStd: frozen, gradientNoiseScale: noise, initialGradientNoiseScale: initialNoise)
        }
        let report = Report(arms: arms, runs: runs, frozenSizes: frozenSizes)
        try context.write(Self.lossFigure(Array(runs.prefix(2))))
        try context.write(Self.noiseFigure(report))
        try context.write(Self.accuracyFigure(report))
        reportSummary(context, report, epochs: epochs)
        try context.finish()
        return report
    }

    /// One run with the noise measurements of the table and the figures.
    struct NoiseRun: RunRecord {
        var history: History
        var test: Evaluation?
        var lossStdLastEpoch: Double
        var validationJitter: Double
        /// Mean wall time of an epoch (evaluation passes included), on this machine.
        var secondsPerEpoch: Double
        /// The std of the loss of the trained network, frozen, over fresh random batches of
        /// each size of `frozenSizes` (in that order).
        var frozenLossStd: [Double]
        var gradientNoiseScale: Double?
        /// The same at the initial weights (measured in the first arm only: every arm of a
        /// seed starts from the same weights).
        var initialGradientNoiseScale: Double?

        static let columns = [
            RunColumn("loss_std_last_epoch", \Self.lossStdLastEpoch),
            RunColumn("validation_jitter_pct_points", \Self.validationJitter),
            RunColumn("seconds_per_epoch", \Self.secondsPerEpoch),
            RunColumn("gradient_noise_scale", \Self.gradientNoiseScale),
            RunColumn("gradient_noise_scale_at_init", \Self.initialGradientNoiseScale),
        ]

        /// The frozen-network columns, one per batch size measured.
        static func frozenColumns(_ sizes: [Int]) -> [RunColumn<NoiseRun>] {
            sizes.indices.map { index in RunColumn("frozen_loss_std_batch_\(sizes[index])") { $0.frozenLossStd[index] }
            }
        }
    }

    struct Report {
        let arms: [Arm]
        let runs: [SettingRuns<NoiseRun>]
        /// The batch sizes of the frozen-network measurement, ascending.
        let frozenSizes: [Int]
    }

    /// How a batch size's learning rate follows from the first size's: unchanged (the
    /// lecture's comparison), in proportion to √B (the variance of the step stays the same),
    /// or in proportion to B with a warm-up (Goyal et al. 2017: k times the batch, k times the
    /// rate, so that one large step does what k small ones did).
    enum Scaling: String, CaseIterable, Sendable {
        case same, squareRoot = "square root", linear

        func rate(_ base: Double, ratio: Double) -> Double {
            switch self {
            case .same: base
            case .squareRoot: base * ratio.squareRoot()
            case .linear: base * ratio
            }
        }
    }

    /// One arm: a batch size with its learning rate.
    struct Arm: Sendable {
        let batchSize: Int
        let scaling: Scaling
        let learningRate: Float
        /// Epochs over which the rate climbs linearly from the first size's rate (0: none).
        let warmUpEpochs: Int
        let baseRate: Float

        var label: String {
            let rate = String(format: "%g", learningRate)
            switch scaling {
            case .same: return "batch \(batchSize), lr \(rate)"
            case .squareRoot: return "batch \(batchSize), lr \(rate) (√B)"
            case .linear: return "batch \(batchSize), lr \(rate) (∝B, warm-up)"
            }
        }

        /// The rate per epoch: Goyal et al.'s gradual warm-up, stepped once per epoch.
        var schedule: LearningRateSchedule? {
            guard warmUpEpochs > 0 else { return nil }
            let (start, target, epochs) = (baseRate, learningRate, warmUpEpochs)
            return { t in start + (target - start) * Float(min(t, epochs)) / Float(epochs) }
        }
    }

    /// The first size at the given rate, then every other size under each scaling rule.
    static func arms(sizes: [Int], rate: Float, epochs: Int) -> [Arm] {
        let reference = sizes[0]
        let warmUp = min(warmUpEpochs, max(1, epochs / 4))
        return [Arm(batchSize: reference, scaling: .same, learningRate: rate, warmUpEpochs: 0, baseRate: rate)]
            + sizes.dropFirst().flatMap { size in
                Scaling.allCases.map { scaling in
                    let scaled = Float(scaling.rate(Double(rate), ratio: Double(size) / Double(reference)))
                    return Arm(
                        batchSize: size, scaling: scaling, learningRate: scaled,
                        warmUpEpochs: scaling == .linear && scaled != rate ? warmUp : 0, baseRate: rate)
                }
            }
    }

    /// Standard deviation of the minibatch loss over the last epoch: the zig-zag.
    static func lastEpochSpread(_ history: History) -> Double {
        Estimate(history.minibatchLosses.suffix(history.batchesPerEpoch).map(Double.init)).std
    }

    /// How much the validation accuracy moves from one epoch to the next near the end: the
    /// standard deviation (points) of the epoch-to-epoch changes over the last epochs.
    static func validationJitter(_ history: History) -> Double {
        let late = history.epochs.suffix(lastK + 1).compactMap(\.validationAccuracy).map { 100 * Double($0) }
        return Estimate(zip(late.dropFirst(), late).map { $0 - $1 }).std
    }

    /// `body` on fresh random batches (drawn with replacement) of each size, the network in
    /// training mode as during training, its running statistics left as they were.
    static func onRandomBatches<T>(
        _ model: Sequential, from train: ImageDataset, sizes: [Int], batches: (Int) -> Int, random: Random,
        _ body: (_ inputs: Matrix, _ labels: [Int]) -> T
    ) -> [[T]] {
        model.train()
        return model.keepingRunningStatistics {
            sizes.map { size in
                (0..<batches(size)).map { _ in
                    let positions = (0..<size).map { _ in random.integer(below: train.count) }
                    let (inputs, labels) = train.batch(positions[...])
                    return body(inputs, labels)
                }
            }
        }
    }

    /// The averaging law tested on one network: the weights frozen, the standard deviation
    /// of the minibatch loss over fresh random batches of each size. No learning happens, so
    /// all of this spread is the noise of measuring the loss on a sample.
    static func frozenLossSpread(
        _ model: Sequential, on train: ImageDataset, sizes: [Int], batches: Int, random: Random
    ) -> [Double] {
        onRandomBatches(model, from: train, sizes: sizes, batches: { _ in batches }, random: random) { inputs, labels in
            Double(CrossEntropyLoss()(model.forward(inputs), labels).value)
        }.map { Estimate($0).std }
    }

    /// The gradient-noise scale of McCandlish et al. (2018), B_noise = tr Σ / ‖G‖², on one
    /// frozen network: a minibatch gradient of B examples has E‖g_B‖² = ‖G‖² + tr Σ / B
    /// (G the full gradient, Σ the per-example gradient covariance), so a straight-line fit of
    /// the mean ‖g_B‖² against 1/B over several sizes gives both. A batch well below B_noise
    /// is dominated by gradient noise (a larger batch helps almost in proportion); well above
    /// it, a larger batch adds little. Nil when the fitted ‖G‖² is not positive (noise only).
    static func gradientNoiseScale(
        _ model: Sequential, on train: ImageDataset, sizes: [Int], batches: (Int) -> Int, random: Random
    ) -> Double? {
        let squaredNorms = onRandomBatches(model, from: train, sizes: sizes, batches: batches, random: random) {
            inputs, labels in
            let (_, gradient) = CrossEntropyLoss()(model.forward(inputs), labels)
            model.backwardParameters(gradient)
            return model.parameters.reduce(0.0) { $0 + $1.gradient.squaredNorm }
        }.map { Estimate($0).mean }
        let x = sizes.map { 1 / Double($0) }
        let (meanX, meanY) = (x.reduce(0, +) / Double(x.count), squaredNorms.reduce(0, +) / Double(x.count))
        let slope =
            zip(x, squaredNorms).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
            / x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let intercept = meanY - slope * meanX
        return intercept > 0 && slope > 0 ? slope / intercept : nil
    }
}

BatchSizeLesson.main()
