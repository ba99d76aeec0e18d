import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct VanishingGradientsLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-vanishing-gradients",
        abstract: "Vanishing and exploding gradients: why deep sigmoid networks barely learn, measured layer by layer.",
        discussion: """
        The sigmoid's derivative σ′(z) = σ(z)(1 − σ(z)) is at most 0.25, so backpropagation \
        through L sigmoid layers multiplies the gradient by at most 0.25^L: 0.25¹⁰ ≈ 9.54·10⁻⁷. \
        The lesson plots that bound, then measures ‖∂L/∂W⁽ˡ⁾‖ for every layer of 10-hidden-layer \
        networks on Fashion-MNIST (sigmoid with PyTorch's default init, tanh with Xavier, ReLU \
        with He) at initialization and after training, trains the three, and finally scales \
        the ReLU network's weights up and down to show gradients exploding and vanishing. Full \
        run: about 30 seconds in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Hidden layers of the deep networks.")
    var depth = 10

    @Option(help: "Units per hidden layer.")
    var width = 100

    @Option(help: "SGD learning rate.")
    var learningRate: Float = 0.05

    mutating func validate() throws {
        guard (1...50).contains(depth) else { throw ValidationError("--depth must be in 1…50") }
        guard width >= 1 else { throw ValidationError("--width must be positive") }
        guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
    }

    /// A deep network and the initialization that suits (or, for the sigmoid, is usual for) it.
    struct Network {
        let name: String
        let activation: Activation
        let initializer: Initializer
    }

    static let networks = [
        Network(name: "sigmoid, PyTorch default init", activation: .sigmoid, initializer: .pytorchDefault),
        Network(name: "tanh, Xavier init", activation: .tanh, initializer: .xavierUniform(gain: 5.0 / 3)),
        Network(name: "ReLU, He init", activation: .relu, initializer: .kaimingNormal(nonlinearity: .relu)),
    ]

    func makeModel(_ network: Network, scale: Float = 1, random: Random) -> Sequential {
        let sizes = [784] + Array(repeating: width, count: depth) + [10]
        let model = Sequential.mlp(sizes, activation: network.activation, random: random)
        for layer in model.weightedLayers {
            layer.initialize(weight: network.initializer, bias: .zeros, random: random)
            layer.weight.value.scale(by: scale)
        }
        return model
    }

    /// ‖∂L/∂W⁽ˡ⁾‖ of every weight matrix on one batch.
    static func gradientNorms(_ model: Sequential, batch: (inputs: Matrix, targets: [Int])) -> [Float] {
        _ = Diagnostics.trace(model, loss: CrossEntropyLoss(), inputs: batch.inputs, targets: batch.targets)
        return Diagnostics.weightGradientNorms(model)
    }

    struct Outcome {
        let network: Network
        let atInitialization: [Float]
        let afterTraining: [Float]
        let history: History
        /// First layer's gradient norm over the last layer's, at initialization.
        var attenuation: Float { atInitialization.first! / atInitialization.last! }
    }

    struct Report {
        let outcomes: [Outcome]
        let scaled: [(scale: Float, norms: [Float])]
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "vanishing-gradients", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let epochs = training.epochs(full: 10, quick: 3, isQuick: quick)

        // The bound.
        console.line(String(format: "σ′(z) = σ(z)(1 − σ(z)) is largest at z = 0: %.2f. Through 10 sigmoid layers at best 0.25¹⁰ = %.3g.",
                            Self.sigmoidDerivative(0), pow(0.25, 10)))
        try context.write(Self.boundFigure())

        let (train, validation, _) = try context.loadSplits(training, trainSize: quick ? 1000 : 10000,
                                                            validationSize: quick ? 1000 : 5000, testSize: 0)
        let probe = train.batch(Array(0..<256)[...])
        var outcomes: [Outcome] = []
        for network in Self.networks {
            let random = Random(seed: lesson.seed)
            let model = makeModel(network, random: random)
            let before = Self.gradientNorms(model, batch: probe)
            let history = try context.fit(network.name, model: model, loss: CrossEntropyLoss(),
                                          optimizer: SGD(model.parameters, learningRate: learningRate),
                                          train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: 64), random: random)
            outcomes.append(Outcome(network: network, atInitialization: before,
                                    afterTraining: Self.gradientNorms(model, batch: probe), history: history))
        }
        let scales: [Float] = [0.5, 1, 1.5, 2]
        let relu = Self.networks[2]
        let scaled = scales.map { scale in
            (scale, Self.gradientNorms(makeModel(relu, scale: scale, random: Random(seed: lesson.seed)), batch: probe))
        }
        try context.write(gradientFigure(outcomes, epochs: epochs))
        try context.write(Figure(name: "training", panels: [
            StandardPanels.curves(outcomes.map { ($0.network.name, $0.history) },
                                  title: "\(depth) hidden layers of \(width), SGD lr \(learningRate): accuracy", metric: .accuracy),
            StandardPanels.curves(outcomes.map { ($0.network.name, $0.history) }, title: "loss", metric: .loss, legend: .topRight),
        ]))
        try context.write(explodingFigure(scaled))

        console.line("")
        var table = SummaryTable(title: "Gradient norms ‖∂L/∂W‖ on one batch of 256 images; accuracy after \(epochs) epochs",
                                 header: ["network", "layer 1 at init", "layer \(depth + 1) at init", "ratio 1/last",
                                          "layer 1 trained", "train %", "validation %"])
        for outcome in outcomes {
            table.add([outcome.network.name, String(format: "%.3g", outcome.atInitialization.first!),
                       String(format: "%.3g", outcome.atInitialization.last!), String(format: "%.3g", outcome.attenuation),
                       String(format: "%.3g", outcome.afterTraining.first!), percent(outcome.history.last!.trainAccuracy),
                       percent(outcome.history.last!.validationAccuracy)])
        }
        console.line(table.description)
        var exploding = SummaryTable(title: "ReLU network with He-init weights multiplied by a factor: gradient norms at initialization",
                                     header: ["factor", "layer 1", "layer \(depth + 1)", "ratio 1/last"])
        for (scale, norms) in scaled {
            exploding.add([String(format: "%.1f", scale), String(format: "%.3g", norms.first!), String(format: "%.3g", norms.last!),
                           String(format: "%.3g", norms.first! / norms.last!)])
        }
        console.line(exploding.description)
        try context.finish()
        return Report(outcomes: outcomes, scaled: scaled)
    }

    static func sigmoidDerivative(_ z: Float) -> Float {
        let s = Sigmoid.sigmoid(z)
        return s * (1 - s)
    }

    static func boundFigure() -> Figure {
        let z = (0...200).map { Double($0) / 10 - 10 }
        let depths = (1...20).map(Double.init)
        return Figure(name: "sigmoid", panels: [
            Panel(title: "the sigmoid and its derivative", xLabel: "z", legend: .topLeft, series: [
                .line("σ(z)", x: z, y: z.map { Double(Sigmoid.sigmoid(Float($0))) }, color: 0),
                .line("σ′(z) = σ(z)(1 − σ(z)), at most 0.25", x: z, y: z.map { Double(sigmoidDerivative(Float($0))) }, color: 1),
            ]),
            Panel(title: "largest factor through L sigmoid layers: 0.25^L", xLabel: "layers L", yLabel: "0.25^L", yScale: .log,
                  legend: .topRight, markers: [Marker(x: 10, label: "0.25¹⁰ ≈ 9.5·10⁻⁷")], series: [
                      .line("0.25^L", x: depths, y: depths.map { pow(0.25, $0) }, style: .linesPoints, color: 1),
                  ]),
        ])
    }

    func gradientFigure(_ outcomes: [Outcome], epochs: Int) -> Figure {
        let layers = (1...(depth + 1)).map(Double.init)
        func series(_ pick: (Outcome) -> [Float], style: Series.Style, suffix: String) -> [Series] {
            outcomes.enumerated().map { index, outcome in
                .line("\(outcome.network.name)\(suffix)", x: layers, y: pick(outcome).map(Double.init), style: style, color: index)
            }
        }
        return Figure(name: "gradients", title: "‖∂L/∂W⁽ˡ⁾‖ per layer, \(depth) hidden layers of \(width) (layer 1 is next to the input)", panels: [
            Panel(title: "at initialization", xLabel: "layer l", yLabel: "gradient norm", yScale: .log, legend: .bottomRight,
                  series: series(\.atInitialization, style: .linesPoints, suffix: "")),
            Panel(title: "after \(epochs) epochs of SGD", xLabel: "layer l", yLabel: "gradient norm", yScale: .log, legend: .bottomRight,
                  series: series(\.afterTraining, style: .linesPoints, suffix: "")),
        ])
    }

    func explodingFigure(_ scaled: [(scale: Float, norms: [Float])]) -> Figure {
        let layers = (1...(depth + 1)).map(Double.init)
        return Figure(name: "exploding", panels: [
            Panel(title: "ReLU net, He-init weights × factor: gradients at initialization", xLabel: "layer l",
                  yLabel: "gradient norm ‖∂L/∂W⁽ˡ⁾‖", yScale: .log, legend: .topRight,
                  series: scaled.enumerated().map { index, entry in
                      .line(String(format: "weights × %.1f", entry.scale), x: layers, y: entry.norms.map(Double.init),
                            style: .linesPoints, color: index)
                  }),
        ], columns: 1, panelSize: (720, 440))
    }
}
