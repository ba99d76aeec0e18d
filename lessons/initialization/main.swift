import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct InitializationLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-initialization",
        abstract: "Weight initialization: symmetry, scale, and the variance formulas of Xavier/Glorot and He/Kaiming.",
        discussion: """
        Four experiments on Fashion-MNIST. Symmetry: with every weight equal, all hidden units \
        of a layer compute the same thing and receive the same gradient, so they stay identical \
        however long the network trains. Scale: in a network of 10 ReLU layers, weights drawn \
        from N(0, 0.001²) make the signal vanish (training stalls) and N(0, 1) make it explode \
        (training diverges). Variance-preserving inits: activation and gradient statistics per \
        layer at initialization for deep tanh and ReLU networks under Xavier, He and PyTorch's \
        default. Training: the inits side by side, with the update-to-data ratio per layer over \
        the first steps. Full run: about 35 seconds in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Hidden layers of the deep networks.")
    var depth = 10

    @Option(help: "Units per hidden layer of the deep networks.")
    var width = 100

    mutating func validate() throws {
        guard (1...50).contains(depth) else { throw ValidationError("--depth must be in 1…50") }
        guard width >= 2 else { throw ValidationError("--width must be at least 2") }
    }

    struct Scheme {
        let name: String
        let initializer: Initializer
    }

    static let variancePreserving = [
        Scheme(name: "Xavier uniform", initializer: .xavierUniform()),
        Scheme(name: "Xavier normal", initializer: .xavierNormal()),
        Scheme(name: "He uniform", initializer: .kaimingUniform(nonlinearity: .relu)),
        Scheme(name: "He normal", initializer: .kaimingNormal(nonlinearity: .relu)),
        Scheme(name: "PyTorch default", initializer: .pytorchDefault),
    ]
    static let tooSmall = Scheme(name: "N(0, 0.001²)", initializer: .normal(mean: 0, std: 0.001))
    static let tooLarge = Scheme(name: "N(0, 1)", initializer: .normal(mean: 0, std: 1))

    func deepModel(_ activation: Activation, _ scheme: Scheme, random: Random) -> Sequential {
        let model = Sequential.mlp([784] + Array(repeating: width, count: depth) + [10], activation: activation, random: random)
        for layer in model.weightedLayers { layer.initialize(weight: scheme.initializer, bias: .zeros, random: random) }
        return model
    }

    /// Mean over inputs of the standard deviation across a layer's units of their weights:
    /// 0 exactly when every unit has the same weights.
    static func spreadAcrossUnits(_ weight: Matrix) -> Float {
        let columns = (0..<weight.cols).map { c in TensorStatistics(Matrix(rows: weight.rows, cols: 1, (0..<weight.rows).map { weight[$0, c] })).std }
        return columns.reduce(0, +) / Float(columns.count)
    }

    struct SymmetryOutcome {
        let name: String
        let spreadBefore: [Float]
        let spreadAfter: [Float]
        let history: History
    }

    struct SignalProfile {
        let activation: Activation
        let scheme: Scheme
        let layers: [LayerDiagnostics]
    }

    struct TrainingOutcome {
        let scheme: Scheme
        let history: History
        let divergedEpoch: Int?
    }

    struct Report {
        let symmetry: [SymmetryOutcome]
        let profiles: [SignalProfile]
        let runs: [TrainingOutcome]
        let updateRatios: [(Scheme, [[Float]])]
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "initialization", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let epochs = training.epochs(full: 5, quick: 2, isQuick: quick)
        let (train, validation, _) = try context.loadSplits(training, trainSize: quick ? 1000 : 10000,
                                                            validationSize: quick ? 1000 : 5000, testSize: 0)
        let probe = train.batch(Array(0..<512)[...])

        // 1. Symmetry.
        var symmetry: [SymmetryOutcome] = []
        for (name, constant) in [("all weights 0.01", true), ("PyTorch default", false)] {
            let random = Random(seed: lesson.seed)
            let model = Sequential.mlp([784, 64, 64, 10], random: random)
            if constant { for layer in model.weightedLayers { layer.initialize(weight: .constant(0.01), bias: .zeros, random: random) } }
            let hidden = Array(model.weightedLayers.dropLast())
            let before = hidden.map { Self.spreadAcrossUnits($0.weight.value) }
            let history = try context.fit(name, model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                                          train: train, validation: validation, options: TrainingOptions(epochs: epochs, batchSize: 64),
                                          random: random)
            symmetry.append(SymmetryOutcome(name: name, spreadBefore: before,
                                            spreadAfter: hidden.map { Self.spreadAcrossUnits($0.weight.value) }, history: history))
        }

        // 2 and 3. Signal statistics per layer at initialization.
        var profiles: [SignalProfile] = []
        for activation in [Activation.tanh, .relu] {
            for scheme in Self.variancePreserving + [Self.tooSmall, Self.tooLarge] {
                let model = deepModel(activation, scheme, random: Random(seed: lesson.seed))
                let layers = Diagnostics.trace(model, loss: CrossEntropyLoss(), inputs: probe.inputs, targets: probe.targets)
                profiles.append(SignalProfile(activation: activation, scheme: scheme, layers: layers))
            }
        }
        try context.write(signalFigure(profiles))
        try context.write(histogramFigure(profiles))

        // 4. Training the deep ReLU network from each initialization.
        var runs: [TrainingOutcome] = []
        for scheme in [Self.tooSmall, Self.tooLarge] + Self.variancePreserving.filter({ ["Xavier normal", "He normal", "PyTorch default"].contains($0.name) }) {
            let random = Random(seed: lesson.seed)
            let model = deepModel(.relu, scheme, random: random)
            do {
                let history = try context.fit(scheme.name, model: model, loss: CrossEntropyLoss(),
                                              optimizer: SGD(model.parameters, learningRate: 0.01, momentum: 0.9),
                                              train: train, validation: validation,
                                              options: TrainingOptions(epochs: epochs, batchSize: 64), random: random)
                runs.append(TrainingOutcome(scheme: scheme, history: history, divergedEpoch: nil))
            } catch let TrainingError.diverged(epoch, _, loss, history) {
                console.line("\(scheme.name): training diverged in epoch \(epoch) (loss \(loss.isNaN ? "NaN" : "\(loss)")).")
                runs.append(TrainingOutcome(scheme: scheme, history: history, divergedEpoch: epoch))
            }
        }
        let steps = quick ? 30 : 200
        let updateRatios = [Self.variancePreserving[3], Self.variancePreserving[4], Self.tooSmall].map { scheme in
            let random = Random(seed: lesson.seed)
            let model = deepModel(.relu, scheme, random: random)
            return (scheme, Diagnostics.updateToDataHistory(model, loss: CrossEntropyLoss(),
                                                             optimizer: SGD(model.parameters, learningRate: 0.01, momentum: 0.9),
                                                             data: train, steps: steps, batchSize: 64, random: random))
        }
        try context.write(trainingFigure(runs.filter { $0.divergedEpoch == nil }, epochs: epochs))
        try context.write(updateFigure(updateRatios))

        // Summary.
        console.line("")
        var symmetryTable = SummaryTable(title: "Symmetry (784→64→64→10, ReLU): spread of weights across the units of each hidden layer",
                                         header: ["init", "layer 1 before", "layer 1 after", "layer 2 before", "layer 2 after", "validation %"])
        for outcome in symmetry {
            symmetryTable.add([outcome.name, String(format: "%.3g", outcome.spreadBefore[0]), String(format: "%.3g", outcome.spreadAfter[0]),
                               String(format: "%.3g", outcome.spreadBefore[1]), String(format: "%.3g", outcome.spreadAfter[1]),
                               percent(outcome.history.last?.validationAccuracy)])
        }
        console.line(symmetryTable.description)
        var signalTable = SummaryTable(title: "At initialization, \(depth) hidden layers of \(width): std of the activations and of ∂L/∂activation, first and last hidden layer",
                                       header: ["network", "init", "act std 1", "act std \(depth)", "grad std 1", "grad std \(depth)"])
        for profile in profiles {
            let first = profile.layers.first!, last = profile.layers.last!
            signalTable.add([profile.activation.rawValue, profile.scheme.name,
                             String(format: "%.3g", first.activation.std), String(format: "%.3g", last.activation.std),
                             String(format: "%.3g", first.outputGradient!.std), String(format: "%.3g", last.outputGradient!.std)])
        }
        console.line(signalTable.description)
        var trainingTable = SummaryTable(title: "Deep ReLU network trained with SGD (lr 0.01, momentum 0.9) for \(epochs) epochs",
                                         header: ["init", "train %", "validation %", "note"])
        for run in runs {
            trainingTable.add([run.scheme.name, percent(run.history.last?.trainAccuracy), percent(run.history.last?.validationAccuracy),
                               run.divergedEpoch.map { "diverged in epoch \($0)" } ?? ""])
        }
        console.line(trainingTable.description)
        try context.finish()
        return Report(symmetry: symmetry, profiles: profiles, runs: runs, updateRatios: updateRatios)
    }

    // MARK: Figures

    func signalFigure(_ profiles: [SignalProfile]) -> Figure {
        func panel(_ activation: Activation, gradient: Bool) -> Panel {
            let chosen = profiles.filter { $0.activation == activation }
            return Panel(title: "\(activation.rawValue) network: std of \(gradient ? "∂L/∂activation" : "activations")",
                         xLabel: "hidden layer", yLabel: "standard deviation", yScale: .log, legend: .outside,
                         series: chosen.enumerated().map { index, profile in
                             .line(profile.scheme.name, x: profile.layers.indices.map { Double($0 + 1) },
                                   y: profile.layers.map { Double(gradient ? $0.outputGradient!.std : $0.activation.std) },
                                   style: .linesPoints, color: index)
                         })
        }
        return Figure(name: "signal", title: "At initialization: does the signal keep its size through \(depth) layers? (one batch of 512 images)", panels: [
            panel(.tanh, gradient: false), panel(.tanh, gradient: true), panel(.relu, gradient: false), panel(.relu, gradient: true),
        ], columns: 2, panelSize: (720, 400))
    }

    func histogramFigure(_ profiles: [SignalProfile]) -> Figure {
        let shown: [(Activation, String)] = [(.tanh, "Xavier normal"), (.tanh, "PyTorch default"), (.relu, "He normal"), (.relu, "PyTorch default")]
        let layers = Array(Set([0, depth / 3, 2 * depth / 3, depth - 1])).sorted()
        return Figure(name: "histograms", title: "Distribution of each hidden layer's activations at initialization", panels: shown.map { activation, name in
            let profile = profiles.first { $0.activation == activation && $0.scheme.name == name }!
            let range: ClosedRange<Float> = activation == .tanh ? -1...1 : 0...3
            return Panel(title: "\(activation.rawValue), \(name)", xLabel: "activation", yLabel: "share of units (%)", legend: .topRight,
                         series: layers.enumerated().map { index, layer in
                             let output = profile.layers[layer].output.storage
                             // ReLU's exact zeros would dwarf the rest: the label gives their share.
                             let values = activation == .tanh ? output : output.filter { $0 > 0 }
                             let (centers, counts, _) = Series.binned(values, bins: 60, range: range)
                             let total = Double(max(output.count, 1))
                             let zeros = activation == .relu
                                 ? String(format: " (%.0f%% zero)", 100 * profile.layers[layer].activation.fractionZero) : ""
                             return .line(String(format: "layer %d: std %.3f", layer + 1, profile.layers[layer].activation.std) + zeros,
                                          x: centers, y: counts.map { 100 * Double($0) / total }, color: index)
                         })
        }, columns: 2, panelSize: (640, 380))
    }

    func trainingFigure(_ runs: [TrainingOutcome], epochs: Int) -> Figure {
        Figure(name: "training", title: "\(depth) ReLU layers of \(width), SGD lr 0.01 momentum 0.9", panels: [
            StandardPanels.curves(runs.map { ($0.scheme.name, $0.history) }, title: "accuracy", metric: .accuracy, legend: .outside),
        ], columns: 1, panelSize: (820, 440))
    }

    func updateFigure(_ ratios: [(Scheme, [[Float]])]) -> Figure {
        Figure(name: "update-ratio", title: "Update-to-data ratio std(Δw)/std(w) per layer over the first steps (deep ReLU net, SGD lr 0.01 momentum 0.9)",
               panels: ratios.map { scheme, history in
                   let steps = history.indices.map { Double($0 + 1) }
                   let layerCount = history.first?.count ?? 0
                   let shown = Array(Set([0, layerCount / 2, layerCount - 1])).sorted()
                   return Panel(title: scheme.name, xLabel: "step", yLabel: "update / data", yScale: .log, legend: .bottomRight,
                                series: shown.enumerated().map { index, layer in
                                    .line("layer \(layer + 1)", x: steps, y: history.map { Double(max($0[layer], 1e-12)) }, color: index)
                                } + [.line("10⁻³ (rule of thumb)", x: [1, Double(history.count)], y: [1e-3, 1e-3], style: .dashed, color: 6)])
               }, columns: 3, panelSize: (520, 400))
    }
}
