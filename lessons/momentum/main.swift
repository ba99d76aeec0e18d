// Momentum, as the lecture teaches it: gradient descent, momentum and Nesterov's look-ahead
// side by side on an elongated bowl and on Rosenbrock's valley, the lecture's formulas checked
// against the engine's SGD (steps 1–2); the bowl's convergence rate against α, measured and
// predicted (step 3); a double well that momentum rolls through (step 4); and the same
// optimizers training a network on Fashion-MNIST over seeds, plain SGD also at momentum's
// effective rate η/(1 − α) (step 5). The options are in Command.swift, the printed report in
// Report.swift, the figures in Figures.swift.

import Engine
import Foundation
import LabMath
import LessonKit

extension MomentumLesson {
    struct Method: Sendable {
        let label: String
        let momentum: Float
        let nesterov: Bool
        /// One color per method in every figure of the lesson.
        let color: Int
        func optimizer(_ parameters: [Parameter], rate: Float) -> SGD {
            SGD(parameters, learningRate: rate, momentum: momentum, nesterov: nesterov)
        }
    }

    static let methods = [
        Method(label: "gradient descent", momentum: 0, nesterov: false, color: 0),
        Method(label: "momentum 0.5", momentum: 0.5, nesterov: false, color: 4),
        Method(label: "momentum 0.9", momentum: 0.9, nesterov: false, color: 2),
        Method(label: "momentum 0.99", momentum: 0.99, nesterov: false, color: 3),
        Method(label: "Nesterov 0.9", momentum: 0.9, nesterov: true, color: 8),
    ]

    /// A path over a surface; `diverged` when it left every bound before its last step.
    struct Path {
        let method: Method
        let points: [(x: Float, y: Float)]
        let steps: Int
        var diverged: Bool { points.count < steps + 1 }
        var label: String { method.label }
    }

    struct Report {
        let quadratic: [Path]
        let rosenbrock: [Path]
        let classicalDifference: Float
        let nesterovDifference: Float
        let rates: RateSweep
        let doubleWell: [DoubleWell.Run]
        let runs: [SettingRuns<RunResult>]
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let bowl = Surface.quadratic(a: 1, b: 20), banana = Surface.rosenbrock
        let bowlSteps = context.budget(quadraticSteps.value, quick: min(quadraticSteps.value, 60))
        let bananaSteps = context.budget(rosenbrockSteps.value, quick: min(rosenbrockSteps.value, 500))
        let quadratic = Self.paths(
            bowl, from: (-4, 1.5), steps: bowlSteps, rate: quadraticRate.value, methods: Self.methods)
        let rosenbrock = Self.paths(
            banana, from: (-1.2, 1.2), steps: bananaSteps, rate: rosenbrockRate.value,
            methods: Self.methods.filter { $0.momentum != 0.5 })
        let (classical, nesterov) = compareWithLecture(context, bowl: bowl, steps: bowlSteps, engine: quadratic)
        reportSurfaces(
            context, quadratic: quadratic, rosenbrock: rosenbrock, bowlSteps: bowlSteps, bananaSteps: bananaSteps)
        try context.write(
            Self.surfacesFigure(
                bowl: bowl, quadratic: quadratic, banana: banana, rosenbrock: rosenbrock,
                quadraticRate: quadraticRate.value, rosenbrockRate: rosenbrockRate.value))
        let rates = try convergenceRates(context, bowl: bowl)
        let well = try doubleWell(context)
        let runs = try fashionMNIST(context)
        try context.finish()
        return Report(
            quadratic: quadratic, rosenbrock: rosenbrock, classicalDifference: classical, nesterovDifference: nesterov,
            rates: rates, doubleWell: well, runs: runs)
    }

    static func paths(_ surface: Surface, from start: (Float, Float), steps: Int, rate: Float, methods: [Method])
        -> [Path]
    {
        methods.map { method in
            Path(
                method: method,
                points: surface.trajectory(from: start, steps: steps) { method.optimizer($0, rate: rate) }, steps: steps
            )
        }
    }

    /// Step 1: the lecture's formulas against the engine's PyTorch-style ones, on the bowl (a
    /// linear iteration, so float rounding does not snowball as it can in Rosenbrock's valley).
    func compareWithLecture(_ context: LessonContext, bowl: Surface, steps: Int, engine: [Path]) -> (Float, Float) {
        let rate = quadraticRate.value
        let byLabel = Dictionary(uniqueKeysWithValues: engine.map { ($0.label, $0.points) })
        let classical = Self.largestDifference(
            Self.lectureMomentum(bowl, from: (-4, 1.5), steps: steps, rate: rate, alpha: 0.9, nesterov: false),
            byLabel["momentum 0.9"]!)
        let nesterov = Self.largestDifference(
            Self.lectureMomentum(bowl, from: (-4, 1.5), steps: steps, rate: rate, alpha: 0.9, nesterov: true),
            byLabel["Nesterov 0.9"]!)
        reportLectureComparison(context, steps: steps, classical: classical, nesterov: nesterov)
        return (classical, nesterov)
    }

    /// Step 3: the bowl's convergence rate per step against α, measured and predicted.
    func convergenceRates(_ context: LessonContext, bowl: Surface) throws -> RateSweep {
        let sweep = RateSweep.measure(bowl, rate: quadraticRate.value, steps: 200)
        reportRates(context, sweep)
        try context.write(Self.ratesFigure(sweep))
        try context.write(Self.rateMapFigure(sweep))
        return sweep
    }

    /// Step 4: a local minimum that gradient descent cannot leave and momentum rolls through.
    func doubleWell(_ context: LessonContext) throws -> [DoubleWell.Run] {
        let runs = DoubleWell.runs(steps: context.budget(300, quick: 300))
        reportDoubleWell(context, runs)
        try context.write(Self.doubleWellFigure(runs))
        return runs
    }

    /// Step 5: Fashion-MNIST over seeds, including plain SGD at momentum's effective rate.
    func fashionMNIST(_ context: LessonContext) throws -> [SettingRuns<RunResult>] {
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(10000, quick: 2000),
            validationSize: context.budget(5000, quick: 1000), testSize: 0)
        let train = splits.first.train
        let eta = learningRate.value
        let settings: [(method: Method, rate: Float, label: String)] = [
            (Self.methods[0], eta, "SGD, lr \(eta)"),
            (Self.methods[0], eta / (1 - 0.9), "SGD, lr " + String(format: "%g", eta / (1 - 0.9)) + " = η/(1 − 0.9)"),
            (Self.methods[2], eta, "momentum 0.9, lr \(eta)"),
            (Self.methods[4], eta, "Nesterov 0.9, lr \(eta)"),
        ]
        let runs = try context.overSeeds(
            settings, label: \.label, experiment: "fashion-mnist",
            columns: { ["optimizer": .text($0.method.label), "learning_rate": SettingValue($0.rate)] },
            lastK: 3
        ) { setting, run in
            let (train, validation, _) = splits(run).sets
            let model = Sequential.mlp([784, 128, 10], random: run.random(.weights))
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(),
                optimizer: setting.method.optimizer(model.parameters, rate: setting.rate),
                train: train, validation: validation, options: TrainingOptions(epochs: epochs, batchSize: 64))
            return RunResult(history: history)
        }
        try context.write(
            Self.fashionFigure(
                runs, colors: settings.map { $0.rate == eta ? $0.method.color : 5 }, trainCount: train.count))
        try context.write(
            Self.differencesFigure(
                Self.fashionComparisons(runs, epochs: epochs), seeds: context.seeds.count, epochs: epochs))
        reportFashionMNIST(context, runs, epochs: epochs, trainCount: train.count)
        return runs
    }

    /// The lecture's momentum, v ← α·v + η·∇L(w) and w ← w − v, run with the engine's
    /// `LectureMomentum`; with Nesterov the gradient is taken at the look-ahead point
    /// w − α·v, and the path records that point, which is what PyTorch's form iterates.
    static func lectureMomentum(
        _ surface: Surface, from start: (Float, Float), steps: Int, rate: Float, alpha: Float,
        nesterov: Bool
    ) -> [(x: Float, y: Float)] {
        let point = Parameter("w", value: Matrix(rows: 1, cols: 2, [start.0, start.1]))
        let optimizer = LectureMomentum([point], learningRate: rate, alpha: alpha, nesterov: nesterov)
        var path = [(x: start.0, y: start.1)]
        for _ in 0..<steps {
            optimizer.lookAhead()
            let (gx, gy) = surface.gradient(point.value[0, 0], point.value[0, 1])
            point.gradient = Matrix(rows: 1, cols: 2, [gx, gy])
            optimizer.step()
            optimizer.lookAhead()
            path.append((point.value[0, 0], point.value[0, 1]))
        }
        return path
    }

    static func largestDifference(_ a: [(x: Float, y: Float)], _ b: [(x: Float, y: Float)]) -> Float {
        zip(a, b).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max() ?? 0
    }
}

/// The heavy-ball iteration on the bowl ½(μx² + Ly²): per eigen-direction λ the error follows
/// e_{t+1} = (1 + α − ηλ)·e_t − α·e_{t−1}, whose rate per step is the larger root of
/// z² − (1 + α − ηλ)·z + α = 0 in absolute value; the bowl's rate is the worse direction's.
struct RateSweep {
    static let curvatures: [Double] = [1, 20]
    /// Polyak's tuning for κ = 20: the best learning rate and momentum together.
    static let bestRate = 4 / pow(20.0.squareRoot() + 1, 2)
    static let bestAlpha = pow((20.0.squareRoot() - 1) / (20.0.squareRoot() + 1), 2)

    let rate: Float
    let alphas: [Float]
    /// Measured rate per step, nil where the path diverged.
    let measured: [Double?]

    static func predicted(alpha: Double, rate: Double) -> Double {
        curvatures.map { lambda in
            let b = 1 + alpha - rate * lambda, discriminant = b * b - 4 * alpha
            return discriminant >= 0
                ? max(abs(b + discriminant.squareRoot()), abs(b - discriminant.squareRoot())) / 2 : alpha.squareRoot()
        }.max()!
    }

    func predicted(_ alpha: Float) -> Double { Self.predicted(alpha: Double(alpha), rate: Double(rate)) }

    /// Critical damping of the slow direction (λ = 1) at this learning rate, where the best α lies
    /// as long as the steep direction is underdamped there.
    var criticalAlpha: Float { Float(pow(1 - Double(rate).squareRoot(), 2)) }

    /// Runs momentum SGD for each α and measures (d_T/d_0)^(1/T), T the last step whose distance
    /// is still above 10⁻²⁰ (float rounding sets the floor beyond).
    static func measure(_ bowl: Surface, rate: Float, steps: Int) -> RateSweep {
        let alphas = (0...19).map { Float($0 * 5) / 100 } + [0.97, 0.99]
        let measured: [Double?] = alphas.map { alpha in
            let path = bowl.trajectory(from: (-4, 1.5), steps: steps) { SGD($0, learningRate: rate, momentum: alpha) }
            guard path.count == steps + 1 else { return nil }
            let distances = path.map { Double(($0.x * $0.x + $0.y * $0.y).squareRoot()) }
            let last = distances.lastIndex { $0 > 1e-20 } ?? 0
            guard last > 0 else { return nil }
            return pow(distances[last] / distances[0], 1 / Double(last))
        }
        return RateSweep(rate: rate, alphas: alphas, measured: measured)
    }
}

/// f(x) = (x² − 1)² + 0.3x: a local minimum near 0.96 and a lower one near −1.04, a barrier
/// near 0.075 between them.
enum DoubleWell {
    static let rate: Float = 0.01
    static let start: Float = 2
    /// The linear term's coefficient, which makes the left minimum the lower one.
    static let tilt: Float = 0.3
    static func f(_ x: Float) -> Float { (x * x - 1) * (x * x - 1) + tilt * x }
    static func derivative(_ x: Float) -> Float { 4 * x * (x * x - 1) + tilt }

    /// Where f′ vanishes, in increasing x: the global minimum, the barrier (a local maximum)
    /// and the local minimum. f′/4 = x³ − x + tilt/4 is a cubic with three real roots, given by
    /// the trigonometric formula for x³ + px + q = 0.
    static var stationaryPoints: [Double] {
        let p = -1.0, q = Double(tilt) / 4
        let radius = 2 * (-p / 3).squareRoot()
        let angle = acos(3 * q / (2 * p) * (-3 / p).squareRoot()) / 3
        return (0..<3).map { radius * cos(angle - 2 * Double.pi * Double($0) / 3) }.sorted()
    }

    struct Run {
        let method: MomentumLesson.Method
        let xs: [Float]
    }

    static func runs(steps: Int) -> [Run] {
        MomentumLesson.methods.filter { !$0.nesterov && $0.momentum < 0.95 }.map { method in
            let point = Parameter("x", value: Matrix(rows: 1, cols: 1, [start]))
            let optimizer = method.optimizer([point], rate: rate)
            var xs = [start]
            for _ in 0..<steps {
                point.gradient = Matrix(rows: 1, cols: 1, [derivative(point.value[0, 0])])
                optimizer.step()
                xs.append(point.value[0, 0])
            }
            return Run(method: method, xs: xs)
        }
    }
}

MomentumLesson.main()
