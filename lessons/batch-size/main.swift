import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct BatchSizeLesson: ParsableCommand {
    static let configuration = CommandConfiguration.lesson(
        "batch-size",
        abstract: "Minibatch size 64 vs 1024: noisy small steps against smooth large ones, the lecture's experiment, over seeds.",
        discussion: """
        The lecture's experiment on Fashion-MNIST: 784 → Linear(75, bias=false) → BatchNorm1d → \
        ReLU → Dropout(0.5) → Linear(45, bias=false) → BatchNorm1d → ReLU → Dropout(0.3) → \
        Linear(10), SGD with learning rate 0.1, with minibatches of 64 and of 1024 (the \
        incomplete last batch dropped), 10 % of the training set held out for validation. The \
        lecture trains 100 epochs once; this lesson is expensive (54,000 images per epoch), so \
        the full run trains 20 epochs under 5 seeds (raise both with --epochs \
        and --seeds, ideally in a release build). It compares the batch sizes by the mean of the \
        last 10 epochs, the best-validation epoch and the test set, each against the seeds' \
        noise, and measures the minibatch-loss noise against the 1/√B that averaging predicts. \
        --quick: 4,096 images, 3 epochs, 2 seeds.
        """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: Self.fullEpochs, quick: 3)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "The minibatch sizes to compare, comma-separated, each from 2 (batch norm needs two examples) to 1,000,000.")
    var batchSizes = ListOption<Count>([Count(64), Count(1024)])

    @Option(help: "SGD learning rate (finite, > 0, at most 10).")
    var learningRate = PositiveNumber(0.1)

    mutating func validate() throws {
        guard !batchSizes.values.isEmpty, batchSizes.values.allSatisfy({ $0.value >= 2 }) else {
            throw ValidationError("--batch-sizes must list whole numbers ≥ 2 (batch norm needs two examples), e.g. 64,1024")
        }
        guard learningRate.value <= 10 else { throw ValidationError("--learning-rate must be at most 10") }
    }

    static let fullEpochs = 20
    static let fullSeeds = 5
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 5

    /// The lecture's network, layer by layer; dropout masks from their own stream.
    static func model(weights: Random, masks: Random) -> Sequential {
        Sequential(
            Linear(784, 75, bias: false, random: weights), BatchNorm1d(75), ReLU(), Dropout(0.5, random: masks),
            Linear(75, 45, bias: false, random: weights), BatchNorm1d(45), ReLU(), Dropout(0.3, random: masks),
            Linear(45, 10, random: weights))
    }

    /// What the lecture reports (MNIST, 100 epochs, on a GPU), for the summary.
    static let lecture: [Int: String] = [64: "98.50 / 97.65 / 97.18", 1024: "98.45 / 97.67 / 97.08"]

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

    /// The averaging law tested on one network: the trained weights frozen, the minibatch loss
    /// (training mode, as during training) measured over fresh random batches of each size.
    /// Returns the standard deviation of those losses per batch size.
    static func frozenLossSpread(_ model: Sequential, on train: ImageDataset, sizes: [Int], batches: Int,
                                 random: Random) -> [Int: Double] {
        model.train()
        var spread: [Int: Double] = [:]
        for size in sizes {
            let losses: [Double] = (0..<batches).map { _ in
                let positions = (0..<size).map { _ in random.integer(below: train.count) }
                let (inputs, labels) = train.batch(positions[...])
                return Double(CrossEntropyLoss()(model.forward(inputs), labels).value)
            }
            spread[size] = Estimate(losses).std
        }
        return spread
    }

    func run() throws { _ = try perform() }

    /// Runs the lesson; returns the runs by batch size, in the order given.
    /// One run with the noise measurements of the table and the figure.
    struct NoiseRun: RunRecord {
        var history: History
        var test: Evaluation?
        var lossStdLastEpoch: Double
        var validationJitter: Double
        /// The std of the loss of the trained network, frozen, over fresh random batches of
        /// each size of the sweep (in the sweep's order).
        var frozenLossStd: [Double]

        static let columns = [RunColumn("loss_std_last_epoch", \Self.lossStdLastEpoch),
                              RunColumn("validation_jitter_pct_points", \Self.validationJitter)]

        /// The frozen-network columns, one per batch size of the sweep.
        static func frozenColumns(_ sizes: [Int]) -> [RunColumn<NoiseRun>] {
            sizes.indices.map { index in RunColumn("frozen_loss_std_batch_\(sizes[index])") { $0.frozenLossStd[index] } }
        }
    }

    func perform() throws -> [SettingRuns<NoiseRun>] {
        let context = try LessonContext(lesson: "batch-size", options: lesson, seeds: Self.fullSeeds)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(nil, quick: 4096), validationSize: context.budget(nil, quick: 1000),
            testSize: context.budget(nil, quick: 1000))
        let train = splits.first.train
        let sizes = batchSizes.values.map(\.value)
        if let tooLarge = sizes.first(where: { $0 > train.count }) {
            throw LessonError("--batch-sizes: \(tooLarge) is larger than the \(train.count) training images")
        }
        let rate = learningRate.value
        let runs = try context.overSeeds(sizes, label: { "batch \($0)" }, columns: { ["batch_size": SettingValue($0)] },
                                         optionColumns: NoiseRun.frozenColumns(sizes), lastK: Self.lastK) { batchSize, run in
            let (train, validation, testImages) = splits(run).sets
            let model = Self.model(weights: run.random(.weights), masks: run.random(.noise))
            let history = try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: rate),
                                      train: train, validation: validation,
                                      options: TrainingOptions(epochs: epochs, batchSize: batchSize, dropLast: true,
                                                               evaluateTrainingSet: true))
            let test = Evaluation(of: model, loss: CrossEntropyLoss(), on: testImages)
            let frozen = Self.frozenLossSpread(model, on: train, sizes: sizes, batches: context.budget(200, quick: 50),
                                               random: run.random(.dataSubset))
            return NoiseRun(history: history, test: test, lossStdLastEpoch: Self.lastEpochSpread(history),
                            validationJitter: Self.validationJitter(history), frozenLossStd: sizes.map { frozen[$0]! })
        }
        try context.write(Self.lossFigure(runs))
        try context.write(Self.noiseFigure(runs, sizes: sizes))
        try context.write(Self.accuracyFigure(runs, learningRate: rate))
        reportSummary(context, runs: runs, sizes: sizes, epochs: epochs)
        try context.finish()
        return runs
    }

    /// The table over batch sizes, the comparison of the first two against their noise, and the
    /// loss-noise ratio against √(B₂/B₁).
    func reportSummary(_ context: LessonContext, runs: [SettingRuns<NoiseRun>], sizes: [Int], epochs: Int) {
        let k = Self.lastK
        var table = SummaryTable(
            title: "After \(epochs) epochs, SGD lr \(learningRate.value); accuracy in %, mean ± std over \(context.seeds.count) seeds; last \(k) = mean of the last \(k) epochs (lecture: MNIST, 100 epochs, GPU, one run)",
            header: ["batch size", "train, last \(k)", "validation, last \(k)", "best validation", "test, final",
                     "minibatch loss std, last epoch", "validation jitter", "lecture: train / validation / test"])
        for (size, setting) in zip(sizes, runs) {
            table.add(["\(size)", setting.lastEpochs(k, .trainAccuracy).formatted(), setting.lastEpochs(k, .validationAccuracy).formatted(),
                       setting.atBestValidation(.validationAccuracy).formatted(), setting.testAccuracy.formatted(),
                       setting.estimate(\.lossStdLastEpoch).formatted(decimals: 4), setting.estimate(\.validationJitter).formatted(),
                       Self.lecture[size] ?? "–"])
        }
        context.report(table)
        context.report("validation jitter = std of the epoch-to-epoch change of validation accuracy over the last \(k) epochs (points)")
        guard runs.count >= 2 else { return }
        let (a, b) = (runs[0], runs[1])
        context.report()
        context.report(Difference(a.lastEpochs(k, .validationAccuracy), b.lastEpochs(k, .validationAccuracy))
            .verdict(a.label, b.label, quantity: "Validation (last \(k))"))
        context.report(Difference(a.atBestValidation(.validationAccuracy), b.atBestValidation(.validationAccuracy))
            .verdict(a.label, b.label, quantity: "Best validation"))
        context.report(Difference(a.testAccuracy, b.testAccuracy).verdict(a.label, b.label, quantity: "Test"))
        context.report(Difference(a.estimate(\.validationJitter), b.estimate(\.validationJitter))
            .verdict(a.label, b.label, quantity: "Validation jitter"))
        let predicted = (Double(sizes[1]) / Double(sizes[0])).squareRoot()
        let ratio = Estimate(zip(a.estimate(\.lossStdLastEpoch).values, b.estimate(\.lossStdLastEpoch).values).map { $0 / $1 })
        context.report(String(format: "Minibatch-loss std ratio, %@ / %@, last epoch of training: %@ over seeds; averaging predicts √(%d/%d) = %.2f.",
                              a.label, b.label, ratio.formatted(), sizes[1], sizes[0], predicted))
        let frozenColumns = NoiseRun.frozenColumns(sizes)
        let frozen = Estimate(runs.flatMap { setting in
            zip(setting.estimate(column: frozenColumns[0]).values, setting.estimate(column: frozenColumns[1]).values).map { $0 / $1 }
        })
        context.report(String(format: "The same ratio on one network (trained weights frozen, fresh random batches of %d and %d): %@ over all %d trained networks.",
                              sizes[0], sizes[1], frozen.formatted(), frozen.count))
    }
}

BatchSizeLesson.main()
