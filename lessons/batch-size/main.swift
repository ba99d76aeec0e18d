import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct BatchSizeLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Minibatch size 64 vs 1024: noisy small steps against smooth large ones, the lecture's experiment, over seeds.",
        discussion: """
            The lecture's experiment on Fashion-MNIST: 784 → Linear(75, bias=false) → BatchNorm1d → \
            ReLU → Dropout(0.5) → Linear(45, bias=false) → BatchNorm1d → ReLU → Dropout(0.3) → \
            Linear(10), SGD with learning rate 0.1, with minibatches of 64 and of 1024 (the \
            incomplete last batch dropped), 10 % of the training set held out for validation. The \
            lecture trains 100 epochs once; this lesson is expensive (54,000 images per epoch), so \
            the full run trains 20 epochs under 10 seeds (raise both with --epochs \
            and --seeds, ideally in a release build). Batch 1024 runs at the same rate (the \
            lecture's comparison), at the rate scaled by √16 and at the rate scaled by 16 with a \
            warm-up (Goyal et al. 2017); each arm is compared with batch 64 on the test set, against \
            epochs, optimizer steps and seconds. It measures the minibatch-loss noise against the \
            1/√B that averaging predicts, on frozen networks too, and the gradient-noise scale. \
            --quick: 4,096 images, 3 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: Self.fullEpochs, quick: 3)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(
        help:
            "The minibatch sizes to compare, comma-separated, each from 2 (batch norm needs two examples) to 1,000,000."
    )
    var batchSizes = ListOption<Count>([Count(64), Count(1024)])

    @Option(
        help:
            "SGD learning rate of the first batch size (finite, > 0, at most 10); every other size runs at this rate, at rate·√(B/B₀) and at rate·B/B₀ with warm-up."
    )
    var learningRate = PositiveNumber(0.1)

    mutating func validate() throws {
        guard !batchSizes.values.isEmpty, batchSizes.values.allSatisfy({ $0.value >= 2 }) else {
            throw ValidationError(
                "--batch-sizes must list whole numbers ≥ 2 (batch norm needs two examples), e.g. 64,1024")
        }
        guard learningRate.value <= 10 else { throw ValidationError("--learning-rate must be at most 10") }
    }

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

    /// What the lecture reports (MNIST, 100 epochs, on a GPU), for the summary.
    static let lecture: [Int: String] = [
        64: "98.50 / 97.65 / 97.18, 5.59 min", 1024: "98.45 / 97.67 / 97.08, 4.38 min",
    ]

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
            return model.parameters.reduce(0.0) { sum, parameter in
                sum + parameter.gradient.storage.reduce(0.0) { $0 + Double($1) * Double($1) }
            }
        }.map { Estimate($0).mean }
        let x = sizes.map { 1 / Double($0) }
        let (meanX, meanY) = (x.reduce(0, +) / Double(x.count), squaredNorms.reduce(0, +) / Double(x.count))
        let slope =
            zip(x, squaredNorms).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
            / x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let intercept = meanY - slope * meanX
        return intercept > 0 && slope > 0 ? slope / intercept : nil
    }

    func run() throws { _ = try perform() }

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

    /// The table over arms, each arm against the first size, the wall time, and the noise
    /// measurements against the laws that predict them.
    func reportSummary(_ context: LessonContext, _ report: Report, epochs: Int) {
        let k = Self.lastK, runs = report.runs
        var table = SummaryTable(
            title:
                "After \(epochs) epochs; accuracy in %, mean ± std over \(context.seeds.count) seeds; last \(k) = mean of the last \(k) epochs; test at best = test accuracy at the best-validation epoch (lecture: MNIST, 100 epochs, GPU, one run)",
            header: [
                "arm", "steps", "train, last \(k)", "validation, last \(k)", "test, final", "test at best",
                "best in last 10 %", "minibatch loss std", "validation jitter",
                "lecture: train / validation / test, time",
            ])
        let convergence = runs.map { Convergence($0.runs.map(\.history), budget: epochs) }
        for (setting, (arm, converged)) in zip(runs, zip(report.arms, convergence)) {
            let steps = (setting.runs.first?.history.batchesPerEpoch ?? 0) * epochs
            table.add([
                setting.label, "\(steps)", setting.lastEpochs(k, .trainAccuracy).formatted(),
                setting.lastEpochs(k, .validationAccuracy).formatted(), setting.testAccuracy.formatted(),
                setting.atBestValidation(.testAccuracy).formatted(), "\(converged.lateRuns)/\(converged.runs)",
                setting.estimate(\.lossStdLastEpoch).formatted(decimals: 4),
                setting.estimate(\.validationJitter).formatted(),
                arm.scaling == .same ? Self.lecture[arm.batchSize] ?? "–" : "–",
            ])
        }
        context.report(table)
        context.report(
            "steps = optimizer steps in all; minibatch loss std = over the last epoch; validation jitter = std of the epoch-to-epoch change of validation accuracy over the last \(k) epochs (points); the ∝B arm's rate climbs from \(learningRate.value) over its first epochs (Goyal et al.'s warm-up, stepped per epoch)"
        )
        guard runs.count >= 2 else { return }
        let reference = runs[0]
        let others = Array(runs.dropFirst())
        context.report()
        context.report("Each arm against \(reference.label), paired over seeds, Holm over the \(others.count) arms:")
        let finalTest = Holm(others, against: reference) { $0.testAccuracy }
        let bestTest = Holm(others, against: reference) { $0.atBestValidation(.testAccuracy) }
        for (index, setting) in others.enumerated() {
            let caveats = [
                convergence[0].note.map { "\(reference.label) \($0)" },
                convergence[index + 1].note.map { "\(setting.label) \($0)" },
            ]
            .compactMap { $0 }
            context.report(
                finalTest.verdict(index, setting.label, reference.label, quantity: "Test, final", caveats: caveats))
            context.report(
                bestTest.verdict(index, setting.label, reference.label, quantity: "Test at the best-validation epoch"))
        }

        context.report()
        var time = SummaryTable(
            title:
                "Wall time per epoch on this machine (training plus the evaluation passes, as the lecture's times include; \(context.options.workerThreads) runs at a time), mean ± std over seeds",
            header: ["arm", "seconds per epoch", "relative to \(reference.label)"])
        let referenceSeconds = reference.estimate(\.secondsPerEpoch)
        for setting in runs {
            let seconds = setting.estimate(\.secondsPerEpoch)
            time.add([setting.label, seconds.formatted(), String(format: "%.2f", seconds.mean / referenceSeconds.mean)])
        }
        context.report(time)
        context.report("The lecture (GPU, 100 epochs): batch 64 5.59 min, batch 1024 4.38 min, a ratio of 0.78.")

        context.report()
        let sizes = report.frozenSizes
        let pair = [report.arms[0].batchSize, report.arms[1].batchSize]
        let predicted = (Double(pair[1]) / Double(pair[0])).squareRoot()
        let ratio = Estimate(
            zip(runs[0].estimate(\.lossStdLastEpoch).values, runs[1].estimate(\.lossStdLastEpoch).values).map {
                $0 / $1
            })
        context.report(
            String(
                format:
                    "Minibatch-loss std ratio, %@ / %@, last epoch of training: %@ over seeds; averaging predicts √(%d/%d) = %.2f.",
                runs[0].label, runs[1].label, ratio.formatted(), pair[1], pair[0], predicted))
        let frozenColumns = NoiseRun.frozenColumns(sizes)
        if let small = sizes.firstIndex(of: pair[0]), let large = sizes.firstIndex(of: pair[1]) {
            let frozen = Estimate(
                runs.flatMap { setting in
                    zip(
                        setting.estimate(column: frozenColumns[small]).values,
                        setting.estimate(column: frozenColumns[large]).values
                    ).map { $0 / $1 }
                })
            context.report(
                String(
                    format:
                        "The same ratio with no learning at all (each trained network frozen, fresh random batches of %d and %d): %@ over all %d trained networks (every arm, every seed).",
                    pair[0], pair[1], frozen.formatted(), frozen.count))
        }
        let fit = Self.frozenSlope(runs, sizes: sizes)
        context.report(
            String(
                format:
                    "Frozen networks over batch sizes %d…%d: log(std) against log(B) has slope %@ over the %d networks (averaging predicts −0.5).",
                sizes.first!, sizes.last!, fit.formatted(), fit.count))
        let initial = runs[0].estimate(\.initialGradientNoiseScale)
        context.report(
            String(
                format:
                    "Gradient-noise scale B_noise = tr Σ / ‖G‖² (McCandlish et al. 2018; straight-line fit of the mean ‖g_B‖² against 1/B over B = %@, network frozen in training mode): at the initial weights %@ (%d of %d seeds resolve ‖G‖² > 0).",
                Self.gradientSizes.map(String.init).joined(separator: ", "), initial.formatted(decimals: 0),
                initial.count, context.seeds.count))
        // After training ‖G‖² is small against the noise; the fit resolves it on few
        // networks, so the count is the finding and the median only a rough size.
        let trained = Estimate(runs.flatMap { $0.runs.compactMap(\.gradientNoiseScale) })
        let networks = runs.reduce(0) { $0 + $1.runs.count }
        let sorted = trained.values.sorted()
        let median =
            sorted.isEmpty
            ? "–"
            : String(
                format: "%.0f",
                sorted.count % 2 == 1
                    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
        let beyond =
            2 * trained.count < networks
            ? ": on most trained networks the noise scale lies beyond what batches up to \(Self.gradientSizes.last!) resolve"
            : ""
        context.report(
            "After training the same fit resolves ‖G‖² > 0 on \(trained.count) of \(networks) networks (median B_noise of those: \(median))\(beyond)."
        )
    }

    /// Per trained network, the least-squares slope of log(frozen loss std) against log(B).
    static func frozenSlope(_ runs: [SettingRuns<NoiseRun>], sizes: [Int]) -> Estimate {
        let x = sizes.map { log(Double($0)) }
        let meanX = x.reduce(0, +) / Double(x.count)
        return Estimate(
            runs.flatMap(\.runs).map { run in
                let y = run.frozenLossStd.map(log)
                let meanY = y.reduce(0, +) / Double(y.count)
                return zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
                    / x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
            })
    }
}

BatchSizeLesson.main()
