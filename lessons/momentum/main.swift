import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct MomentumLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-momentum",
        abstract: "Momentum and Nesterov's look-ahead: velocity damps the zig-zag and speeds up the slow direction.",
        discussion: """
        On an elongated quadratic bowl and on Rosenbrock's banana valley, plain gradient \
        descent, momentum (0.5, 0.9, 0.99) and Nesterov momentum (0.9) run side by side: paths \
        over the contours and the loss per step. The lecture's formulas (v = α·v + η·∇L(w), \
        w = w − v, and the look-ahead ∇L(w − α·v)) are run as written and compared with the \
        engine's PyTorch-style SGD, which uses a change of variables. Finally SGD, momentum and \
        Nesterov train the same network on Fashion-MNIST. Full run: about 10 seconds in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Learning rate on the quadratic bowl.")
    var quadraticRate: Float = 0.04

    @Option(help: "Steps on the quadratic bowl.")
    var quadraticSteps = 120

    @Option(help: "Learning rate on Rosenbrock's valley.")
    var rosenbrockRate: Float = 0.001

    @Option(help: "Steps on Rosenbrock's valley.")
    var rosenbrockSteps = 3000

    mutating func validate() throws {
        guard quadraticRate > 0, rosenbrockRate > 0 else { throw ValidationError("learning rates must be positive") }
        guard quadraticSteps >= 1, rosenbrockSteps >= 1 else { throw ValidationError("step counts must be positive") }
    }

    /// The lecture's momentum, written as the lecture writes it:
    /// v_t = α·v_{t−1} + η·∇L(point), w_{t+1} = w_t − v_t, where the gradient is taken at w_t
    /// (classical) or at the look-ahead point w_t − α·v_{t−1} (Nesterov).
    static func lectureMomentum(_ surface: Surface, from start: (Float, Float), steps: Int, rate: Float, alpha: Float,
                                nesterov: Bool) -> [(x: Float, y: Float)] {
        var w = start, v: (Float, Float) = (0, 0)
        var path = [(x: w.0, y: w.1)]
        for _ in 0..<steps {
            let at = nesterov ? (w.0 - alpha * v.0, w.1 - alpha * v.1) : w
            let g = surface.gradient(at.0, at.1)
            v = (alpha * v.0 + rate * g.0, alpha * v.1 + rate * g.1)
            w = (w.0 - v.0, w.1 - v.1)
            // PyTorch's Nesterov variable is the look-ahead point; record that for comparison.
            path.append(nesterov ? (w.0 - alpha * v.0, w.1 - alpha * v.1) : (w.0, w.1))
        }
        return path
    }

    static func largestDifference(_ a: [(x: Float, y: Float)], _ b: [(x: Float, y: Float)]) -> Float {
        zip(a, b).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max() ?? 0
    }

    struct Method {
        let label: String
        let momentum: Float
        let nesterov: Bool
        func optimizer(_ parameters: [Parameter], rate: Float) -> SGD {
            SGD(parameters, learningRate: rate, momentum: momentum, nesterov: nesterov)
        }
    }

    static let methods = [
        Method(label: "gradient descent", momentum: 0, nesterov: false),
        Method(label: "momentum 0.5", momentum: 0.5, nesterov: false),
        Method(label: "momentum 0.9", momentum: 0.9, nesterov: false),
        Method(label: "momentum 0.99", momentum: 0.99, nesterov: false),
        Method(label: "Nesterov 0.9", momentum: 0.9, nesterov: true),
    ]

    struct Report {
        let quadratic: [(label: String, points: [(x: Float, y: Float)])]
        let rosenbrock: [(label: String, points: [(x: Float, y: Float)])]
        let classicalDifference: Float
        let nesterovDifference: Float
        let runs: [(label: String, history: History)]
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "momentum", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let bowl = Surface.quadratic(a: 1, b: 20), banana = Surface.rosenbrock
        let bowlStart: (Float, Float) = (-4, 1.5), bananaStart: (Float, Float) = (-1.2, 1.2)
        let bowlSteps = quick ? min(quadraticSteps, 60) : quadraticSteps
        let bananaSteps = quick ? min(rosenbrockSteps, 500) : rosenbrockSteps
        let quadratic = Self.methods.map { method in
            (method.label, bowl.trajectory(from: bowlStart, steps: bowlSteps) { method.optimizer($0, rate: quadraticRate) })
        }
        let rosenbrock = Self.methods.filter { $0.momentum != 0.5 }.map { method in
            (method.label, banana.trajectory(from: bananaStart, steps: bananaSteps) { method.optimizer($0, rate: rosenbrockRate) })
        }

        // The lecture's formulas against the engine's PyTorch-style ones, on the bowl: a linear
        // iteration, so float rounding does not snowball as it can in Rosenbrock's valley.
        let classical = Self.largestDifference(
            Self.lectureMomentum(bowl, from: bowlStart, steps: bowlSteps, rate: quadraticRate, alpha: 0.9, nesterov: false),
            quadratic[2].1)
        let nesterov = Self.largestDifference(
            Self.lectureMomentum(bowl, from: bowlStart, steps: bowlSteps, rate: quadraticRate, alpha: 0.9, nesterov: true),
            quadratic[4].1)
        console.line(String(format: "Lecture's momentum vs the engine's SGD(momentum: 0.9) on the bowl, %d steps: largest difference %.2g.",
                            bowlSteps, classical))
        console.line(String(format: "Lecture's Nesterov (look-ahead gradient) vs SGD(momentum: 0.9, nesterov: true), comparing the engine's weights with the lecture's look-ahead point w − α·v: largest difference %.2g.",
                            nesterov))
        var surfaceTable = SummaryTable(title: "Distance to the minimum after the last step",
                                        header: ["method", "bowl (\(bowlSteps) steps, lr \(quadraticRate))",
                                                 "Rosenbrock (\(bananaSteps) steps, lr \(rosenbrockRate))"])
        for method in Self.methods {
            let q = quadratic.first { $0.0 == method.label }!.1.last!
            let r = rosenbrock.first { $0.0 == method.label }?.1.last
            surfaceTable.add([method.label, String(format: "%.3g", (q.x * q.x + q.y * q.y).squareRoot()),
                              r.map { String(format: "%.3g", ((1 - $0.x) * (1 - $0.x) + (1 - $0.y) * (1 - $0.y)).squareRoot()) } ?? "–"])
        }
        console.line(surfaceTable.description)
        let bananaColors = [0, 2, 3, 4]
        try context.write(Figure(name: "surfaces", title: "Paths from the same start: gradient descent, momentum, Nesterov", panels: [
            StandardPanels.surface(bowl, x: -4.5...1.5, y: -2...2, title: "\(bowl.name), lr \(quadraticRate)", paths: quadratic),
            StandardPanels.surfaceLoss(bowl, title: "bowl: f per step", paths: quadratic),
            StandardPanels.surface(banana, x: -1.6...1.6, y: -0.5...2, title: "\(banana.name), lr \(rosenbrockRate)", paths: rosenbrock,
                                   colors: bananaColors),
            StandardPanels.surfaceLoss(banana, title: "Rosenbrock: f per step", paths: rosenbrock, colors: bananaColors),
        ], columns: 2, panelSize: (640, 460)))

        // Fashion-MNIST.
        let epochs = training.epochs(full: 10, quick: 2, isQuick: quick)
        let (train, validation, _) = try context.loadSplits(training, trainSize: quick ? 1000 : 10000,
                                                            validationSize: quick ? 1000 : 5000, testSize: 0)
        var runs: [(label: String, history: History)] = []
        for method in [Self.methods[0], Self.methods[2], Self.methods[4]] {
            let random = Random(seed: lesson.seed)
            let model = Sequential.mlp([784, 128, 10], random: random)
            let history = try context.fit(method.label, model: model, loss: CrossEntropyLoss(),
                                          optimizer: method.optimizer(model.parameters, rate: 0.01), train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: 64), random: random)
            runs.append((method.label, history))
        }
        try context.write(Figure(name: "fashion-mnist", title: "784→128→10 on \(train.count) Fashion-MNIST images, SGD lr 0.01", panels: [
            StandardPanels.curves(runs, title: "accuracy", metric: .accuracy),
            StandardPanels.curves(runs, title: "loss", metric: .loss, legend: .topRight),
        ]))
        console.line("")
        var table = SummaryTable(title: "After \(epochs) epochs (accuracy in %)", header: ["optimizer", "train loss", "train", "validation"])
        for run in runs {
            let last = run.history.last!
            table.add([run.label, String(format: "%.4f", last.trainLoss), percent(last.trainAccuracy), percent(last.validationAccuracy)])
        }
        console.line(table.description)
        try context.finish()
        return Report(quadratic: quadratic, rosenbrock: rosenbrock, classicalDifference: classical, nesterovDifference: nesterov, runs: runs)
    }
}
