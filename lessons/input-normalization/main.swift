// Input normalization, as the lecture teaches it: part 1, gradient descent on two features
// whose scales differ, raw, centred, scaled and standardized, against the curvature of the
// loss; part 2, the same MLP on Fashion-MNIST with raw, [0, 1]-scaled and standardized
// pixels over seeds, at one learning rate and then each at its best rate of a grid. The
// options are in Command.swift, the printed report in Report.swift, the figures in Figures.swift.

import Engine
import EngineData
import Foundation
import LabMath
import LessonKit

extension InputNormalizationLesson {
    static let lastK = 3
    /// Epochs of each run of the learning-rate grid.
    static let gridEpochs = 3

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let features = try twoFeatures(context)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(10000, quick: 1000),
            validationSize: context.budget(5000, quick: 1000), testSize: context.budget(nil, quick: 1000))
        let (train, validation, test) = splits.first.sets
        guard train.count >= 1, validation.count >= 1, test.count >= 1 else {
            throw LessonError(
                "lesson-\(context.name) needs at least 5 images in the training file (10 % of them validate) and 1 in the test file; the data have \(train.count + validation.count) and \(test.count)"
            )
        }
        let (mean, std) = train.pixelStatistics()
        context.report(
            String(
                format:
                    "Training pixels on [0, 1]: one global mean %.4f and std %.4f over all pixels of all training images; dividing by that std multiplies the first layer's step at a given learning rate by 1/std² = %.2f (centring aside).",
                mean, std, 1 / (std * std)))
        let scalings = [
            Scaling(label: "raw 0–255", scaling: .raw), Scaling(label: "scaled to [0, 1]", scaling: .unit),
            Scaling(label: "standardized", scaling: .standardized(mean: mean, std: max(std, 1e-6))),
        ]
        let imageRuns = try trainRuns(
            context, scalings.map { ($0, learningRate.value) }, label: { $0.0.label }, experiment: "scalings",
            splits: splits, epochs: epochs)
        let gridRates = rates.values.map(\.value)
        let grid = try trainRuns(
            context, scalings.flatMap { scaling in gridRates.map { (scaling, $0) } },
            label: { "\($0.0.label), lr \($0.1)" }, experiment: "learning-rate grid", splits: splits,
            epochs: min(Self.gridEpochs, epochs))
        let report = Report(features: features, imageRuns: imageRuns, grid: grid, gridRates: gridRates)
        try context.write(imageFigure(imageRuns, epochs: epochs))
        try context.write(gridFigure(report, scalings: scalings.map(\.label), epochs: min(Self.gridEpochs, epochs)))
        try context.write(
            Self.comparisonFigure(
                report, scalings: scalings.map(\.label), epochs: epochs, gridEpochs: min(Self.gridEpochs, epochs)))
        reportImages(
            context, report, scalings: scalings.map(\.label), epochs: epochs, trainCount: train.count,
            testCount: test.count)
        try context.finish()
        return report
    }

    /// Part 1: gradient descent on the two-feature problem, prepared four ways, each at its
    /// best stable learning rate, against the curvature of its loss. Deterministic given the
    /// data (full-batch, from w = 0).
    func twoFeatures(_ context: LessonContext) throws -> [FeatureDescent] {
        let data = Self.problem(count: 200, scale: scaleRatio.value, random: Random(seed: lesson.seed))
        let features = try FeaturePreparation.all.map { try FeatureDescent($0, of: data, steps: steps) }
        reportFeatures(context, features)
        context.report()
        try context.write(surfaceFigure(features))
        try context.write(excessLossFigure(features))
        return features
    }

    /// Part 2: 784→128→10 on Fashion-MNIST for each (scaling, learning rate), under every
    /// seed. A run that diverges keeps its history so far and counts as chance (10 %).
    /// One run; a diverged one counts as chance (10 %) from the epoch it diverged.
    struct ScaledRun: RunRecord {
        var history: History
        var test: Evaluation?
        var finalValidation: Double
        /// Test accuracy (%) after the last epoch, 10 when the run diverged.
        var finalTest: Double
        var divergedEpoch: Double?

        static let columns = [
            RunColumn("final_validation_accuracy_or_chance_pct", \Self.finalValidation),
            RunColumn("final_test_accuracy_or_chance_pct", \Self.finalTest),
            RunColumn("diverged_epoch", \Self.divergedEpoch),
        ]
    }

    func trainRuns(
        _ context: LessonContext, _ settings: [(Scaling, Float)], label: ((Scaling, Float)) -> String,
        experiment: String,
        splits: SeededSplits, epochs: Int
    ) throws -> [SettingRuns<ScaledRun>] {
        try context.overSeeds(
            settings, label: label, experiment: experiment,
            columns: { ["scaling": .text($0.0.label), "learning_rate": SettingValue($0.1)] }, lastK: Self.lastK
        ) { setting, run in
            var (scaledTrain, scaledValidation, scaledTest) = splits(run).sets
            scaledTrain.scaling = setting.0.scaling
            scaledValidation.scaling = setting.0.scaling
            scaledTest.scaling = setting.0.scaling
            let model = Sequential.mlp([784, 128, 10], random: run.random(.weights))
            do {
                let history = try run.fit(
                    model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: setting.1),
                    train: scaledTrain, validation: scaledValidation,
                    options: TrainingOptions(epochs: epochs, batchSize: 64))
                let test = Evaluation(of: model, loss: CrossEntropyLoss(), on: scaledTest)
                return ScaledRun(
                    history: history, test: test,
                    finalValidation: 100 * Double(history.last?.validationAccuracy ?? 0.1),
                    finalTest: 100 * Double(test.accuracy ?? 0.1))
            } catch let TrainingError.diverged(epoch, _, _, history) {
                return ScaledRun(history: history, finalValidation: 10, finalTest: 10, divergedEpoch: Double(epoch))
            }
        }
    }

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

    /// The two halves of standardization, separately and together: subtracting each
    /// feature's mean (centring) and dividing by its standard deviation (scaling).
    struct FeaturePreparation: Sendable {
        let label: String
        let centres: Bool
        let scales: Bool

        static let all = [
            FeaturePreparation(label: "raw", centres: false, scales: false),
            FeaturePreparation(label: "centred", centres: true, scales: false),
            FeaturePreparation(label: "scaled", centres: false, scales: true),
            FeaturePreparation(label: "standardized", centres: true, scales: true),
        ]

        func apply(_ data: RegressionDataset) -> RegressionDataset {
            var x = data.inputs
            for c in 0..<x.cols {
                let statistics = TensorStatistics(Matrix(rows: x.rows, cols: 1, (0..<x.rows).map { x[$0, c] }))
                for r in 0..<x.rows {
                    x[r, c] = (x[r, c] - (centres ? statistics.mean : 0)) / (scales ? statistics.std : 1)
                }
            }
            return RegressionDataset(inputs: x, targets: data.targets)
        }
    }

    struct Descent {
        let learningRate: Float
        let path: [(Float, Float, Float)]  // w₁, w₂, b before each step
        let losses: [Float]
    }

    /// Full-batch gradient descent on the mean squared error of a linear model, from w = 0.
    static func descend(_ data: RegressionDataset, learningRate: Float, steps: Int) -> Descent? {
        let random = Random(seed: 1)
        let layer = Linear(2, 1, random: random)
        layer.initialize(weight: .zeros, bias: .zeros, random: random)
        let model = Sequential(layer)
        let trainer = Trainer(
            model: model, loss: MSELoss(), optimizer: SGD(model.parameters, learningRate: learningRate), random: random)
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
        guard
            let best = grid.compactMap({ descend(data, learningRate: $0, steps: steps) }).min(by: {
                area($0) < area($1)
            })
        else {
            throw LessonError("gradient descent diverged at every learning rate from \(grid.first!) to 10")
        }
        return best
    }

    /// One preparation of the two features, descended at its best stable rate, beside what
    /// the curvature of its loss predicts.
    struct FeatureDescent {
        let preparation: FeaturePreparation
        let data: RegressionDataset
        let descent: Descent
        let curvature: QuadraticCurvature
        /// The least-squares minimum of the loss.
        let minimum: Double
        /// Steps taken until the loss is within 1 % of the minimum (nil: not within the budget).
        let steps: Int?

        var target: Double { minimum * 1.01 }

        /// The share of the initial excess loss L₀ − L* still left at the target.
        var remainingShare: Double { (target - minimum) / (Double(descent.losses[0]) - minimum) }

        /// The most steps the curvature allows at the rate used. Along eigendirection i the
        /// error shrinks by rᵢ = |1 − ηλᵢ| per step, so the excess loss, a sum of λᵢ-weighted
        /// squared errors, shrinks at least by r² = max rᵢ² per step, and the target (a share ε
        /// of the initial excess) is reached within ln ε / (2 ln r) steps. It is exact when all
        /// the initial error lies along the slowest direction.
        var stepBound: Double? { bound(learningRate: Double(descent.learningRate)) }

        /// The same bound at the best single rate, η = 2/(λ_max + λ_min), where r = (κ − 1)/(κ + 1):
        /// about (κ/4)·ln(1/ε) steps for large κ, the condition number's price.
        var idealStepBound: Double? {
            let (largest, smallest) = (curvature.eigenvalues.first!, curvature.eigenvalues.last!)
            return bound(learningRate: 2 / (largest + smallest))
        }

        private func bound(learningRate: Double) -> Double? {
            let share = remainingShare
            guard share < 1 else { return 0 }
            return share > 0 ? curvature.steps(toShrinkBy: share.squareRoot(), learningRate: learningRate) : nil
        }

        init(_ preparation: FeaturePreparation, of raw: RegressionDataset, steps budget: Int) throws {
            let data = preparation.apply(raw)
            self.preparation = preparation
            self.data = data
            descent = try InputNormalizationLesson.bestDescent(data, steps: budget)
            curvature = QuadraticCurvature(meanSquaredErrorOf: data.inputs)
            let design = Matrix(
                rows: data.count, cols: 3, (0..<data.count).flatMap { [data.inputs[$0, 0], data.inputs[$0, 1], 1] })
            let solution = LeastSquares.solve(design, data.targets)
            minimum = Double(MSELoss()(Matrix.product(design, solution), data.targets).value)
            let target = minimum * 1.01
            steps = descent.losses.firstIndex { Double($0) <= target }
        }
    }

    // MARK: Part 2: Fashion-MNIST

    struct Scaling: Sendable {
        let label: String
        let scaling: PixelScaling
    }

    struct Report {
        /// Part 1: the two features, raw, centred, scaled and standardized.
        let features: [FeatureDescent]
        /// The three scalings at `--learning-rate`.
        let imageRuns: [SettingRuns<ScaledRun>]
        /// Every scaling at every rate of the grid, scaling-major.
        let grid: [SettingRuns<ScaledRun>]
        let gridRates: [Float]

        func gridRuns(_ scaling: String) -> [SettingRuns<ScaledRun>] {
            grid.filter { $0.label.hasPrefix(scaling + ",") }
        }

        /// The grid rate with the highest mean final validation accuracy for a scaling, scored
        /// on the test set (which played no part in the choice).
        func best(_ scaling: String) -> (rate: Float, choice: ChosenOnValidation) {
            let runs = gridRuns(scaling)
            let choice = ChosenOnValidation(
                validation: runs.map { $0.estimate(\.finalValidation) },
                test: runs.map { $0.estimate(\.finalTest) })
            return (gridRates[choice.index], choice)
        }

        /// The scalings at `--learning-rate` compared in validation accuracy, one step of
        /// preparation at a time: [0, 1] against raw, standardized against [0, 1].
        var imagePairs: [(SettingRuns<ScaledRun>, SettingRuns<ScaledRun>)] {
            [(imageRuns[1], imageRuns[0]), (imageRuns[2], imageRuns[1])]
        }

        /// Index pairs into the scalings compared at their own best rates, scored on test.
        static let bestRatePairs = [(2, 0), (2, 1), (1, 0)]

        /// The best-rate test comparisons of `bestRatePairs`, one Holm family.
        func bestRateComparisons(_ scalings: [String]) -> Holm {
            Holm(
                Self.bestRatePairs.map { a, b in
                    Difference(best(scalings[a]).choice.test, best(scalings[b]).choice.test)
                })
        }
    }
}

InputNormalizationLesson.main()
