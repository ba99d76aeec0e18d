import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct InputNormalizationLesson: ParsableCommand {
    static let configuration = CommandConfiguration.lesson(
        "input-normalization",
        abstract: "Why normalize inputs for gradient descent: features on different scales make the loss surface a narrow valley.",
        discussion: """
        Part 1: linear regression on two features whose scales differ tenfold. The loss \
        surface over the two weights is a long, narrow ellipse; gradient descent must use a \
        learning rate small enough for the steep direction and then crawls along the flat one. \
        After standardization (zero mean, unit variance per feature) the contours are round and \
        a much larger step is stable. Each run uses the best learning rate of a grid that \
        keeps it stable; the lesson counts the steps each needs to reach the same loss. Part 2: \
        the same MLP on Fashion-MNIST with raw pixels (0–255), pixels scaled to [0, 1], and \
        pixels standardized with one global mean and std, under 10 seeds each: first at one \
        learning rate, then each scaling over a grid of learning rates, so that it is also \
        compared at its own best rate. --quick: \
        1,000 images, 2 epochs, 2 seeds.
        """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 10, quick: 2)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Ratio of the second feature's scale to the first's (1…\(Int(maximumScaleRatio))).")
    var scaleRatio = PositiveNumber(10)

    @Option(help: "Gradient-descent steps on the 2-feature problem (10…\(maximumSteps)).")
    var steps = 1000

    @Option(help: "SGD learning rate of the first Fashion-MNIST comparison (finite, > 0).")
    var learningRate = PositiveNumber(0.05)

    @Option(help: "Learning rates tried for every scaling, comma-separated, each finite and > 0.")
    var rates = ListOption<PositiveNumber>([1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.2].map { PositiveNumber($0) })

    static let maximumScaleRatio: Float = 10_000
    static let maximumSteps = 20_000

    mutating func validate() throws {
        guard (1...Self.maximumScaleRatio).contains(scaleRatio.value) else {
            throw ValidationError("--scale-ratio must be between 1 and \(Int(Self.maximumScaleRatio)) (got \(scaleRatio))")
        }
        guard (10...Self.maximumSteps).contains(steps) else { throw ValidationError("--steps must be between 10 and \(Self.maximumSteps) (got \(steps))") }
        guard (1...12).contains(rates.values.count) else { throw ValidationError("--rates takes 1 to 12 learning rates") }
    }

    static let lastK = 3
    /// Epochs of each run of the learning-rate grid.
    static let gridEpochs = 3

    // MARK: Part 1: two features

    /// y = 2·x₁ + (3/scale)·x₂ + noise, with x₁ ~ N(1, 1²) and x₂ ~ N(10, scale²): both
    /// features matter about equally, but on scales that differ by `scale`, and neither is centred.
    static func problem(count: Int, scale: Float, random: Random) -> RegressionDataset {
        var x = Matrix(rows: count, cols: 2)
        var y = Matrix(rows: count, cols: 1)
        for i in 0..<count {
            x[i, 0] = random.normal(mean: 1, std: 1)
            x[i, 1] = random.normal(mean: 10, std: scale)
            y[i, 0] = 2 * x[i, 0] + 3 / scale * x[i, 1] + random.normal(std: 0.5)
        }
        return RegressionDataset(inputs: x, targets: y)
    }

    static func standardized(_ data: RegressionDataset) -> RegressionDataset {
        var x = data.inputs
        for c in 0..<x.cols {
            let column = Matrix(rows: x.rows, cols: 1, (0..<x.rows).map { x[$0, c] })
            let statistics = TensorStatistics(column)
            for r in 0..<x.rows { x[r, c] = (x[r, c] - statistics.mean) / statistics.std }
        }
        return RegressionDataset(inputs: x, targets: data.targets)
    }

    struct Descent {
        let learningRate: Float
        let path: [(Float, Float, Float)]   // w₁, w₂, b before each step
        let losses: [Float]
    }

    /// Full-batch gradient descent on the mean squared error of a linear model, from w = 0.
    static func descend(_ data: RegressionDataset, learningRate: Float, steps: Int) -> Descent? {
        let random = Random(seed: 1)
        let layer = Linear(2, 1, random: random)
        layer.initialize(weight: .zeros, bias: .zeros, random: random)
        let model = Sequential(layer)
        let trainer = Trainer(model: model, loss: MSELoss(), optimizer: SGD(model.parameters, learningRate: learningRate), random: random)
        var path: [(Float, Float, Float)] = [], losses: [Float] = []
        for _ in 0..<steps {
            path.append((layer.weight.value[0, 0], layer.weight.value[0, 1], layer.bias!.value[0, 0]))
            let loss = trainer.step(data.inputs, data.targets).loss
            guard loss.isFinite, loss < 1e12 else { return nil }
            losses.append(loss)
        }
        return Descent(learningRate: learningRate, path: path, losses: losses)
    }

    /// The learning rate of a log grid whose run has the lowest mean loss over all steps
    /// (i.e. gets down fastest) among the runs that stay finite: the best any single rate
    /// can do.
    /// The grid runs from 10⁻⁴ (lower for large feature scales: the stable rate falls with
    /// the square of the largest feature's size) to 10, four rates per decade.
    static func bestDescent(_ data: RegressionDataset, steps: Int) throws -> Descent {
        let largest = data.inputs.storage.map(abs).max() ?? 1
        let lowest = min(-16, Int((4 * log10(1e-2 / max(Double(largest) * Double(largest), 1))).rounded(.down)))
        let grid = (lowest...4).map { pow(10, Float($0) / 4) }
        func area(_ d: Descent) -> Double { d.losses.reduce(0) { $0 + Double($1) } }
        guard let best = grid.compactMap({ descend(data, learningRate: $0, steps: steps) }).min(by: { area($0) < area($1) }) else {
            throw LessonError("gradient descent diverged at every learning rate from \(grid.first!) to 10")
        }
        return best
    }

    /// Steps until the loss is within 1 % of the best loss either run reached (nil: never).
    static func stepsToReach(_ target: Float, _ losses: [Float]) -> Int? {
        losses.firstIndex { $0 <= target }.map { $0 + 1 }
    }

    // MARK: Part 2: Fashion-MNIST

    struct Scaling: Sendable {
        let label: String
        let scaling: PixelScaling
    }

    struct Report {
        let raw: Descent
        let normalized: Descent
        let rawSteps: Int?
        let normalizedSteps: Int?
        let target: Float
        /// The three scalings at `--learning-rate`.
        let imageRuns: [SettingRuns<ScaledRun>]
        /// Every scaling at every rate of the grid, scaling-major.
        let grid: [SettingRuns<ScaledRun>]
        let gridRates: [Float]

        func gridRuns(_ scaling: String) -> [SettingRuns<ScaledRun>] { grid.filter { $0.label.hasPrefix(scaling + ",") } }

        /// The grid rate with the highest mean final validation accuracy for a scaling.
        func best(_ scaling: String) -> (rate: Float, runs: SettingRuns<ScaledRun>) {
            let runs = gridRuns(scaling)
            let index = runs.indices.max { runs[$0].estimate(\.finalValidation).mean < runs[$1].estimate(\.finalValidation).mean }!
            return (gridRates[index], runs[index])
        }
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "input-normalization", options: lesson, seeds: 10)
        let part1 = try twoFeatures(context)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let (train, validation, _) = try context.loadSplits(training, trainSize: context.budget(10000, quick: 1000),
                                                            validationSize: context.budget(5000, quick: 1000), testSize: 0)
        guard train.count >= 1, validation.count >= 1 else {
            throw LessonError("lesson-input-normalization needs at least 5 images in the training file (10 % of them validate); the data have \(train.count + validation.count)")
        }
        let (mean, std) = train.pixelStatistics()
        context.report(String(format: "Training pixels on [0, 1]: one global mean %.4f and std %.4f over all pixels of all training images.", mean, std))
        let scalings = [Scaling(label: "raw 0–255", scaling: .raw), Scaling(label: "scaled to [0, 1]", scaling: .unit),
                        Scaling(label: "standardized", scaling: .standardized(mean: mean, std: max(std, 1e-6)))]
        let imageRuns = try trainRuns(context, scalings.map { ($0, learningRate.value) }, label: { $0.0.label }, experiment: "scalings",
                                  train: train, validation: validation, epochs: epochs)
        let gridRates = rates.values.map(\.value)
        let grid = try trainRuns(context, scalings.flatMap { scaling in gridRates.map { (scaling, $0) } },
                             label: { "\($0.0.label), lr \($0.1)" }, experiment: "learning-rate grid", train: train, validation: validation,
                             epochs: min(Self.gridEpochs, epochs))
        let report = Report(raw: part1.raw, normalized: part1.normalized, rawSteps: part1.rawSteps, normalizedSteps: part1.normalizedSteps,
                            target: part1.target, imageRuns: imageRuns, grid: grid, gridRates: gridRates)
        try context.write(imageFigure(imageRuns, epochs: epochs))
        try context.write(gridFigure(report, scalings: scalings.map(\.label), epochs: min(Self.gridEpochs, epochs)))
        reportImages(context, report, scalings: scalings.map(\.label), epochs: epochs, trainCount: train.count)
        try context.finish()
        return report
    }

    /// Part 1: gradient descent on the two-feature problem, raw and standardized, each at
    /// its best stable learning rate. Deterministic given the data (full-batch, from w = 0).
    func twoFeatures(_ context: LessonContext) throws -> (raw: Descent, normalized: Descent, rawSteps: Int?, normalizedSteps: Int?, target: Float) {
        let data = Self.problem(count: 200, scale: scaleRatio.value, random: Random(seed: lesson.seed))
        let normalizedData = Self.standardized(data)
        let raw = try Self.bestDescent(data, steps: steps), normalized = try Self.bestDescent(normalizedData, steps: steps)
        let floor = min(raw.losses.min()!, normalized.losses.min()!)
        let target = floor * 1.01
        let rawSteps = Self.stepsToReach(target, raw.losses), normalizedSteps = Self.stepsToReach(target, normalized.losses)
        func describe(_ steps: Int?) -> String {
            steps.map { String(format: "reaches %.4f (1%% above the best loss) in %d steps", target, $0) }
                ?? String(format: "does not reach %.4f (1%% above the best loss) within %d steps", target, self.steps)
        }
        context.report(String(format: "Raw features: best stable learning rate %.3g, loss after %d steps %.4f; %@.",
                              raw.learningRate, steps, raw.losses.last!, describe(rawSteps)))
        context.report(String(format: "Standardized features: best learning rate %.3g, loss after %d steps %.4f; %@.",
                              normalized.learningRate, steps, normalized.losses.last!, describe(normalizedSteps)))
        context.report()
        try context.write(surfaceFigure(raw: (data, raw), normalized: (normalizedData, normalized)))
        return (raw, normalized, rawSteps, normalizedSteps, target)
    }

    /// Part 2: 784→128→10 on Fashion-MNIST for each (scaling, learning rate), under every
    /// seed. A run that diverges keeps its history so far and counts as chance (10 %).
    /// One run; a diverged one counts as chance (10 %) from the epoch it diverged.
    struct ScaledRun: RunRecord {
        var history: History
        var finalValidation: Double
        var divergedEpoch: Double?

        static let columns = [RunColumn("final_validation_accuracy_or_chance_pct", \Self.finalValidation),
                              RunColumn("diverged_epoch", \Self.divergedEpoch)]
    }

    func trainRuns(_ context: LessonContext, _ settings: [(Scaling, Float)], label: ((Scaling, Float)) -> String, experiment: String,
               train: ImageDataset, validation: ImageDataset, epochs: Int) throws -> [SettingRuns<ScaledRun>] {
        try context.overSeeds(settings, label: label, experiment: experiment,
                              columns: { ["scaling": .text($0.0.label), "learning_rate": SettingValue($0.1)] }, lastK: Self.lastK) { setting, run in
            var (scaledTrain, scaledValidation) = (train, validation)
            scaledTrain.scaling = setting.0.scaling
            scaledValidation.scaling = setting.0.scaling
            let model = Sequential.mlp([784, 128, 10], random: run.random(.weights))
            do {
                let history = try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: setting.1),
                                          train: scaledTrain, validation: scaledValidation,
                                          options: TrainingOptions(epochs: epochs, batchSize: 64))
                return ScaledRun(history: history, finalValidation: 100 * Double(history.last?.validationAccuracy ?? 0.1))
            } catch let TrainingError.diverged(epoch, _, _, history) {
                return ScaledRun(history: history, finalValidation: 10, divergedEpoch: Double(epoch))
            }
        }
    }

    func reportImages(_ context: LessonContext, _ report: Report, scalings: [String], epochs: Int, trainCount: Int) {
        let k = Self.lastK, seeds = context.seeds.count
        var table = SummaryTable(title: "784→128→10, SGD lr \(learningRate.value), batch 64, \(epochs) epochs on \(trainCount) images, \(seeds) seeds (accuracy in %; last \(k) = mean of the last \(k) epochs)",
                                 header: ["inputs", "train, last \(k)", "validation, last \(k)", "best validation", "diverged"])
        // A run that diverged in its first epoch has no epoch to summarize.
        func formatted(_ estimate: Estimate) -> String { estimate.count > 0 ? estimate.formatted() : "–" }
        for setting in report.imageRuns {
            table.add([setting.label, formatted(setting.lastEpochs(k, .trainAccuracy)), formatted(setting.lastEpochs(k, .validationAccuracy)),
                       formatted(setting.atBestValidation(.validationAccuracy)), "\(setting.estimate(\.divergedEpoch).count) of \(setting.runs.count)"])
        }
        context.report(table)
        let (raw, unit, standardized) = (report.imageRuns[0], report.imageRuns[1], report.imageRuns[2])
        for (a, b) in [(unit, raw), (standardized, unit)] {
            let (x, y) = (a.lastEpochs(k, .validationAccuracy), b.lastEpochs(k, .validationAccuracy))
            guard x.count == a.runs.count, y.count == b.runs.count else {
                context.report("Validation accuracy (last \(k) epochs): \(a.label) vs \(b.label) not compared: runs diverged.")
                continue
            }
            context.report(Difference(x, y).verdict(a.label, b.label, quantity: "Validation accuracy (last \(k) epochs)"))
        }
        context.report()
        let gridEpochs = min(Self.gridEpochs, epochs)
        var grid = SummaryTable(title: "Validation accuracy (%) after \(gridEpochs) epochs by learning rate, \(seeds) seeds (a diverged run counts as 10 %)",
                                header: ["learning rate"] + scalings)
        for (index, rate) in report.gridRates.enumerated() {
            grid.add(["\(rate)"] + scalings.map { scaling in
                let runs = report.gridRuns(scaling)[index]
                let diverged = runs.estimate(\.divergedEpoch).count
                return runs.estimate(\.finalValidation).formatted() + (diverged > 0 ? " (\(diverged) diverged)" : "")
            })
        }
        context.report(grid)
        for scaling in scalings {
            let best = report.best(scaling)
            context.report("Best learning rate of the grid for \(scaling): \(best.rate) (\(best.runs.estimate(\.finalValidation).formatted()) %).")
        }
        let bestRaw = report.best(scalings[0]).runs, bestUnit = report.best(scalings[1]).runs, bestStandardized = report.best(scalings[2]).runs
        context.report(Difference(bestStandardized.estimate(\.finalValidation), bestRaw.estimate(\.finalValidation))
            .verdict("standardized", "raw 0–255", quantity: "Each at its own best learning rate, validation after \(gridEpochs) epochs"))
        context.report(Difference(bestStandardized.estimate(\.finalValidation), bestUnit.estimate(\.finalValidation))
            .verdict("standardized", "scaled to [0, 1]", quantity: "Each at its own best learning rate, validation after \(gridEpochs) epochs"))
        context.report(Difference(bestUnit.estimate(\.finalValidation), bestRaw.estimate(\.finalValidation))
            .verdict("scaled to [0, 1]", "raw 0–255", quantity: "Each at its own best learning rate, validation after \(gridEpochs) epochs"))
        context.report("Normalizing the inputs only helps the first layer: the inputs of every later layer drift as the weights change. Batch normalization (lesson-batchnorm) normalizes those too.")
    }

}

InputNormalizationLesson.main()
