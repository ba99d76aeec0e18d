import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct BiasVarianceLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-bias-variance",
        abstract: "The bias–variance trade-off, measured: capacity against error, and more data against overfitting.",
        discussion: """
        Part 1, capacity: polynomials of degree 0 to 10 are fitted by least squares to 30 noisy \
        samples of y = sin(2πx) + N(0, 0.3²). Training error falls with the degree; test error \
        falls, bottoms out, and rises again. Refitting on 200 independently drawn training \
        sets splits the expected test error into bias², variance and noise, which add up to \
        it. Part 2, data: softmax regression on Fashion-MNIST training subsets from 100 images \
        to the whole training split, always tested on the same 10,000 test images, over 5 \
        seeds: the gap between training and test accuracy closes as the data grows. Full run: about a minute in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Training points of each polynomial fit.")
    var points = 30

    @Option(help: "Standard deviation of the noise on y.")
    var noise: Float = 0.3

    @Option(help: "Independent training sets for the bias–variance estimate (at least 50).")
    var trainingSets = 200

    @Option(help: "Seeds per subset size in the learning curve.")
    var seeds = 5

    mutating func validate() throws {
        guard points >= 2 else { throw ValidationError("--points must be at least 2") }
        guard noise >= 0 else { throw ValidationError("--noise must not be negative") }
        guard trainingSets >= 50 else { throw ValidationError("--training-sets must be at least 50") }
        guard seeds >= 2 else { throw ValidationError("--seeds must be at least 2 (for a spread)") }
    }

    static func truth(_ x: Float) -> Float { sin(2 * .pi * x) }

    // MARK: Part 1: capacity

    struct Decomposition {
        let degree: Int
        let bias2: Double
        let variance: Double
        let noise: Double
        /// Mean squared error against fresh noisy targets, averaged over the training sets.
        let expectedError: Double
        var sum: Double { bias2 + variance + noise }
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
    static func decompose(degree: Int, sets: Int, points: Int, noise: Float, grid: Matrix, random: Random) -> Decomposition {
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
        return Decomposition(degree: degree, bias2: meanSquaredError(mean, truth), variance: variance,
                             noise: Double(noise * noise), expectedError: error / Double(sets))
    }

    // MARK: Part 2: data

    struct LearningPoint {
        let size: Int
        let train: [Float]
        let test: [Float]
    }

    static func softmaxRegression(_ train: ImageDataset, test: ImageDataset, steps: Int, seed: UInt64) throws -> (train: Float, test: Float) {
        let random = Random(seed: seed)
        let model = Sequential(Linear(784, 10, random: random))
        let batchSize = 64
        let batchesPerEpoch = (train.count + batchSize - 1) / batchSize
        let epochs = max(1, (steps + batchesPerEpoch - 1) / batchesPerEpoch)
        // 0.02 keeps the last iterate steady: with 784 inputs in [0, 1], rates near 0.1 make
        // the final accuracy jump by several points from one step to the next.
        let trainer = Trainer(model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.02), random: random)
        _ = try trainer.fit(train, options: TrainingOptions(epochs: epochs, batchSize: batchSize))
        return (trainer.evaluate(train).accuracy!, trainer.evaluate(test).accuracy!)
    }

    struct Report {
        let single: [(degree: Int, train: Double, test: Double)]
        let decompositions: [Decomposition]
        let learningCurve: [LearningPoint]
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "bias-variance", options: lesson)
        let console = context.console
        let quick = lesson.quick
        // Past degree 10, 30 random points leave gaps near the ends of [0, 1] where the
        // polynomial swings wildly on some training sets: the variance reaches 10⁵ and drowns
        // the picture, so the sweep stops at 10 (try --points 100 to push it further).
        let degrees = Array(0...(quick ? 9 : 10))
        let grid = Matrix(rows: 200, cols: 1, (0..<200).map { (Float($0) + 0.5) / 200 })
        let random = Random(seed: lesson.seed)

        // One training set, every degree.
        let data = Synthetic.noisySine(count: points, noise: noise, random: random)
        let testTargets = grid.map { Self.truth($0) + random.normal(std: noise) }
        let fits = degrees.map { Self.fit(data, degree: $0) }
        let single = zip(degrees, fits).map { degree, weights in
            (degree: degree, train: Self.meanSquaredError(Self.predict(weights, data.inputs), data.targets),
             test: Self.meanSquaredError(Self.predict(weights, grid), testTargets))
        }
        let sets = quick ? 50 : trainingSets
        let decompositions = degrees.map {
            Self.decompose(degree: $0, sets: sets, points: points, noise: noise, grid: grid, random: random.fork())
        }
        var table = SummaryTable(title: "Polynomial fits to \(points) points of sin(2πx) + N(0, \(noise)²); bias–variance over \(sets) training sets",
                                 header: ["degree", "train MSE", "test MSE", "bias²", "variance", "noise", "sum", "expected test MSE"])
        for (row, d) in zip(single, decompositions) {
            table.add(["\(row.degree)", String(format: "%.4f", row.train), String(format: "%.4f", row.test),
                       String(format: "%.4f", d.bias2), String(format: "%.4f", d.variance), String(format: "%.4f", d.noise),
                       String(format: "%.4f", d.sum), String(format: "%.4f", d.expectedError)])
        }
        console.line(table.description)
        let best = decompositions.min { $0.expectedError < $1.expectedError }!
        console.line(String(format: "Lowest expected test error at degree %d (%.4f); bias² + variance + noise matches the measured error to within %.2f%% at every degree.",
                            best.degree, best.expectedError, 100 * decompositions.map { abs($0.sum - $0.expectedError) / $0.expectedError }.max()!))
        try context.write(Self.capacityFigure(data: data, fits: Array(zip(degrees, fits)), grid: grid, single: single,
                                              decompositions: decompositions, sets: sets))

        // More data, same test set.
        let (all, test) = try context.loadImages(training)
        let (trainSplit, _) = all.split(validationFraction: 0.1, random: Random(seed: lesson.seed))
        let sizes = quick ? [100, 1000, 5000] : [100, 200, 500, 1000, 2000, 5000, 10000, 20000, trainSplit.count]
        let seedCount = quick ? 2 : seeds
        let steps = quick ? 300 : 3000
        var curve: [LearningPoint] = []
        for size in sizes {
            var trainAccuracies: [Float] = [], testAccuracies: [Float] = []
            for seed in 0..<seedCount {
                let subset = trainSplit.randomSubset(size, random: Random(seed: lesson.seed &+ UInt64(seed)))
                let (trainAccuracy, testAccuracy) = try Self.softmaxRegression(subset, test: test, steps: steps,
                                                                               seed: lesson.seed &+ UInt64(seed))
                trainAccuracies.append(trainAccuracy)
                testAccuracies.append(testAccuracy)
            }
            curve.append(LearningPoint(size: size, train: trainAccuracies, test: testAccuracies))
            console.line(String(format: "softmax regression on %5d images: train %@ ± %.2f%%, test %@ ± %.2f%% (%d seeds)",
                                size, percent(mean(trainAccuracies)), 100 * std(trainAccuracies),
                                percent(mean(testAccuracies)), 100 * std(testAccuracies), seedCount))
        }
        try context.write(Self.dataFigure(curve, testCount: test.count, steps: steps))
        let first = curve.first!, last = curve.last!
        console.line(String(format: "Gap between training and test accuracy: %.2f points at %d images, %.2f at %d.",
                            100 * (mean(first.train) - mean(first.test)), first.size,
                            100 * (mean(last.train) - mean(last.test)), last.size))
        try context.finish()
        return Report(single: single, decompositions: decompositions, learningCurve: curve)
    }

    // MARK: Figures

    static func capacityFigure(data: RegressionDataset, fits: [(Int, Matrix)], grid: Matrix,
                               single: [(degree: Int, train: Double, test: Double)],
                               decompositions: [Decomposition], sets: Int) -> Figure {
        let x = grid.storage.map(Double.init)
        let shown = fits.filter { [1, 3, 9].contains($0.0) || $0.0 == fits.last!.0 }
        var curves: [Series] = [
            .line("training points", x: data.inputs.storage.map(Double.init), y: data.targets.storage.map(Double.init), style: .points, color: 6),
            .line("sin(2πx)", x: x, y: grid.storage.map { Double(truth($0)) }, style: .dashed, color: 6),
        ]
        for (index, (degree, weights)) in shown.enumerated() {
            curves.append(.line("degree \(degree)", x: x, y: predict(weights, grid).storage.map(Double.init), color: index))
        }
        let degrees = decompositions.map { Double($0.degree) }
        return Figure(name: "capacity", title: "Capacity: polynomial fits to \(data.count) noisy points", panels: [
            Panel(title: "fits of growing degree", xLabel: "x", yLabel: "y", yRange: -2...2, legend: .bottomLeft, series: curves),
            Panel(title: "error on this training set and on fresh test data", xLabel: "polynomial degree", yLabel: "mean squared error",
                  yScale: .log, legend: .topLeft, series: [
                      .line("training", x: single.map { Double($0.degree) }, y: single.map(\.train), style: .linesPoints, color: 0),
                      .line("test", x: single.map { Double($0.degree) }, y: single.map(\.test), style: .linesPoints, color: 1),
                  ]),
            Panel(title: "expected test error = bias² + variance + noise (\(sets) training sets)", xLabel: "polynomial degree",
                  yLabel: "mean squared error", yScale: .log, legend: .topLeft, series: [
                      .line("bias²", x: degrees, y: decompositions.map(\.bias2), style: .linesPoints, color: 0),
                      .line("variance", x: degrees, y: decompositions.map(\.variance), style: .linesPoints, color: 1),
                      .line("noise σ²", x: degrees, y: decompositions.map(\.noise), style: .dashed, color: 6),
                      .line("bias² + variance + noise", x: degrees, y: decompositions.map(\.sum), color: 2),
                      .line("measured expected test error", x: degrees, y: decompositions.map(\.expectedError), style: .points, color: 3),
                  ]),
        ], columns: 3, panelSize: (560, 440))
    }

    static func dataFigure(_ curve: [LearningPoint], testCount: Int, steps: Int) -> Figure {
        let sizes = curve.map { Double($0.size) }
        func band(_ values: KeyPath<LearningPoint, [Float]>, _ title: String, color: Int) -> [Series] {
            let means = curve.map { 100 * Double(mean($0[keyPath: values])) }
            let spreads = curve.map { 100 * Double(std($0[keyPath: values])) }
            return [
                .band("\(title) ± std", x: sizes, lower: zip(means, spreads).map { $0 - $1 }, upper: zip(means, spreads).map { $0 + $1 }, color: color),
                .line(title, x: sizes, y: means, style: .linesPoints, color: color),
            ]
        }
        return Figure(name: "more-data", panels: [
            Panel(title: "Softmax regression on Fashion-MNIST subsets, \(testCount) test images kept fixed (\(curve[0].train.count) seeds, ≥ \(steps) SGD steps)",
                  xLabel: "training images", yLabel: "accuracy (%)", xScale: .log, legend: .bottomRight,
                  series: band(\.train, "training accuracy", color: 0) + band(\.test, "test accuracy", color: 1)),
        ], columns: 1, panelSize: (760, 460))
    }
}

func mean(_ values: [Float]) -> Float { values.reduce(0, +) / Float(max(values.count, 1)) }

func std(_ values: [Float]) -> Float {
    let m = mean(values)
    return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Float(max(values.count - 1, 1))).squareRoot()
}
