// Vanishing and exploding gradients, as the lecture teaches them: the 0.25ᴸ bound of a sigmoid
// chain (step 1); the gradient norm of every layer of deep sigmoid, tanh and ReLU networks at
// initialization and after training, over seeds, against the predicted factor per layer
// (step 2); the ReLU network's weights scaled by k, exploding and vanishing as k^depth
// (step 3). The options are in Command.swift, the printed report in Report.swift, the figures
// in Figures.swift.

import Engine
import EngineData
import Foundation
import LessonKit

extension VanishingGradientsLesson {
    /// A deep network and the initialization that suits (or, for the sigmoid, is usual for) it.
    struct Network: Sendable {
        let name: String
        let activation: Activation
        let initializer: Initializer
    }

    /// Xavier's gain is named in every label: gain 1 is the lecture's (and lesson-initialization's)
    /// Xavier, 5/3 is PyTorch's recommended gain for tanh. The three sigmoid networks separate
    /// the activation from the init: Xavier gain 1 has √n·σ_W = 1 (the lecture's 0.25 per layer
    /// made literal), gain 4 has weights 4 times larger (enough to cancel 0.25 if σ′ stayed at
    /// its maximum), PyTorch's default has √n·σ_W = 1/√3.
    static let networks = [
        Network(name: "sigmoid, PyTorch default init", activation: .sigmoid, initializer: .pytorchDefault),
        Network(name: "sigmoid, Xavier gain 1", activation: .sigmoid, initializer: .xavierUniform(gain: 1)),
        Network(name: "sigmoid, Xavier gain 4", activation: .sigmoid, initializer: .xavierUniform(gain: 4)),
        Network(name: "tanh, Xavier gain 5/3", activation: .tanh, initializer: .xavierUniform(gain: 5.0 / 3)),
        Network(name: "ReLU, He init", activation: .relu, initializer: .kaimingNormal(nonlinearity: .relu)),
    ]
    static let scales: [Float] = [0.5, 1, 1.5, 2]
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 3
    /// Images of the batch the gradient norms are measured on.
    static let probeSize = 256

    /// The deep networks' shape, read throughout the lesson and its figures.
    var depth: Int { network.depth }
    var width: Int { network.width }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        context.report(
            String(
                format:
                    "σ′(z) = σ(z)(1 − σ(z)) is largest at z = 0: %.2f. Through 10 sigmoid layers the σ′ factors alone are at most 0.25¹⁰ = %.3g (the weights multiply the gradient too).",
                Self.sigmoidDerivative(0), pow(0.25, 10)))
        try context.write(Self.boundFigure())

        let splits = try context.loadSplits(
            training, trainSize: context.budget(10000, quick: 1000),
            validationSize: context.budget(5000, quick: 1000), testSize: 0)
        let (train, validation, _) = splits.first.sets
        guard train.count >= 2, validation.count >= 1 else {
            throw LessonError(
                "lesson-\(context.name) needs at least 5 images in the training file (10 % of them validate); the data have \(train.count + validation.count)"
            )
        }
        let probe = train.batch(Array(0..<min(Self.probeSize, train.count))[...])
        let runs = try trainNetworks(context, splits: splits, probe: probe, epochs: epochs)
        let scaled = explode(context, probe: probe)
        let report = Report(runs: runs, predictedFactors: Self.networks.map(predictedFactor), scaled: scaled)
        try context.write(gradientFigure(report, epochs: epochs, probeCount: probe.targets.count))
        try context.write(factorFigure(report))
        try context.write(trainingFigure(runs))
        try context.write(explodingFigure(scaled))
        reportSummary(context, report, epochs: epochs, probeCount: probe.targets.count, trainCount: train.count)
        try context.finish()
        return report
    }

    func makeModel(_ setting: Network, scale: Float = 1, random: Random) -> Sequential {
        let model = Sequential.mlp(network.sizes, activation: setting.activation, random: random)
        for layer in model.weightedLayers {
            layer.initialize(weight: setting.initializer, bias: .zeros, random: random)
            layer.weight.value.scale(by: scale)
        }
        return model
    }

    /// ‖∂L/∂W⁽ˡ⁾‖ of every weight matrix on one batch.
    static func gradientNorms(_ model: Sequential, batch: (inputs: Matrix, targets: [Int])) -> [Float] {
        _ = Diagnostics.trace(model, loss: CrossEntropyLoss(), inputs: batch.inputs, targets: batch.targets)
        return Diagnostics.weightGradientNorms(model)
    }

    /// The predicted factor by which ‖∂L/∂W‖ changes from one hidden layer to the one below
    /// it at initialization. Each backward step multiplies the signal by Wᵀ (a sum of n terms
    /// of size σ_W: ×√n·σ_W) and by f′(z), so the factor is √n·σ_W·√E[f′(z)²] with z the
    /// layer's pre-activation, normal with the variance at which the forward pass settles
    /// (`MeanField`). For small weights E[f′²] ≈ f′(0)², so the sigmoid's factor is about
    /// 0.25·√n·σ_W: 1/6.9 for PyTorch's default, 1/4 for Xavier gain 1; large weights spread z
    /// to where σ′ is small, and the factor falls below 0.25·√n·σ_W.
    func predictedFactor(_ network: Network) -> Double {
        let std = Double(network.initializer.standardDeviation(fanIn: width, fanOut: width) ?? 0)
        return MeanField(network.activation).gradientFactor(gainSquared: Double(width) * std * std)
    }

    /// The measured factor per layer: the geometric mean of ‖∂W⁽ˡ⁾‖/‖∂W⁽ˡ⁺¹⁾‖ over the hidden
    /// layers 2…depth, whose inputs and outputs are both hidden activations.
    static func measuredFactor(_ norms: [Float]) -> Double? {
        guard norms.count >= 4 else { return nil }
        let first = 1, last = norms.count - 2
        return pow(Double(norms[first]) / Double(norms[last]), 1 / Double(last - first))
    }

    /// Step 2: gradient norms per layer at initialization, training, and again after it,
    /// for each network under every seed.
    func trainNetworks(
        _ context: LessonContext, splits: SeededSplits,
        probe: (inputs: Matrix, targets: [Int]), epochs: Int
    ) throws -> [SettingRuns<GradientRun>] {
        let learningRate = learningRate.value
        return try context.overSeeds(
            Self.networks, label: \.name, columns: { ["activation": .text($0.name)] },
            optionColumns: GradientRun.layerColumns(depth + 1), lastK: Self.lastK
        ) { network, run in
            let (train, validation) = (splits(run).train, splits(run).validation)
            let model = makeModel(network, random: run.random(.weights))
            let before = Self.gradientNorms(model, batch: probe)
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: learningRate),
                train: train, validation: validation, options: TrainingOptions(epochs: epochs, batchSize: 64))
            let after = Self.gradientNorms(model, batch: probe)
            return GradientRun(
                history: history, initialNorms: before.map(Double.init), trainedNorms: after.map(Double.init),
                factor: Self.measuredFactor(before))
        }
    }

    /// One run with the gradient norms of each layer on the probe batch, before and after training.
    struct GradientRun: RunRecord {
        var history: History
        var initialNorms: [Double]
        var trainedNorms: [Double]
        /// The per-layer factor fitted to the initial norms, where measurable.
        var factor: Double?
        var attenuation: Double { initialNorms.first! / initialNorms.last! }

        static let columns = [
            RunColumn("attenuation_first_to_last", \Self.attenuation), RunColumn("factor_per_layer", \Self.factor),
        ]

        /// Per layer: the norm at initialization, then after training.
        static func layerColumns(_ layers: Int) -> [RunColumn<GradientRun>] {
            (0..<layers).map { layer in RunColumn("gradient_norm_init_layer_\(layer + 1)") { $0.initialNorms[layer] } }
                + (0..<layers).map { layer in
                    RunColumn("gradient_norm_trained_layer_\(layer + 1)") { $0.trainedNorms[layer] }
                }
        }

        static func norms(_ setting: SettingRuns<GradientRun>, trained: Bool, layer: Int) -> Estimate {
            Estimate(setting.runs.map { (trained ? $0.trainedNorms : $0.initialNorms)[layer] })
        }
    }

    /// One scaled network at initialization: every layer's ‖∂L/∂W⁽ˡ⁾‖ and the norm of the
    /// loss's gradient with respect to the logits, ‖∂L/∂z⁽ᴸ⁾‖ (where backpropagation starts).
    struct Scaled {
        let norms: [Float]
        let outputGradient: Float
    }

    /// Step 3: the ReLU network with its He weights multiplied by k, at initialization, for
    /// every seed. ReLU is positively homogeneous and the biases are 0, so the activations of
    /// layer l grow as k^l and the backpropagated signal into layer l as k^(L−l): every weight
    /// gradient aᵀδ grows as k^(L−1) = k^depth, times the change of ∂L/∂z⁽ᴸ⁾ (softmax saturates).
    func explode(_ context: LessonContext, probe: (inputs: Matrix, targets: [Int])) -> [[Scaled]] {
        context.seeds.map { seed in
            Self.scales.map { scale in
                let model = makeModel(Self.networks.last!, scale: scale, random: Random(seed: seed, purpose: .weights))
                let norms = Self.gradientNorms(model, batch: probe)
                let logitGradient = CrossEntropyLoss()(model.forward(probe.inputs), probe.targets).gradient
                return Scaled(norms: norms, outputGradient: logitGradient.sumOfSquares().squareRoot())
            }
        }
    }

    /// ‖∂W⁽ˡ⁾(k)‖/‖∂W⁽ˡ⁾(1)‖ (geometric mean over the layers) per seed, and the same ratio
    /// for g = ‖∂L/∂logits‖.
    static func explodingRatios(_ scaled: [[Scaled]], scaleIndex: Int) -> (weights: Estimate, logits: Estimate) {
        let reference = scales.firstIndex(of: 1)!
        let weights = scaled.map { perScale in
            let logs = zip(perScale[scaleIndex].norms, perScale[reference].norms).map { log(Double($0) / Double($1)) }
            return exp(logs.reduce(0, +) / Double(logs.count))
        }
        return (
            Estimate(weights),
            Estimate(scaled.map { Double($0[scaleIndex].outputGradient / $0[reference].outputGradient) })
        )
    }

    /// Per seed, layer `layer`'s ‖∂L/∂W⁽ˡ⁾‖ with the weights × k over its k = 1 norm, divided
    /// by the scaling argument's k^(L−1): 1 where the argument holds at that layer.
    static func ratioToPrediction(_ scaled: [[Scaled]], scaleIndex: Int, layer: Int) -> [Double] {
        let reference = scales.firstIndex(of: 1)!
        return scaled.map { perScale in
            let norms = perScale[scaleIndex].norms
            let power = pow(Double(scales[scaleIndex]), Double(norms.count - 1))
            return Double(norms[layer]) / Double(perScale[reference].norms[layer]) / power
        }
    }

    struct Report {
        let runs: [SettingRuns<GradientRun>]
        /// Per network, the predicted factor per hidden layer.
        let predictedFactors: [Double]
        /// Per seed, per scale k: every layer's gradient norm.
        let scaled: [[Scaled]]
        func setting(_ name: String) -> SettingRuns<GradientRun> { runs.first { $0.label == name }! }
        var sigmoid: SettingRuns<GradientRun> { runs[0] }
    }

    static func sigmoidDerivative(_ z: Float) -> Float {
        let s = Sigmoid.sigmoid(z)
        return s * (1 - s)
    }
}

VanishingGradientsLesson.main()
