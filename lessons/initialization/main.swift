// Weight initialization, as the lecture teaches it: symmetry (equal weights stay equal,
// step 1); the signal through deep tanh and ReLU networks at initialization under weights too
// small, too large and variance-preserving (Xavier, He, PyTorch's default), against the
// predicted factor per layer (steps 2 and 3); the deep ReLU network trained from each, over
// seeds (step 4); the slow escape from chance of a shallow network from small weights
// (step 5); and a sweep of the gain around the critical one (step 6). The options are in
// Command.swift, the printed report in Report.swift, the figures in Figures.swift.

import Engine
import EngineData
import Foundation
import LessonKit

extension InitializationLesson {
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
    static let trained =
        [tooSmall, tooLarge]
        + variancePreserving.filter { ["Xavier normal", "He normal", "PyTorch default"].contains($0.name) }
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 2
    static let batchSize = 64

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(10000, quick: 1000),
            validationSize: context.budget(5000, quick: 1000), testSize: 0)
        let (train, validation, _) = splits.first.sets
        guard train.count >= Self.batchSize, validation.count >= 1 else {
            throw LessonError(
                "lesson-\(context.name) needs at least \(Self.batchSize * 10 / 9 + 1) images in the training file (\(Self.batchSize) to train on, 10 % to validate); the data have \(train.count + validation.count)"
            )
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
        let sweep = try gainSweep(context, splits: splits, probe: probe, epochs: epochs)
        let inputMeanSquare = Double(probe.inputs.sumOfSquares()) / Double(max(probe.inputs.count, 1))
        let predicted = sweep.indices.map { index in
            predictedStd(
                GainSetting(
                    activation: index < Self.gains.count ? .tanh : .relu, gain: Self.gains[index % Self.gains.count]),
                inputMeanSquare: inputMeanSquare)
        }
        try context.write(gainFigure(sweep, predicted: predicted))
        let report = Report(
            symmetry: symmetry, profiles: profiles, runs: runs, updateRatios: updateRatios, slow: slow,
            gainSweep: sweep, predictedGainStd: predicted)
        reportSummary(context, report, epochs: epochs, trainCount: train.count)
        try context.finish()
        return report
    }

    func deepModel(_ activation: Activation, _ scheme: Scheme, random: Random) -> Sequential {
        let model = Sequential.mlp(network.sizes, activation: activation, random: random)
        Self.initialize(model, scheme, random: random)
        return model
    }

    /// The deep networks' training (steps 4 and 6): SGD with learning rate 0.01 and momentum 0.9.
    func trainDeep(_ model: Sequential, _ run: SeedRun, splits: SeededSplits, epochs: Int) throws -> History {
        try run.fit(
            model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.01, momentum: 0.9),
            train: splits(run).train, validation: splits(run).validation,
            options: TrainingOptions(epochs: epochs, batchSize: Self.batchSize))
    }

    /// PyTorch's default is what `Sequential.mlp` drew, as `nn.Linear` does: weights and biases
    /// from U[±1/√n_in]. Every other scheme draws the weights and zeroes the biases.
    static func initialize(_ model: Sequential, _ scheme: Scheme, random: Random) {
        guard scheme.initializer != .pytorchDefault else { return }
        for layer in model.weightedLayers { layer.initialize(weight: scheme.initializer, bias: .zeros, random: random) }
    }

    /// The deep networks' shape, read throughout the lesson and its figures.
    var depth: Int { network.depth }
    var width: Int { network.width }

    /// Images of the batch the signal statistics at initialization are measured on.
    static let probeSize = 512
    /// "Still equal": the spread across units after training, relative to the weights' mean
    /// size, stays below this. Float rounding in the BLAS kernel (which differs between CPUs
    /// and thread counts) can give identical units slightly different sums: exactly 0 on one
    /// machine, 10⁻⁸…10⁻⁵ of the weights on another, against a spread of order 1 from a
    /// random init.
    static let symmetryTolerance = 1e-3

    /// The running average of the minibatch loss (over `lossWindow` steps) below which a
    /// run has left the plateau at chance, ln 10 ≈ 2.30.
    static let escapeLoss = 2.0
    static let lossWindow = 20

    func symmetryRuns(_ context: LessonContext, splits: SeededSplits, epochs: Int) throws -> [SettingRuns<SymmetryRun>]
    {
        try context.overSeeds(
            [true, false], label: { $0 ? "all weights 0.01" : "PyTorch default" }, experiment: "symmetry",
            columns: { ["init": .text($0 ? "constant 0.01" : "pytorch default")] }, lastK: Self.lastK
        ) { constant, run in
            let (train, validation) = (splits(run).train, splits(run).validation)
            let random = run.random(.weights)
            let model = Sequential.mlp([784, 64, 64, 10], random: random)
            if constant {
                for layer in model.weightedLayers {
                    layer.initialize(weight: .constant(0.01), bias: .zeros, random: random)
                }
            }
            let hidden = Array(model.weightedLayers.dropLast())
            let before = hidden.map { Double(Self.spreadAcrossUnits($0.weight.value)) }
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                train: train, validation: validation,
                options: TrainingOptions(epochs: epochs, batchSize: Self.batchSize))
            return SymmetryRun(
                history: history, spreadBefore: before,
                spreadAfter: hidden.map { Double(Self.spreadAcrossUnits($0.weight.value)) },
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
                    var layers = Diagnostics.trace(
                        model, loss: CrossEntropyLoss(), inputs: probe.inputs, targets: probe.targets)
                    let spread = layers.map { TensorStatistics.meanColumnSpread($0.output) }
                    if index > 0 { for layer in layers.indices { layers[layer].output = Matrix(rows: 0, cols: 0) } }
                    return SignalProfile(
                        activation: activation, scheme: scheme, layers: layers, spreadOverBatch: spread)
                }
            }
        }
    }

    /// Step 4: the deep ReLU network trained from each initialization, under every seed.
    func trainingRuns(_ context: LessonContext, splits: SeededSplits, epochs: Int) throws -> [SettingRuns<DeepRun>] {
        try context.overSeeds(
            Self.trained, label: \.name, experiment: "deep relu", columns: { ["init": .text($0.name)] },
            lastK: Self.lastK
        ) { scheme, run in
            let model = deepModel(.relu, scheme, random: run.random(.weights))
            do {
                let history = try trainDeep(model, run, splits: splits, epochs: epochs)
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
    func slowConvergence(_ context: LessonContext, splits: SeededSplits, epochs: Int) throws -> [SettingRuns<EscapeRun>]
    {
        try context.overSeeds(
            Self.shallow, label: { "shallow, \($0.name)" }, experiment: "slow convergence",
            columns: { ["init": .text($0.name)] }, lastK: Self.lastK
        ) { scheme, run in
            let (train, validation) = (splits(run).train, splits(run).validation)
            let random = run.random(.weights)
            let model = Sequential.mlp([784, 64, 64, 10], random: random)
            Self.initialize(model, scheme, random: random)
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                train: train, validation: validation,
                options: TrainingOptions(epochs: epochs, batchSize: Self.batchSize))
            return EscapeRun(
                history: history,
                stepsToEscape: StandardPanels.escapeStep(history, window: Self.lossWindow, below: Self.escapeLoss).map(
                    Double.init))
        }
    }

    /// The update-to-data ratio of every layer over the first steps (one seed: a diagnostic).
    func updateHistory(train: ImageDataset, steps: Int) -> [(Scheme, [[Float]])] {
        [Self.variancePreserving[3], Self.variancePreserving[4], Self.tooSmall].map { scheme in
            let model = deepModel(.relu, scheme, random: Random(seed: lesson.seed, purpose: .weights))
            return (
                scheme,
                Diagnostics.updateToDataHistory(
                    model, loss: CrossEntropyLoss(),
                    optimizer: SGD(model.parameters, learningRate: 0.01, momentum: 0.9),
                    data: train, steps: steps, batchSize: Self.batchSize,
                    random: Random(seed: lesson.seed, purpose: .batchOrder))
            )
        }
    }

    /// The gain sweep: every layer's weights from N(0, g²/n_in), zero biases. A ReLU network
    /// keeps its signal at g = √2 (He); tanh at g = 1 only for a vanishing signal, and PyTorch's
    /// recommended 5/3 keeps it at a useful size without saturating the units.
    static let gains: [Double] = [0.5, 1, 2.0.squareRoot(), 5.0 / 3, 2, 3]

    struct GainSetting: Sendable {
        let activation: Activation
        let gain: Double
        var label: String { String(format: "%@, gain %.3g", activation.rawValue, gain) }
    }

    /// A run of the gain sweep: the signal at initialization and the trained network.
    struct GainRun: RunRecord {
        var history: History
        var divergedEpoch: Double?
        var firstLayerStd: Double
        var lastLayerStd: Double
        static let columns = [
            RunColumn("diverged_epoch", \Self.divergedEpoch),
            RunColumn("first_layer_activation_std_at_init", \Self.firstLayerStd),
            RunColumn("last_layer_activation_std_at_init", \Self.lastLayerStd),
        ]
    }

    func gainSweep(_ context: LessonContext, splits: SeededSplits, probe: (inputs: Matrix, targets: [Int]), epochs: Int)
        throws -> [SettingRuns<GainRun>]
    {
        let settings = [Activation.tanh, .relu].flatMap { activation in
            Self.gains.map { GainSetting(activation: activation, gain: $0) }
        }
        return try context.overSeeds(
            settings, label: \.label, experiment: "gain sweep",
            columns: { ["activation": .text($0.activation.rawValue), "gain": SettingValue($0.gain)] },
            lastK: Self.lastK
        ) { setting, run in
            let random = run.random(.weights)
            let model = Sequential.mlp(network.sizes, activation: setting.activation, random: random)
            for layer in model.weightedLayers {
                layer.initialize(
                    weight: .normal(mean: 0, std: Float(setting.gain) / Float(layer.fanIn).squareRoot()), bias: .zeros,
                    random: random)
            }
            let layers = Diagnostics.trace(
                model, loss: CrossEntropyLoss(), inputs: probe.inputs, targets: probe.targets)
            let (firstStd, lastStd) = (Double(layers.first!.activation.std), Double(layers.last!.activation.std))
            do {
                let history = try trainDeep(model, run, splits: splits, epochs: epochs)
                return GainRun(history: history, firstLayerStd: firstStd, lastLayerStd: lastStd)
            } catch let TrainingError.diverged(epoch, _, _, history) {
                return GainRun(
                    history: history, divergedEpoch: Double(epoch), firstLayerStd: firstStd, lastLayerStd: lastStd)
            }
        }
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
            [
                RunColumn<SymmetryRun>("weight_spread_before_layer_\(layer + 1)") { $0.spreadBefore[layer] },
                RunColumn<SymmetryRun>("weight_spread_after_layer_\(layer + 1)") { $0.spreadAfter[layer] },
                RunColumn<SymmetryRun>("relative_weight_spread_after_layer_\(layer + 1)") {
                    $0.relativeSpreadAfter[layer]
                },
            ]
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

    struct Report {
        let symmetry: [SettingRuns<SymmetryRun>]
        /// Per seed, every network's statistics at initialization.
        let profiles: [[SignalProfile]]
        let runs: [SettingRuns<DeepRun>]
        let updateRatios: [(Scheme, [[Float]])]
        let slow: [SettingRuns<EscapeRun>]
        let gainSweep: [SettingRuns<GainRun>]
        /// Per gain-sweep setting, the predicted first and last hidden layer's activation std.
        let predictedGainStd: [(first: Double, last: Double)]

        func profile(_ activation: Activation, _ name: String, seed: Int = 0) -> SignalProfile {
            profiles[seed].first { $0.activation == activation && $0.scheme.name == name }!
        }

        /// Per seed: last hidden layer's activation std over the first's.
        func signalRatio(_ activation: Activation, _ name: String) -> Estimate {
            Estimate(
                profiles.indices.map { seed in
                    let layers = profile(activation, name, seed: seed).layers
                    return Double(layers.last!.activation.std / layers.first!.activation.std)
                })
        }

        /// Per seed: the same ratio for the input-dependent part, `spreadOverBatch`.
        func spreadRatio(_ activation: Activation, _ name: String) -> Estimate {
            Estimate(
                profiles.indices.map { seed in
                    let spread = profile(activation, name, seed: seed).spreadOverBatch
                    return spread.last! / spread.first!
                })
        }

        /// Per seed, a value of the last hidden layer.
        func last(_ activation: Activation, _ name: String, _ value: (SignalProfile) -> Double) -> Estimate {
            Estimate(profiles.indices.map { value(profile(activation, name, seed: $0)) })
        }
    }

    struct SignalProfile {
        let activation: Activation
        let scheme: Scheme
        let layers: [LayerDiagnostics]
        /// Per hidden layer, the input-dependent part of its activations: each unit's std over
        /// the batch, averaged over the units (`TensorStatistics.meanColumnSpread`).
        let spreadOverBatch: [Double]
    }

    /// Mean over inputs of the standard deviation across a layer's units of their weights:
    /// 0 exactly when every unit has the same weights.
    static func spreadAcrossUnits(_ weight: Matrix) -> Float {
        let columns = (0..<weight.cols).map { c in
            TensorStatistics(Matrix(rows: weight.rows, cols: 1, (0..<weight.rows).map { weight[$0, c] })).std
        }
        return columns.reduce(0, +) / Float(columns.count)
    }

    /// The spread relative to the weights' mean absolute value.
    static func relativeSpread(_ weight: Matrix) -> Double {
        let size = weight.storage.reduce(0) { $0 + Double(abs($1)) } / Double(max(weight.count, 1))
        return Double(spreadAcrossUnits(weight)) / max(size, .leastNormalMagnitude)
    }

    /// The predicted factor per hidden layer (2…depth, all width × width) of a ReLU
    /// network's activation std: Var(z) = n·Var(W)·E[a²] and E[a²] = Var(z)/2, so the std
    /// changes by √(n·Var(W)/2) per layer: 1 for He (Var(W) = 2/n), 1/√2 for Xavier
    /// (2/(n+n) = 1/n), 1/√6 for PyTorch's default (1/(3n)).
    func predictedReLUFactor(_ scheme: Scheme) -> Double? {
        guard let std = scheme.initializer.standardDeviation(fanIn: width, fanOut: width) else { return nil }
        return (Double(width) * Double(std) * Double(std) / 2).squareRoot()
    }

    /// The mean-field prediction of the last hidden layer's activation std for weights
    /// N(0, g²/n_in) and zero biases, from the input's mean square.
    func predictedStd(_ setting: GainSetting, inputMeanSquare: Double) -> (first: Double, last: Double) {
        let field = MeanField(setting.activation)
        var q = setting.gain * setting.gain * inputMeanSquare
        let first = field.activationStd(variance: q)
        for _ in 1..<depth { q = field.nextVariance(q, gainSquared: setting.gain * setting.gain) }
        return (first, field.activationStd(variance: q))
    }
}

InitializationLesson.main()
