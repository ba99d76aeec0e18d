import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct InputNormalizationLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-input-normalization",
        abstract: "Why normalize inputs for gradient descent: features on different scales make the loss surface a narrow valley.",
        discussion: """
        Part 1: linear regression on two features whose scales differ tenfold. The loss \
        surface over the two weights is a long, narrow ellipse; gradient descent must use a \
        learning rate small enough for the steep direction and then crawls along the flat one. \
        After standardization (zero mean, unit variance per feature) the contours are round and \
        it walks straight to the minimum. Each run uses the best learning rate of a grid that \
        keeps it stable; the lesson counts the steps each needs to reach the same loss. Part 2: \
        the same MLP on Fashion-MNIST with raw pixels (0–255), pixels scaled to [0, 1], and \
        standardized pixels. Full run: about 10 seconds in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Ratio of the second feature's scale to the first's.")
    var scaleRatio: Float = 10

    @Option(help: "Gradient-descent steps on the 2-feature problem.")
    var steps = 1000

    mutating func validate() throws {
        guard scaleRatio >= 1 else { throw ValidationError("--scale-ratio must be at least 1") }
        guard steps >= 10 else { throw ValidationError("--steps must be at least 10") }
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
    static func bestDescent(_ data: RegressionDataset, steps: Int) -> Descent {
        let grid = (-16...4).map { pow(10, Float($0) / 4) }   // 10⁻⁴ … 10
        func area(_ d: Descent) -> Double { d.losses.reduce(0) { $0 + Double($1) } }
        return grid.compactMap { descend(data, learningRate: $0, steps: steps) }.min { area($0) < area($1) }!
    }

    /// Steps until the loss is within 1 % of the best loss either run reached (nil: never).
    static func stepsToReach(_ target: Float, _ losses: [Float]) -> Int? {
        losses.firstIndex { $0 <= target }.map { $0 + 1 }
    }

    // MARK: Part 2: Fashion-MNIST

    struct ImageRun {
        let label: String
        let learningRate: Float
        let history: History?
        let divergedEpoch: Int?
    }

    struct Report {
        let raw: Descent
        let normalized: Descent
        let rawSteps: Int?
        let normalizedSteps: Int?
        let target: Float
        let imageRuns: [ImageRun]
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "input-normalization", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let data = Self.problem(count: 200, scale: scaleRatio, random: Random(seed: lesson.seed))
        let normalizedData = Self.standardized(data)
        let raw = Self.bestDescent(data, steps: steps), normalized = Self.bestDescent(normalizedData, steps: steps)
        let floor = min(raw.losses.min()!, normalized.losses.min()!)
        let target = floor * 1.01
        let rawSteps = Self.stepsToReach(target, raw.losses), normalizedSteps = Self.stepsToReach(target, normalized.losses)
        func describe(_ steps: Int?) -> String { steps.map { "\($0) steps" } ?? "not within \(self.steps) steps" }
        console.line(String(format: "Raw features: best stable learning rate %.3g, loss after %d steps %.4f; reaches %.4f (1%% above the best) in %@.",
                            raw.learningRate, steps, raw.losses.last!, target, describe(rawSteps)))
        console.line(String(format: "Standardized features: best learning rate %.3g, loss after %d steps %.4f; reaches %.4f in %@.",
                            normalized.learningRate, steps, normalized.losses.last!, target, describe(normalizedSteps)))
        try context.write(surfaceFigure(raw: (data, raw), normalized: (normalizedData, normalized)))

        // Fashion-MNIST with three input scalings and one learning rate.
        let epochs = training.epochs(full: 10, quick: 2, isQuick: quick)
        let (train, validation, _) = try context.loadSplits(training, trainSize: quick ? 1000 : 10000,
                                                            validationSize: quick ? 1000 : 5000, testSize: 0)
        let (mean, std) = train.pixelStatistics()
        console.line(String(format: "Training pixels on [0, 1]: mean %.4f, std %.4f.", mean, std))
        var imageRuns: [ImageRun] = []
        let learningRate: Float = 0.05
        for (label, scaling) in [("raw 0–255", PixelScaling.raw), ("scaled to [0, 1]", .unit),
                                 ("standardized", .standardized(mean: mean, std: std))] {
            var (scaledTrain, scaledValidation) = (train, validation)
            scaledTrain.scaling = scaling
            scaledValidation.scaling = scaling
            let random = Random(seed: lesson.seed)
            let model = Sequential.mlp([784, 128, 10], random: random)
            do {
                let history = try context.fit(label, model: model, loss: CrossEntropyLoss(),
                                              optimizer: SGD(model.parameters, learningRate: learningRate),
                                              train: scaledTrain, validation: scaledValidation,
                                              options: TrainingOptions(epochs: epochs, batchSize: 64), random: random)
                imageRuns.append(ImageRun(label: label, learningRate: learningRate, history: history, divergedEpoch: nil))
            } catch let TrainingError.diverged(epoch, batch, _, _) {
                console.line("\(label): diverged in epoch \(epoch), minibatch \(batch), at learning rate \(learningRate).")
                imageRuns.append(ImageRun(label: label, learningRate: learningRate, history: nil, divergedEpoch: epoch))
            }
        }
        let finished = imageRuns.filter { $0.history != nil }
        try context.write(Figure(name: "fashion-mnist", title: "784→128→10 on Fashion-MNIST, SGD lr \(learningRate)", panels: [
            StandardPanels.curves(finished.map { ($0.label, $0.history!) }, title: "accuracy", metric: .accuracy),
            StandardPanels.curves(finished.map { ($0.label, $0.history!) }, title: "loss", metric: .loss, legend: .topRight),
        ]))

        console.line("")
        var table = SummaryTable(title: "784→128→10, SGD lr \(learningRate), \(epochs) epochs on \(train.count) images (accuracy in %)",
                                 header: ["inputs", "train", "validation", "note"])
        for run in imageRuns {
            table.add([run.label, percent(run.history?.last?.trainAccuracy), percent(run.history?.last?.validationAccuracy),
                       run.divergedEpoch.map { "diverged in epoch \($0)" } ?? ""])
        }
        console.line(table.description)
        console.line("Normalizing the inputs only helps the first layer: the inputs of every later layer drift as the weights change. Batch normalization (lesson-batchnorm) normalizes those too.")
        try context.finish()
        return Report(raw: raw, normalized: normalized, rawSteps: rawSteps, normalizedSteps: normalizedSteps, target: target,
                      imageRuns: imageRuns)
    }

    // MARK: Figure

    func surfaceFigure(raw: (RegressionDataset, Descent), normalized: (RegressionDataset, Descent)) -> Figure {
        func panel(_ title: String, _ data: RegressionDataset, _ descent: Descent) -> Panel {
            // The optimum and the contours come from the exact least-squares solution.
            let design = Matrix(rows: data.count, cols: 3, (0..<data.count).flatMap { [data.inputs[$0, 0], data.inputs[$0, 1], 1] })
            let solution = LeastSquares.solve(design, data.targets)
            let bias = solution[2, 0]
            let w1s = descent.path.map { Double($0.0) } + [Double(solution[0, 0])]
            let w2s = descent.path.map { Double($0.1) } + [Double(solution[1, 0])]
            let pad1 = (w1s.max()! - w1s.min()!) * 0.15 + 0.1, pad2 = (w2s.max()! - w2s.min()!) * 0.15 + 0.1
            let xs = (0..<80).map { w1s.min()! - pad1 + Double($0) / 79 * (w1s.max()! - w1s.min()! + 2 * pad1) }
            let ys = (0..<80).map { w2s.min()! - pad2 + Double($0) / 79 * (w2s.max()! - w2s.min()! + 2 * pad2) }
            let z = ys.map { w2 in
                xs.map { w1 in
                    let weights = Matrix(rows: 3, cols: 1, [Float(w1), Float(w2), bias])
                    return log10(Double(MSELoss()(Matrix.product(design, weights), data.targets).value))
                }
            }
            return Panel(title: title, xLabel: "w₁", yLabel: "w₂", legend: .bottomRight, series: [
                .heatmap(x: xs, y: ys, z: z),
                .line(String(format: "gradient descent, lr %.3g", descent.learningRate),
                      x: descent.path.map { Double($0.0) }, y: descent.path.map { Double($0.1) }, style: .lines, color: 0),
                .line("minimum", x: [Double(solution[0, 0])], y: [Double(solution[1, 0])], style: .points, color: 6),
            ])
        }
        let steps = (1...raw.1.losses.count).map(Double.init)
        return Figure(name: "surface", title: "Loss surface log₁₀(MSE) over the two weights (bias at its optimum), and \(self.steps) steps of gradient descent", panels: [
            panel("raw features (scales 1 and \(Int(scaleRatio)))", raw.0, raw.1),
            panel("standardized features", normalized.0, normalized.1),
            Panel(title: "loss per step at each one's best stable learning rate", xLabel: "step", yLabel: "mean squared error",
                  xScale: .log, yScale: .log, legend: .topRight, series: [
                      .line(String(format: "raw, lr %.3g", raw.1.learningRate), x: steps, y: raw.1.losses.map(Double.init), color: 0),
                      .line(String(format: "standardized, lr %.3g", normalized.1.learningRate), x: steps,
                            y: normalized.1.losses.map(Double.init), color: 1),
                  ]),
        ], columns: 3, panelSize: (520, 460))
    }
}
