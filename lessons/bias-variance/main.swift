// The bias–variance trade-off, as the lecture teaches it. Part 1, capacity: polynomials of
// degree 0 to 10 fitted by least squares to 30 noisy samples of sin(2πx), and the expected
// test error split into bias², variance and noise by refitting on 200 fresh training sets.
// Part 2, data: softmax regression on Fashion-MNIST subsets from 100 images to the whole
// split, each trained to the same step budget over seeds, and the train − test gap compared
// between the largest and the smallest set. The options are in Command.swift, the printed
// report in Report.swift, the figures in Figures.swift.

import Engine
import EngineData
import Foundation
import LabMath
import LessonKit

extension BiasVarianceLesson {
    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let (single, decompositions) = try capacity(context)
        let (sizes, curve) = try moreData(context)
        try context.finish()
        return Report(single: single, decompositions: decompositions, sizes: sizes, learningCurve: curve)
    }

    /// Part 1: polynomials of growing degree on one training set, and the decomposition of the
    /// expected test error over many training sets.
    func capacity(_ context: LessonContext) throws -> ([(degree: Int, train: Double, test: Double)], [Decomposition]) {
        // Past degree 10, 30 random points leave gaps near the ends of [0, 1] where the
        // polynomial swings wildly on some training sets: the variance reaches 10⁵ and drowns
        // the picture, so the sweep stops at 10 (try --points 100 to push it further).
        let degrees = Array(0...context.budget(10, quick: 9))
        let grid = Matrix(rows: 200, cols: 1, (0..<200).map { (Float($0) + 0.5) / 200 })
        let random = Random(seed: lesson.seed)

        // One training set, every degree.
        let data = Synthetic.noisySine(count: points, noise: noise, random: random)
        let testTargets = grid.map { Self.truth($0) + random.normal(std: noise) }
        let fits = degrees.map { Self.fit(data, degree: $0) }
        let single = zip(degrees, fits).map { degree, weights in
            (
                degree: degree, train: Self.meanSquaredError(Self.predict(weights, data.inputs), data.targets),
                test: Self.meanSquaredError(Self.predict(weights, grid), testTargets)
            )
        }
        let sets = context.budget(trainingSets, quick: 50)
        let decompositions = degrees.map {
            Self.decompose(degree: $0, sets: sets, points: points, noise: noise, grid: grid, random: random.fork())
        }
        reportCapacity(context, single: single, decompositions: decompositions, sets: sets)
        try context.write(
            Self.capacityFigure(
                data: data, fits: Array(zip(degrees, fits)), grid: grid, single: single,
                decompositions: decompositions, sets: sets))
        return (single, decompositions)
    }

    /// Part 2: softmax regression on growing subsets, each with the same step budget, over seeds.
    func moreData(_ context: LessonContext) throws -> ([Int], [SettingRuns<ConvergedRun>]) {
        let (all, test) = try context.loadImages(training)
        let (trainSplit, _) = all.split(
            validationFraction: 0.1, random: Random(seed: lesson.splitSeed ?? 0, purpose: .dataSubset))
        let sizes = context.budget(
            [100, 200, 500, 1000, 2000, 5000, 10000, 20000, trainSplit.count], quick: [100, 1000, 5000]
        )
        .filter { $0 <= trainSplit.count }
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        // Every size gets the steps of `epochs` epochs of the largest set, so a smaller set gets at
        // least as many steps per image and the sizes are compared, not the training budgets.
        let minimumSteps = epochs * (((sizes.max() ?? 1) + 63) / 64)
        let curve = try context.overSeeds(
            sizes, label: { "\($0) images" }, experiment: "more data",
            columns: { ["train_size": SettingValue($0)] }
        ) { size, run in
            // Each seed its own subset (the variance of Part 1), unless --split-seed fixes one.
            let subset = trainSplit.randomSubset(
                size, random: Random(seed: lesson.splitSeed ?? run.seed, purpose: .dataSubset))
            return try Self.softmaxRegression(subset, test: test, epochs: epochs, minimumSteps: minimumSteps, run: run)
        }
        reportMoreData(context, sizes: sizes, curve: curve, epochs: epochs, minimumSteps: minimumSteps)
        try context.write(
            Self.dataFigure(curve, sizes: sizes, testCount: test.count, epochs: epochs, minimumSteps: minimumSteps))
        return (sizes, curve)
    }

    /// What the lesson measured, for the tests: Part 1's fits and decompositions, Part 2's curve.
    struct Report {
        let single: [(degree: Int, train: Double, test: Double)]
        let decompositions: [Decomposition]
        let sizes: [Int]
        /// One entry per size.
        let learningCurve: [SettingRuns<ConvergedRun>]
    }

    static func truth(_ x: Float) -> Float { sin(2 * .pi * x) }

    // MARK: Part 1: capacity

    struct Decomposition {
        let degree: Int
        /// The plug-in estimate: squared distance of the mean prediction over the training
        /// sets from the truth. Its expectation is bias² + variance/sets.
        let bias2: Double
        let variance: Double
        let noise: Double
        /// Mean squared error against fresh noisy targets, averaged over the training sets.
        let expectedError: Double
        let sets: Int
        /// Squared distance of the *median* prediction from the truth: a bias estimate that
        /// a few wildly swinging fits cannot move.
        let medianBias2: Double
        var sum: Double { bias2 + variance + noise }
        /// The plug-in bias²'s own Monte-Carlo noise, variance/sets: a plug-in bias² of this
        /// size is not resolved from zero.
        var bias2NoiseFloor: Double { variance / Double(sets) }
    }

    static func fit(_ data: RegressionDataset, degree: Int) -> Matrix {
        LeastSquares.solve(LeastSquares.legendreFeatures(data.inputs, degree: degree), data.targets, ridge: 1e-10)
    }

    static func predict(_ weights: Matrix, _ x: Matrix) -> Matrix {
        Matrix.product(LeastSquares.legendreFeatures(x, degree: weights.rows - 1), weights)
    }

    static func meanSquaredError(_ prediction: Matrix, _ target: Matrix) -> Double {
        Double(MSELoss()(prediction, target).value)
    }

    /// Refits on `sets` independent training sets; at every test point the mean prediction
    /// gives the bias, the spread around it the variance.
    static func decompose(degree: Int, sets: Int, points: Int, noise: Float, grid: Matrix, random: Random)
        -> Decomposition
    {
        let truth = grid.map(Self.truth)
        var predictions: [Matrix] = []
        var error = 0.0
        for _ in 0..<sets {
            let data = Synthetic.noisySine(count: points, noise: noise, random: random)
            let prediction = predict(fit(data, degree: degree), grid)
            let freshTargets = truth.map { $0 + random.normal(std: noise) }
            error += meanSquaredError(prediction, freshTargets)
            predictions.append(prediction)
        }
        var mean = Matrix(rows: grid.rows, cols: 1)
        for prediction in predictions { mean.add(prediction, scaledBy: 1 / Float(sets)) }
        let variance = predictions.reduce(0.0) { $0 + meanSquaredError($1, mean) } / Double(sets)
        let median = Matrix(
            rows: grid.rows, cols: 1,
            (0..<grid.rows).map { row in
                let values = predictions.map { $0[row, 0] }.sorted()
                return values.count % 2 == 1
                    ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
            })
        return Decomposition(
            degree: degree, bias2: meanSquaredError(mean, truth), variance: variance,
            noise: Double(noise * noise), expectedError: error / Double(sets), sets: sets,
            medianBias2: meanSquaredError(median, truth))
    }

    // MARK: Part 2: data

    /// Softmax regression on one subset, trained towards convergence: at least `epochs` epochs
    /// and at least `minimumSteps` steps, SGD with the learning rate decaying linearly to 0
    /// so that the last iterate settles.
    static func softmaxRegression(
        _ train: ImageDataset, test: ImageDataset, epochs minimumEpochs: Int, minimumSteps: Int,
        run: SeedRun
    ) throws -> ConvergedRun {
        let model = Sequential(Linear(784, 10, random: run.random(.weights)))
        let batchSize = 64
        let batchesPerEpoch = (train.count + batchSize - 1) / batchSize
        let epochs = max(minimumEpochs, (minimumSteps + batchesPerEpoch - 1) / batchesPerEpoch)
        let initial: Float = 0.1
        let schedule: LearningRateSchedule = { t in initial * (1 - Float(t) / Float(epochs)) }
        _ = try run.fit(
            model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: initial),
            train: train,
            options: TrainingOptions(epochs: epochs, batchSize: batchSize, schedule: schedule))
        let trainAccuracy = Evaluation(of: model, loss: CrossEntropyLoss(), on: train).accuracy ?? .nan
        // The epoch histories (thousands of epochs for the smallest sets) are not kept: only
        // the converged end point matters here.
        return ConvergedRun(
            test: Evaluation(of: model, loss: CrossEntropyLoss(), on: test),
            trainAccuracy: 100 * Double(trainAccuracy), epochs: Double(epochs))
    }

    /// The end point of one converged softmax regression (no epoch history is kept).
    struct ConvergedRun: RunRecord {
        var history = History()
        var test: Evaluation?
        var trainAccuracy: Double
        var epochs: Double
        /// Training minus test accuracy, in points.
        var gap: Double? { test?.accuracy.map { trainAccuracy - 100 * Double($0) } }

        static let columns = [
            RunColumn("epochs_trained", \Self.epochs),
            RunColumn("train_accuracy_eval_pct", \Self.trainAccuracy),
            RunColumn("gap_train_test_pct_points", \Self.gap),
        ]
    }
}

BiasVarianceLesson.main()
