import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct InitializationLesson: ParsableCommand {
    static let configuration = CommandConfiguration.lesson(
        "initialization",
        abstract: "Weight initialization: symmetry, scale, and the variance formulas of Xavier/Glorot and He/Kaiming, measured over seeds.",
        discussion: """
        Five experiments on Fashion-MNIST. Symmetry: with every weight equal, all hidden units \
        of a layer compute the same thing and receive the same gradient, so they stay identical \
        however long the network trains. Scale: in a network of 10 ReLU layers, weights drawn \
        from N(0, 0.001²) make the signal vanish (training stalls) and N(0, 1) make it explode \
        (training diverges). Variance-preserving inits: activation and gradient statistics per \
        layer at initialization for deep tanh and ReLU networks under Xavier, He and PyTorch's \
        default, against the predicted factor per ReLU layer. Training: the inits side by side \
        under 10 seeds each, with the update-to-data ratio per layer over the first steps. Slow \
        convergence: a shallow network from N(0, 0.01²) and N(0, 0.001²) sits at chance for \
        hundreds to thousands of steps before it escapes. --quick: 1,000 images, 2 epochs (40 for the shallow network), 2 seeds.
        """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 5, quick: 2)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Hidden layers of the deep networks (1…50).")
    var depth = 10

    @Option(help: "Units per hidden layer of the deep networks (2…\(maximumWidth)).")
    var width = 100

    static let maximumWidth = 1024

    mutating func validate() throws {
        guard (1...50).contains(depth) else { throw ValidationError("--depth must be in 1…50 (got \(depth))") }
        guard (2...Self.maximumWidth).contains(width) else { throw ValidationError("--width must be in 2…\(Self.maximumWidth) (got \(width))") }
    }

    struct Scheme: Sendable {
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
    /// The lecture's "slow convergence": a shallow network from ever smaller weights.
    static let shallow = [
        Scheme(name: "PyTorch default", initializer: .pytorchDefault),
        Scheme(name: "N(0, 0.01²)", initializer: .normal(mean: 0, std: 0.01)),
        Scheme(name: "N(0, 0.001²)", initializer: .normal(mean: 0, std: 0.001)),
    ]
    /// The running average of the minibatch loss (over `lossWindow` steps) below which a
    /// run has left the plateau at chance, ln 10 ≈ 2.30.
    static let escapeLoss = 2.0
    static let lossWindow = 20
    static let trained = [tooSmall, tooLarge] + variancePreserving.filter { ["Xavier normal", "He normal", "PyTorch default"].contains($0.name) }
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 2
    static let batchSize = 64
    static let probeSize = 512
    /// "Still equal": the spread across units after training, relative to the weights' mean
    /// size, stays below this. Float rounding in the BLAS kernel (which differs between CPUs
    /// and thread counts) can give identical units slightly different sums: exactly 0 on one
    /// machine, 10⁻⁸…10⁻⁵ of the weights on another, against a spread of order 1 from a
    /// random init.
    static let symmetryTolerance = 1e-3

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

    /// The spread relative to the weights' mean absolute value.
    static func relativeSpread(_ weight: Matrix) -> Double {
        let size = weight.storage.reduce(0) { $0 + Double(abs($1)) } / Double(max(weight.count, 1))
        return Double(spreadAcrossUnits(weight)) / max(size, .leastNormalMagnitude)
    }

    struct SignalProfile {
        let activation: Activation
        let scheme: Scheme
        let layers: [LayerDiagnostics]
    }

    /// The predicted factor per hidden layer (2…depth, all width × width) of a ReLU
    /// network's activation std: Var(z) = n·Var(W)·E[a²] and E[a²] = Var(z)/2, so the std
    /// changes by √(n·Var(W)/2) per layer: 1 for He (Var(W) = 2/n), 1/√2 for Xavier
    /// (2/(n+n) = 1/n), 1/√6 for PyTorch's default (1/(3n)).
    func predictedReLUFactor(_ scheme: Scheme) -> Double? {
        guard let std = scheme.initializer.standardDeviation(fanIn: width, fanOut: width) else { return nil }
        return (Double(width) * Double(std) * Double(std) / 2).squareRoot()
    }

    struct Report {
        let symmetry: [SettingRuns<SymmetryRun>]
        /// Per seed, every network's statistics at initialization.
        let profiles: [[SignalProfile]]
        let runs: [SettingRuns<DeepRun>]
        let updateRatios: [(Scheme, [[Float]])]
        let slow: [SettingRuns<EscapeRun>]

        func profile(_ activation: Activation, _ name: String, seed: Int = 0) -> SignalProfile {
            profiles[seed].first { $0.activation == activation && $0.scheme.name == name }!
        }

        /// Per seed: last hidden layer's activation std over the first's.
        func signalRatio(_ activation: Activation, _ name: String) -> Estimate {
            Estimate(profiles.indices.map { seed in
                let layers = profile(activation, name, seed: seed).layers
                return Double(layers.last!.activation.std / layers.first!.activation.std)
            })
        }
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "initialization", options: lesson, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(training, trainSize: context.budget(10000, quick: 1000),
                                            validationSize: context.budget(5000, quick: 1000), testSize: 0)
        let (train, validation, _) = splits.first.sets
        guard train.count >= Self.batchSize, validation.count >= 1 else {
            throw LessonError("lesson-initialization needs at least \(Self.batchSize * 10 / 9 + 1) images in the training file (\(Self.batchSize) to train on, 10 % to validate); the data have \(train.count + validation.count)")
        }
        let probe = train.batch(Array(0..<min(Self.probeSize, train.count))[...])

        let symmetry = try symmetryRuns(context, splits: splits, epochs: epochs)
        let profiles = signalProfiles(context, probe: probe)
        try context.write(signalFigure(profiles[0]))
        try context.write(focusFigure(profiles[0]))
        try context.write(histogramFigure(profiles[0]))
        let runs = try trainingRuns(context, splits: splits, epochs: epochs)
        let updateRatios = updateHistory(train: train, steps: context.budget(200, quick: 30))
        try context.write(trainingFigure(runs.filter { $0.estimate(\.divergedEpoch).count == 0 }, epochs: epochs))
        try context.write(updateFigure(updateRatios))
        let slow = try slowConvergence(context, splits: splits, epochs: context.budget(20, quick: 40))
        try context.write(slowFigure(slow))
        let report = Report(symmetry: symmetry, profiles: profiles, runs: runs, updateRatios: updateRatios, slow: slow)
        reportSummary(context, report, epochs: epochs, trainCount: train.count)
        try context.finish()
        return report
    }

    /// Step 1, symmetry: 784→64→64→10 with every weight 0.01 against PyTorch's default,
    /// the spread of weights across each hidden layer's units before and after training.
    /// A symmetry run: the spread of the weights across the units of each hidden layer.
    struct SymmetryRun: RunRecord {
        var history: History
        var spreadBefore: [Double]
        var spreadAfter: [Double]
        /// After training, relative to the weights' mean size.
        var relativeSpreadAfter: [Double]

        static let columns = (0..<2).flatMap { layer in
            [RunColumn<SymmetryRun>("weight_spread_before_layer_\(layer + 1)") { $0.spreadBefore[layer] },
             RunColumn<SymmetryRun>("weight_spread_after_layer_\(layer + 1)") { $0.spreadAfter[layer] },
             RunColumn<SymmetryRun>("relative_weight_spread_after_layer_\(layer + 1)") { $0.relativeSpreadAfter[layer] }]
        }
    }

    /// A run of the deep network; a diverged one ends at the epoch it diverged.
    struct DeepRun: RunRecord {
        var history: History
        var divergedEpoch: Double?
        static let columns = [RunColumn("diverged_epoch", \Self.divergedEpoch)]
    }

    /// A run of the slow-convergence comparison: the minibatch step where the loss left chance.
    struct EscapeRun: RunRecord {
        var history: History
        var stepsToEscape: Double?
        static let columns = [RunColumn("steps_to_escape", \Self.stepsToEscape)]
    }

    func symmetryRuns(_ context: LessonContext, splits: SeededSplits, epochs: Int) throws -> [SettingRuns<SymmetryRun>] {
        try context.overSeeds([true, false], label: { $0 ? "all weights 0.01" : "PyTorch default" }, experiment: "symmetry",
                              columns: { ["init": .text($0 ? "constant 0.01" : "pytorch default")] }, lastK: Self.lastK) { constant, run in
            let (train, validation) = (splits(run).train, splits(run).validation)
            let random = run.random(.weights)
            let model = Sequential.mlp([784, 64, 64, 10], random: random)
            if constant { for layer in model.weightedLayers { layer.initialize(weight: .constant(0.01), bias: .zeros, random: random) } }
            let hidden = Array(model.weightedLayers.dropLast())
            let before = hidden.map { Double(Self.spreadAcrossUnits($0.weight.value)) }
            let history = try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                                      train: train, validation: validation,
                                      options: TrainingOptions(epochs: epochs, batchSize: Self.batchSize))
            return SymmetryRun(history: history, spreadBefore: before, spreadAfter: hidden.map { Double(Self.spreadAcrossUnits($0.weight.value)) },
                               relativeSpreadAfter: hidden.map { Self.relativeSpread($0.weight.value) })
        }
    }

    /// Steps 2 and 3: every network's statistics per layer at initialization, per seed
    /// (the activations themselves, for the histograms, of the first seed only).
    func signalProfiles(_ context: LessonContext, probe: (inputs: Matrix, targets: [Int])) -> [[SignalProfile]] {
        context.seeds.enumerated().map { index, seed in
            [Activation.tanh, .relu].flatMap { activation in
                (Self.variancePreserving + [Self.tooSmall, Self.tooLarge]).map { scheme in
                    let model = deepModel(activation, scheme, random: Random(seed: seed, purpose: .weights))
                    var layers = Diagnostics.trace(model, loss: CrossEntropyLoss(), inputs: probe.inputs, targets: probe.targets)
                    if index > 0 { for layer in layers.indices { layers[layer].output = Matrix(rows: 0, cols: 0) } }
                    return SignalProfile(activation: activation, scheme: scheme, layers: layers)
                }
            }
        }
    }

    /// Step 4: the deep ReLU network trained from each initialization, under every seed.
    func trainingRuns(_ context: LessonContext, splits: SeededSplits, epochs: Int) throws -> [SettingRuns<DeepRun>] {
        try context.overSeeds(Self.trained, label: \.name, experiment: "deep relu", columns: { ["init": .text($0.name)] },
                              lastK: Self.lastK) { scheme, run in
            let (train, validation) = (splits(run).train, splits(run).validation)
            let model = deepModel(.relu, scheme, random: run.random(.weights))
            do {
                let history = try run.fit(model: model, loss: CrossEntropyLoss(),
                                          optimizer: SGD(model.parameters, learningRate: 0.01, momentum: 0.9),
                                          train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: Self.batchSize))
                return DeepRun(history: history)
            } catch let TrainingError.diverged(epoch, _, _, history) {
                return DeepRun(history: history, divergedEpoch: Double(epoch))
            }
        }
    }

    /// Step 5, the lecture's "slow convergence": 784→64→64→10 (ReLU) from the default init
    /// and from N(0, 0.01²) and N(0, 0.001²). Small weights pass on a small signal and a small
    /// gradient (each weight's gradient is a product of the others' sizes), so the loss sits
    /// at chance until the weights have grown: the smaller the start, the longer.
    func slowConvergence(_ context: LessonContext, splits: SeededSplits, epochs: Int) throws -> [SettingRuns<EscapeRun>] {
        try context.overSeeds(Self.shallow, label: { "shallow, \($0.name)" }, experiment: "slow convergence",
                              columns: { ["init": .text($0.name)] }, lastK: Self.lastK) { scheme, run in
            let (train, validation) = (splits(run).train, splits(run).validation)
            let random = run.random(.weights)
            let model = Sequential.mlp([784, 64, 64, 10], random: random)
            for layer in model.weightedLayers { layer.initialize(weight: scheme.initializer, bias: .zeros, random: random) }
            let history = try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                                      train: train, validation: validation,
                                      options: TrainingOptions(epochs: epochs, batchSize: Self.batchSize))
            return EscapeRun(history: history,
                             stepsToEscape: StandardPanels.escapeStep(history, window: Self.lossWindow, below: Self.escapeLoss).map(Double.init))
        }
    }

    /// The update-to-data ratio of every layer over the first steps (one seed: a diagnostic).
    func updateHistory(train: ImageDataset, steps: Int) -> [(Scheme, [[Float]])] {
        [Self.variancePreserving[3], Self.variancePreserving[4], Self.tooSmall].map { scheme in
            let model = deepModel(.relu, scheme, random: Random(seed: lesson.seed, purpose: .weights))
            return (scheme, Diagnostics.updateToDataHistory(model, loss: CrossEntropyLoss(),
                                                             optimizer: SGD(model.parameters, learningRate: 0.01, momentum: 0.9),
                                                             data: train, steps: steps, batchSize: Self.batchSize,
                                                             random: Random(seed: lesson.seed, purpose: .batchOrder)))
        }
    }

    func reportSummary(_ context: LessonContext, _ report: Report, epochs: Int, trainCount: Int) {
        let seeds = context.seeds.count, k = Self.lastK
        func g(_ estimate: Estimate) -> String { estimate.count > 1 ? String(format: "%.3g ± %.2g", estimate.mean, estimate.std) : String(format: "%.3g", estimate.mean) }
        var symmetryTable = SummaryTable(title: "Symmetry (784→64→64→10, ReLU, \(epochs) epochs): spread of weights across the units of each hidden layer, mean ± std over \(seeds) seeds",
                                         header: ["init", "layer 1 before", "layer 1 after", "layer 2 before", "layer 2 after", "validation %, last \(k)"])
        for setting in report.symmetry {
            func spread(_ values: KeyPath<SymmetryRun, [Double]>, _ layer: Int) -> Estimate { Estimate(setting.runs.map { $0[keyPath: values][layer] }) }
            symmetryTable.add([setting.label, g(spread(\.spreadBefore, 0)), g(spread(\.spreadAfter, 0)),
                               g(spread(\.spreadBefore, 1)), g(spread(\.spreadAfter, 1)),
                               setting.lastEpochs(k, .validationAccuracy).formatted()])
        }
        context.report(symmetryTable)
        func relative(_ setting: SettingRuns<SymmetryRun>) -> Estimate {
            Estimate(setting.runs.flatMap(\.relativeSpreadAfter))
        }
        let constant = relative(report.symmetry[0]), random = relative(report.symmetry[1])
        context.report(String(format: "After training, spread across units relative to the weights' mean size, largest over seeds and layers: all weights 0.01 %.1g, PyTorch default (smallest) %.2g.",
                              constant.max, random.min))
        context.report(constant.max <= Self.symmetryTolerance
            ? String(format: "All weights 0.01: the units stayed identical up to float rounding (below %.0e relative; the exact digits depend on the CPU).", Self.symmetryTolerance)
            : String(format: "All weights 0.01: the spread exceeds %.0e relative: the units did not stay identical.", Self.symmetryTolerance))
        context.report()

        var signalTable = SummaryTable(title: "At initialization, \(depth) hidden layers of \(width), one batch: std of the activations and of ∂L/∂activation, first and last hidden layer (seed \(context.seeds[0]))",
                                       header: ["network", "init", "act std 1", "act std \(depth)", "grad std 1", "grad std \(depth)"])
        for profile in report.profiles[0] {
            let first = profile.layers.first!, last = profile.layers.last!
            signalTable.add([profile.activation.rawValue, profile.scheme.name,
                             String(format: "%.3g", first.activation.std), String(format: "%.3g", last.activation.std),
                             String(format: "%.3g", first.outputGradient!.std), String(format: "%.3g", last.outputGradient!.std)])
        }
        context.report(signalTable)
        context.report("ReLU network: activation std of layer \(depth) over layer 1, measured (mean ± std over \(seeds) seeds) and predicted (factor per layer)^\(depth - 1):")
        for name in ["Xavier normal", "He normal", "PyTorch default"] {
            let scheme = Self.variancePreserving.first { $0.name == name }!
            let factor = predictedReLUFactor(scheme)!
            context.report(String(format: "  %@: measured %@, predicted %.3g (×%.3f per layer)", name,
                                  g(report.signalRatio(.relu, name)), pow(factor, Double(depth - 1)), factor))
        }
        let gap = Estimate(zip(report.signalRatio(.relu, "He normal").values, report.signalRatio(.relu, "Xavier normal").values).map { $0 / $1 })
        context.report(String(format: "  He normal over Xavier normal at layer %d: ×%@ (predicted √2^%d = %.1f).", depth, g(gap), depth - 1,
                              pow(2, Double(depth - 1) / 2)))
        context.report()

        var trainingTable = SummaryTable(title: "Deep ReLU network, SGD lr 0.01 momentum 0.9, \(epochs) epochs on \(trainCount) images, \(seeds) seeds; last \(k) = mean of the last \(k) epochs (%)",
                                         header: ["init", "train, last \(k)", "validation, last \(k)", "best validation", "note"])
        for setting in report.runs {
            let diverged = setting.estimate(\.divergedEpoch)
            trainingTable.add([setting.label, diverged.count == setting.runs.count ? "–" : setting.lastEpochs(k, .trainAccuracy).formatted(),
                               diverged.count == setting.runs.count ? "–" : setting.lastEpochs(k, .validationAccuracy).formatted(),
                               diverged.count == setting.runs.count ? "–" : setting.atBestValidation(.validationAccuracy).formatted(),
                               diverged.count > 0 ? "\(diverged.count) of \(setting.runs.count) seeds diverged (epoch \(Int(diverged.min))–\(Int(diverged.max)))" : ""])
        }
        context.report(trainingTable)
        let byName = Dictionary(uniqueKeysWithValues: report.runs.map { ($0.label, $0) })
        if let he = byName["He normal"], let xavier = byName["Xavier normal"], let standard = byName["PyTorch default"] {
            context.report(Difference(he.lastEpochs(k, .validationAccuracy), xavier.lastEpochs(k, .validationAccuracy))
                .verdict(he.label, xavier.label, quantity: "Validation accuracy (last \(k) epochs)"))
            context.report(Difference(he.atBestValidation(.validationAccuracy), xavier.atBestValidation(.validationAccuracy))
                .verdict(he.label, xavier.label, quantity: "Best validation accuracy"))
            context.report(Difference(xavier.lastEpochs(k, .validationAccuracy), standard.lastEpochs(k, .validationAccuracy))
                .verdict(xavier.label, standard.label, quantity: "Validation accuracy (last \(k) epochs)"))
        }
        context.report()
        var slowTable = SummaryTable(title: "Slow convergence: 784→64→64→10 (ReLU), SGD lr 0.1, batch \(Self.batchSize), \(report.slow.first?.runs.first?.history.epochs.count ?? 0) epochs, \(seeds) seeds",
                                     header: ["init", "steps until loss < \(Self.escapeLoss) (running average over \(Self.lossWindow))", "validation, epoch 1", "validation, last \(k)"])
        for setting in report.slow {
            let escape = setting.estimate(\.stepsToEscape)
            let first = Estimate(setting.runs.compactMap { $0.history.epochs.first?.validationAccuracy.map { 100 * Double($0) } })
            slowTable.add([setting.label, escape.count == setting.runs.count ? escape.formatted(decimals: 0)
                                                                              : "\(escape.count) of \(setting.runs.count) seeds escaped",
                           first.formatted(), setting.lastEpochs(k, .validationAccuracy).formatted()])
        }
        context.report(slowTable)
    }
}

InitializationLesson.main()
