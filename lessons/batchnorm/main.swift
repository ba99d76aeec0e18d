import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct BatchNormLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-batchnorm",
        abstract: "Batch normalization: normalizing each layer's inputs over the minibatch, and what it changes.",
        discussion: """
        The lecture's block Linear(bias=false) → BatchNorm1d → ReLU → Dropout against the same \
        network without BatchNorm on Fashion-MNIST: training curves with the default \
        initialization and with weights drawn from N(0, 0.001²) (without BatchNorm training \
        stalls), pre-activation distributions per layer, the running mean and variance used at \
        inference, the pitfall of evaluating with batch statistics on small batches, and why \
        the Linear layer's bias is redundant before BatchNorm. Full run: about 2 minutes in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Dropout probability after each hidden activation.")
    var dropout: Float = 0.2

    @Option(help: "SGD learning rate.")
    var learningRate: Float = 0.1

    mutating func validate() throws {
        guard (0..<1).contains(dropout) else { throw ValidationError("--dropout must be in [0, 1)") }
        guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
    }

    static let sizes = [784, 128, 64, 10]

    struct Setting {
        let label: String
        let batchNorm: Bool
        let tinyInit: Bool
    }

    struct Outcome {
        let setting: Setting
        let history: History
        let test: Evaluation
        let before: [LayerDiagnostics]
        let after: [LayerDiagnostics]
        let model: Sequential
    }

    struct Report {
        let outcomes: [Outcome]
        let smallBatchAccuracy: [(batchSize: Int, batchStatistics: Float, running: Float)]
        let runningChecks: [RunningCheck]
        let biasOutputDifference: Float
        let biasGradientSize: Float
    }

    func makeModel(_ setting: Setting, random: Random) -> Sequential {
        let model = Sequential.mlp(Self.sizes, batchNorm: setting.batchNorm, dropout: dropout, random: random)
        if setting.tinyInit {
            for layer in model.weightedLayers { layer.initialize(weight: .normal(mean: 0, std: 0.001), bias: .zeros, random: random) }
        }
        return model
    }

    /// The pre-activations (what enters each ReLU) on one batch, measured in training mode
    /// without disturbing the running statistics.
    static func preActivations(_ model: Sequential, batch: (inputs: Matrix, targets: [Int])) throws -> [LayerDiagnostics] {
        let saved = model.state()
        let relus = Set(model.layers.indices.filter { model.layers[$0] is ReLU }.map { $0 - 1 })
        let layers = model.layers
        let result = Diagnostics.trace(model, loss: CrossEntropyLoss(), inputs: batch.inputs, targets: batch.targets,
                                       include: { layer in relus.contains(layers.firstIndex { $0 === layer }!) })
        try model.load(saved)
        return result
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "batchnorm", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let epochs = training.epochs(full: 10, quick: 3, isQuick: quick)
        let (train, validation, test) = try context.loadSplits(training, trainSize: quick ? 2000 : nil,
                                                               validationSize: quick ? 1000 : nil, testSize: quick ? 1000 : nil)
        let probe = train.batch(Array(0..<512)[...])

        // Why the bias before BatchNorm is redundant: β absorbs it.
        let (difference, biasGradient) = Self.biasRedundancy(random: Random(seed: lesson.seed))
        console.line(String(format: "Linear with bias → BatchNorm vs the same Linear without bias → BatchNorm: largest output difference %.2g; the bias's gradient is at most %.2g.",
                            difference, biasGradient))

        let settings = [
            Setting(label: "no BatchNorm", batchNorm: false, tinyInit: false),
            Setting(label: "BatchNorm", batchNorm: true, tinyInit: false),
            Setting(label: "no BatchNorm, N(0, 0.001²) init", batchNorm: false, tinyInit: true),
            Setting(label: "BatchNorm, N(0, 0.001²) init", batchNorm: true, tinyInit: true),
        ]
        var outcomes: [Outcome] = []
        for setting in settings {
            let random = Random(seed: lesson.seed)
            let model = makeModel(setting, random: random)
            let before = try Self.preActivations(model, batch: probe)
            let history = try context.fit(setting.label, model: model, loss: CrossEntropyLoss(),
                                          optimizer: SGD(model.parameters, learningRate: learningRate),
                                          train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: 64, evaluateTrainingSet: true),
                                          random: random)
            outcomes.append(Outcome(setting: setting, history: history, test: evaluate(model, loss: CrossEntropyLoss(), on: test),
                                    before: before, after: try Self.preActivations(model, batch: probe), model: model))
        }

        // Inference: running estimates against each batch's own statistics.
        let trained = outcomes[1].model
        let smallBatches = [2, 4, 8, 32, 128, 1000].map { size in
            (size, evaluate(trained, loss: CrossEntropyLoss(), on: test, batchSize: size, batchStatistics: true).accuracy!,
             evaluate(trained, loss: CrossEntropyLoss(), on: test, batchSize: size).accuracy!)
        }
        let runningChecks = try Self.runningStatisticsCheck(trained, data: train)

        try context.write(curvesFigure(outcomes, epochs: epochs))
        try context.write(Self.preActivationFigure(outcomes))
        try context.write(Self.inferenceFigure(smallBatches))

        console.line("")
        var table = SummaryTable(title: "784→128→64→10, dropout \(dropout), SGD lr \(learningRate), \(epochs) epochs (accuracy in %)",
                                 header: ["network", "train", "validation", "test", "seconds"])
        for outcome in outcomes {
            table.add([outcome.setting.label, percent(outcome.history.last!.trainAccuracy), percent(outcome.history.last!.validationAccuracy),
                       percent(outcome.test.accuracy), String(format: "%.0f", outcome.history.totalSeconds)])
        }
        console.line(table.description)
        var inference = SummaryTable(title: "Test accuracy (%) of the trained BatchNorm network by evaluation batch size",
                                     header: ["batch size", "batch statistics (training mode)", "running estimates (evaluation mode)"])
        for row in smallBatches { inference.add(["\(row.0)", percent(row.1), percent(row.2)]) }
        console.line(inference.description)
        var running = SummaryTable(title: "Running estimates after training vs the statistics of each BatchNorm's input over 10,000 training images",
                                   header: ["BatchNorm", "mean |error| of the mean (in stds)", "running/actual variance, dropout on",
                                            "running/actual variance, dropout off"])
        for check in runningChecks {
            running.add(["\(check.layer)", String(format: "%.3f", check.meanError), String(format: "%.3f", check.varianceRatioTraining),
                         String(format: "%.3f", check.varianceRatioInference)])
        }
        console.line(running.description)
        try context.finish()
        return Report(outcomes: outcomes, smallBatchAccuracy: smallBatches, runningChecks: runningChecks,
                      biasOutputDifference: difference, biasGradientSize: biasGradient)
    }

    /// A Linear layer with bias feeding BatchNorm, and the same weights without the bias:
    /// training-mode BatchNorm subtracts the batch mean, which removes any constant per
    /// unit, so the outputs agree and the bias's gradient Σ_rows ∂L/∂z is 0.
    static func biasRedundancy(random: Random) -> (outputDifference: Float, biasGradient: Float) {
        let withBias = Linear(20, 8, bias: true, random: random)
        withBias.bias!.value = random.normalMatrix(rows: 1, cols: 8, std: 3)
        let withoutBias = Linear(20, 8, bias: false, random: random)
        withoutBias.weight.value = withBias.weight.value
        let a = Sequential(withBias, BatchNorm1d(8)), b = Sequential(withoutBias, BatchNorm1d(8))
        let input = random.normalMatrix(rows: 32, cols: 20)
        let difference = a(input).zip(b(input)) { abs($0 - $1) }.storage.max()!
        a.backward(random.normalMatrix(rows: 32, cols: 8))
        return (difference, withBias.bias!.gradient.storage.map(abs).max()!)
    }

    /// One BatchNorm layer's running estimates against the actual statistics of its input
    /// over 10,000 training images, with dropout active (as during training) and without
    /// (as at inference).
    struct RunningCheck {
        let layer: Int
        let meanError: Float
        let varianceRatioTraining: Float
        let varianceRatioInference: Float
    }

    static func runningStatisticsCheck(_ model: Sequential, data: ImageDataset) throws -> [RunningCheck] {
        let inputs = data.batch(Array(0..<min(data.count, 10000))[...]).inputs
        let norms = model.layers.indices.filter { model.layers[$0] is BatchNorm1d }
        func statistics(training: Bool) throws -> [(mean: [Float], variance: [Float])] {
            let saved = model.state()
            let tracer = ActivationTracer()
            model.tracer = tracer
            model.isTraining = training
            _ = model.forward(inputs)
            model.tracer = nil
            try model.load(saved)
            return norms.map { BatchNorm1d.batchStatistics(tracer.outputs[$0 - 1]!) }
        }
        let withDropout = try statistics(training: true), withoutDropout = try statistics(training: false)
        return norms.enumerated().map { number, index in
            let norm = model.layers[index] as! BatchNorm1d
            let running = (norm.runningMean.value.storage, norm.runningVariance.value.storage)
            let meanError = (0..<norm.features).map { c in
                abs(running.0[c] - withDropout[number].mean[c]) / withDropout[number].variance[c].squareRoot()
            }.reduce(0, +) / Float(norm.features)
            func ratio(_ actual: [Float]) -> Float {
                (0..<norm.features).map { running.1[$0] / actual[$0] }.reduce(0, +) / Float(norm.features)
            }
            return RunningCheck(layer: number + 1, meanError: meanError,
                                varianceRatioTraining: ratio(withDropout[number].variance),
                                varianceRatioInference: ratio(withoutDropout[number].variance))
        }
    }

    // MARK: Figures

    func curvesFigure(_ outcomes: [Outcome], epochs: Int) -> Figure {
        Figure(name: "curves", title: "784→128→64→10 with dropout \(dropout), SGD lr \(learningRate)", panels: [
            StandardPanels.curves(outcomes[0...1].map { ($0.setting.label, $0.history) }, title: "default initialization", metric: .accuracy),
            StandardPanels.curves(outcomes[2...3].map { ($0.setting.label, $0.history) }, title: "weights from N(0, 0.001²)", metric: .accuracy,
                                  legend: .outside),
        ])
    }

    static func preActivationFigure(_ outcomes: [Outcome]) -> Figure {
        let chosen = outcomes[0...1]
        var panels: [Panel] = []
        for outcome in chosen {
            for (moment, layers) in [("at initialization", outcome.before), ("after training", outcome.after)] {
                panels.append(Panel(title: "\(outcome.setting.label), \(moment)", xLabel: "pre-activation (input of ReLU)",
                                    yLabel: "share of units (%)", legend: .topRight,
                                    series: layers.enumerated().map { index, layer in
                                        let values = layer.output.storage
                                        let (centers, counts, _) = Series.binned(values, bins: 80, range: -6...6)
                                        return .line(String(format: "hidden layer %d: mean %.2f, std %.2f", index + 1,
                                                            layer.activation.mean, layer.activation.std),
                                                     x: centers, y: counts.map { 100 * Double($0) / Double(values.count) }, color: index)
                                    }))
            }
        }
        return Figure(name: "preactivations", title: "What enters each ReLU, on one batch of 512 training images", panels: panels,
                      columns: 2, panelSize: (620, 360))
    }

    static func inferenceFigure(_ rows: [(batchSize: Int, batchStatistics: Float, running: Float)]) -> Figure {
        let x = rows.map { Double($0.batchSize) }
        return Figure(name: "inference", panels: [
            Panel(title: "Evaluating a trained BatchNorm network: test accuracy by evaluation batch size", xLabel: "evaluation batch size",
                  yLabel: "test accuracy (%)", xScale: .log, legend: .bottomRight, series: [
                      .line("running mean/variance (model.eval(): correct)", x: x, y: rows.map { 100 * Double($0.running) }, style: .linesPoints, color: 0),
                      .line("each batch's own statistics (forgot model.eval())", x: x, y: rows.map { 100 * Double($0.batchStatistics) },
                            style: .linesPoints, color: 1),
                  ]),
        ], columns: 1, panelSize: (760, 440))
    }
}
