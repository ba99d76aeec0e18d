// Batch normalization, as the lecture teaches it: the lecture's block with and without
// BatchNorm, from the default initialization and from tiny weights, over seeds (step 1); a
// learning-rate sweep with the weight norms that explain the larger steps BatchNorm tolerates
// (step 2); the running estimates used at inference and the pitfall of batch statistics on
// small batches, and the redundant bias before BatchNorm (step 3). The options are in
// Command.swift, the printed report in Report.swift, the figures in Figures.swift.

import Engine
import EngineData
import Foundation
import LessonKit

extension BatchNormLesson {
    static let sizes = [784, 128, 64, 10]
    static let batchSize = 64
    static let lastK = 3
    /// Epochs of the learning-rate sweep.
    static let sweepEpochs = 3

    struct Setting: Sendable {
        let label: String
        let batchNorm: Bool
        let tinyInit: Bool
    }

    static let settings = [
        Setting(label: "no BatchNorm", batchNorm: false, tinyInit: false),
        Setting(label: "BatchNorm", batchNorm: true, tinyInit: false),
        Setting(label: "no BatchNorm, N(0, 0.001²) init", batchNorm: false, tinyInit: true),
        Setting(label: "BatchNorm, N(0, 0.001²) init", batchNorm: true, tinyInit: true),
    ]

    func makeModel(_ setting: Setting, random: Random, masks: Random) -> Sequential {
        let model = Sequential.mlp(
            Self.sizes, batchNorm: setting.batchNorm, dropout: dropout.value, random: random, masks: masks)
        if setting.tinyInit {
            for layer in model.weightedLayers {
                layer.initialize(weight: .normal(mean: 0, std: 0.001), bias: .zeros, random: random)
            }
        }
        return model
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.limit, quick: 2000),
            validationSize: context.budget(nil, quick: 1000), testSize: context.budget(nil, quick: 1000))
        let (train, validation, fullTest) = splits.first.sets
        // Evaluating with batch statistics needs ≥ 2 images in every batch: keep a multiple of 8.
        let test = fullTest.randomSubset(
            fullTest.count / 8 * 8, random: Random(seed: lesson.splitSeed ?? 0, purpose: .dataSubset))
        guard train.count >= Self.batchSize, validation.count >= 1, test.count >= 8 else {
            throw LessonError(
                "lesson-\(context.name) needs at least \(Self.batchSize * 10 / 9 + 1) images in the training file (\(Self.batchSize) to train on, 10 % to validate) and 8 in the test file; the data have \(train.count + validation.count) and \(fullTest.count)"
            )
        }
        let probe = train.batch(Array(0..<min(Self.probeSize, train.count))[...])

        let (difference, biasGradient) = Self.biasRedundancy(random: Random(seed: lesson.seed))
        context.report(
            String(
                format:
                    "Linear with bias → BatchNorm vs the same Linear without bias → BatchNorm: largest output difference %.2g; the bias's gradient is at most %.2g.",
                difference, biasGradient))
        let runs = try compare(context, splits: splits, test: test, probe: probe, epochs: epochs)
        let captured = Captured(runs)
        let rates = sweep.values.map(\.value)
        let sweepRuns = try learningRateSweep(context, rates: rates, splits: splits)
        let report = Report(
            runs: runs, sweep: sweepRuns, sweepRates: rates, captured: captured,
            biasOutputDifference: difference, biasGradientSize: biasGradient)
        try context.write(curvesFigure(runs, epochs: epochs))
        try context.write(stallFigure(runs))
        try context.write(percentileFigure(captured))
        try context.write(Self.preActivationFigure(captured))
        try context.write(sweepFigure(report))
        try context.write(Self.sweepComparisonFigure(report))
        try context.write(
            Self.inferenceFigure(
                report.run("BatchNorm"), batchSizes: Self.inferenceBatchSizes.filter { $0 <= test.count }))
        reportSummary(context, report, epochs: epochs, trainCount: train.count, testCount: test.count)
        try context.finish()
        return report
    }

    /// Images of the batch the pre-activations are measured on.
    static let probeSize = 512
    /// Evaluation batch sizes of the inference pitfall: batch statistics against running estimates.
    static let inferenceBatchSizes = [2, 4, 8, 32, 128, 1000]
    /// The running average of the minibatch loss that counts as "left the plateau" (chance is ln 10 ≈ 2.30).
    static let escapeLoss = 2.0
    /// Steps in the loss's running mean, counted only over full windows (a mean of the first
    /// few losses alone would decide the BatchNorm networks, which cross within 20 steps);
    /// short, so that BatchNorm's few-step differences stay measurable: with 5, the
    /// default-initialized BatchNorm network crossed at the first counted step on 9 of 10 seeds.
    static let lossWindow = 3

    /// Step 1: the four networks under every seed. Each BatchNorm run is also evaluated with
    /// batch statistics on small batches, and its running estimates are checked.
    func compare(
        _ context: LessonContext, splits: SeededSplits, test: ImageDataset,
        probe: (inputs: Matrix, targets: [Int]), epochs: Int
    ) throws -> [SettingRuns<NormRun>] {
        let learningRate = learningRate.value
        return try context.overSeeds(
            Self.settings, label: \.label, experiment: "compare",
            columns: {
                [
                    "batch_norm": SettingValue($0.batchNorm),
                    "init": .text($0.tinyInit ? "normal 0.001" : "pytorch default"),
                ]
            },
            lastK: Self.lastK
        ) { setting, run in
            let (train, validation) = (splits(run).train, splits(run).validation)
            let model = makeModel(setting, random: run.random(.weights), masks: run.random(.noise))
            let first = run.seedIndex == 0
            let before = first ? try Self.preActivations(model, batch: probe) : []
            let tracker =
                first && !setting.tinyInit
                ? PercentileTracker(model: model, probe: probe.inputs, every: lesson.quick ? 1 : 5) : nil
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: learningRate),
                train: train, validation: validation,
                options: TrainingOptions(
                    epochs: epochs, batchSize: Self.batchSize, dropLast: true, evaluateTrainingSet: true),
                callbacks: tracker.map { [$0] } ?? [])
            var result = NormRun(
                history: history, test: Evaluation(of: model, loss: CrossEntropyLoss(), on: test),
                stepsToEscape: StandardPanels.escapeStep(
                    history, window: Self.lossWindow, below: Self.escapeLoss, fullWindowsOnly: true
                ).map(Double.init))
            if first {
                result.capture = .init(
                    before: before, after: try Self.preActivations(model, batch: probe), tracker: tracker)
            }
            if setting.batchNorm && !setting.tinyInit {
                for size in Self.inferenceBatchSizes where size <= test.count {
                    result.batchStatisticsAccuracy[size] =
                        100
                        * Double(
                            Evaluation(
                                of: model, loss: CrossEntropyLoss(), on: test, batchSize: size, batchStatistics: true
                            ).accuracy!)
                    result.runningEstimatesAccuracy[size] =
                        100
                        * Double(Evaluation(of: model, loss: CrossEntropyLoss(), on: test, batchSize: size).accuracy!)
                }
                result.runningChecks = try Self.runningStatisticsCheck(model, data: train)
            }
            return result
        }
    }

    /// Step 2: the larger learning rate BatchNorm permits: both networks at each rate of the
    /// sweep, for a few epochs. A run that diverges counts as chance (10 %).
    func learningRateSweep(_ context: LessonContext, rates: [Float], splits: SeededSplits) throws -> [SettingRuns<
        SweepRun
    >] {
        let settings = rates.flatMap { rate in [(rate, false), (rate, true)] }
        let epochs = min(Self.sweepEpochs, training.epochs ?? Self.sweepEpochs)
        return try context.overSeeds(
            settings, label: { Self.sweepLabel($0.0, batchNorm: $0.1) }, experiment: "learning-rate sweep",
            columns: { ["learning_rate": SettingValue($0.0), "batch_norm": SettingValue($0.1)] }, lastK: 1
        ) { setting, run in
            let (train, validation) = (splits(run).train, splits(run).validation)
            let model = makeModel(
                Setting(label: "", batchNorm: setting.1, tinyInit: false), random: run.random(.weights),
                masks: run.random(.noise))
            let startNorms = SweepRun.hiddenWeightNorms(model)!
            do {
                let history = try run.fit(
                    model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: setting.0),
                    train: train, validation: validation,
                    options: TrainingOptions(epochs: epochs, batchSize: Self.batchSize, dropLast: true))
                return SweepRun(
                    history: history, finalValidation: 100 * Double(history.last?.validationAccuracy ?? 0.1),
                    startNorms: startNorms, endNorms: SweepRun.hiddenWeightNorms(model))
            } catch let TrainingError.diverged(epoch, _, _, history) {
                return SweepRun(
                    history: history, finalValidation: 10, divergedEpoch: Double(epoch), startNorms: startNorms)
            }
        }
    }

    /// One run of step 1. The first seed's runs also keep their pre-activations and the
    /// percentile tracker for the figures.
    struct NormRun: RunRecord {
        var history: History
        var test: Evaluation?
        var stepsToEscape: Double?
        /// Test accuracy (%) per evaluation batch size of `inferenceBatchSizes` (BatchNorm runs).
        var batchStatisticsAccuracy: [Int: Double] = [:]
        var runningEstimatesAccuracy: [Int: Double] = [:]
        /// The running-statistics check of each BatchNorm layer (BatchNorm runs).
        var runningChecks: [RunningCheck] = []
        var capture: Capture?

        /// Made by the run that owns it and read only after every run has finished.
        struct Capture: @unchecked Sendable {
            let before: [LayerDiagnostics]
            let after: [LayerDiagnostics]
            let tracker: PercentileTracker?
        }

        static let columns: [RunColumn<NormRun>] =
            [RunColumn("steps_to_escape", \Self.stepsToEscape)]
            + inferenceBatchSizes.flatMap { size in
                [
                    RunColumn<NormRun>("test_accuracy_batch_statistics_batch_\(size)_pct") {
                        $0.batchStatisticsAccuracy[size]
                    },
                    RunColumn<NormRun>("test_accuracy_running_estimates_batch_\(size)_pct") {
                        $0.runningEstimatesAccuracy[size]
                    },
                ]
            }
            + [1, 2].flatMap { layer in
                [
                    RunColumn<NormRun>("running_mean_error_stds_layer_\(layer)") { run in
                        run.check(layer).map { Double($0.meanError) }
                    },
                    RunColumn<NormRun>("running_variance_ratio_dropout_on_layer_\(layer)") { run in
                        run.check(layer).map { Double($0.varianceRatioTraining) }
                    },
                    RunColumn<NormRun>("running_variance_ratio_dropout_off_layer_\(layer)") { run in
                        run.check(layer).map { Double($0.varianceRatioInference) }
                    },
                ]
            }

        func check(_ layer: Int) -> RunningCheck? { runningChecks.first { $0.layer == layer } }
    }

    /// A run of the learning-rate sweep; a diverged one counts as chance (10 %). It also
    /// keeps the Frobenius norm of the two hidden Linear layers' weights (the ones feeding
    /// BatchNorm in the BatchNorm network) before and after training: BatchNorm makes the
    /// output independent of their scale, so a step of η moves the function like a step of
    /// η/‖W‖², and ‖W‖ grows with every step (the gradient is orthogonal to W).
    struct SweepRun: RunRecord {
        var history: History
        var finalValidation: Double
        var divergedEpoch: Double?
        var startNorms: [Double]
        /// Nil when the run diverged or its weights overflowed.
        var endNorms: [Double]?

        static let columns =
            [
                RunColumn("final_validation_accuracy_or_chance_pct", \Self.finalValidation),
                RunColumn("diverged_epoch", \Self.divergedEpoch),
            ]
            + [1, 2].flatMap { layer in
                [
                    RunColumn<SweepRun>("weight_norm_start_layer_\(layer)") { $0.startNorms[layer - 1] },
                    RunColumn<SweepRun>("weight_norm_end_layer_\(layer)") { $0.endNorms?[layer - 1] },
                ]
            }

        /// ‖W‖ of the hidden Linear layers (those before a BatchNorm in the BatchNorm network);
        /// nil when a weight has overflowed (a run blowing up without a non-finite loss yet).
        static func hiddenWeightNorms(_ model: Sequential) -> [Double]? {
            let norms = model.weightedLayers.dropLast().map { layer in
                layer.weight.value.storage.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            }
            return norms.allSatisfy(\.isFinite) ? norms : nil
        }
    }

    struct Report {
        let runs: [SettingRuns<NormRun>]
        let sweep: [SettingRuns<SweepRun>]
        let sweepRates: [Float]
        let captured: Captured
        let biasOutputDifference: Float
        let biasGradientSize: Float
        func run(_ label: String) -> SettingRuns<NormRun> { runs.first { $0.label == label }! }
        func sweepRun(_ rate: Float, batchNorm: Bool) -> SettingRuns<SweepRun> {
            sweep.first { $0.label == BatchNormLesson.sweepLabel(rate, batchNorm: batchNorm) }!
        }
        /// BatchNorm − no BatchNorm in validation accuracy at each swept rate, paired over the
        /// seeds and Holm-corrected over the rates: the report's verdicts and the figure's forest.
        var sweepComparisons: Holm {
            Holm(
                sweepRates.map { rate in
                    Difference(
                        sweepRun(rate, batchNorm: true).estimate(\.finalValidation),
                        sweepRun(rate, batchNorm: false).estimate(\.finalValidation))
                })
        }
    }

    /// What the first seed's runs leave for the figures: pre-activations before and after
    /// training, and the percentiles of one unit's pre-activation per step.
    struct Captured {
        var before: [String: [LayerDiagnostics]] = [:]
        var after: [String: [LayerDiagnostics]] = [:]
        var percentiles: [String: PercentileTracker] = [:]

        /// What the first seed's run of each setting captured.
        init(_ runs: [SettingRuns<NormRun>]) {
            for setting in runs {
                guard let capture = setting.runs.first?.capture else { continue }
                before[setting.label] = capture.before
                after[setting.label] = capture.after
                if let tracker = capture.tracker { percentiles[setting.label] = tracker }
            }
        }
    }

    /// The pre-activations (what enters each ReLU) on one batch, measured in training mode
    /// without disturbing the running statistics.
    static func preActivations(_ model: Sequential, batch: (inputs: Matrix, targets: [Int])) throws
        -> [LayerDiagnostics]
    {
        let saved = model.state()
        let relus = Set(model.layers.indices.filter { model.layers[$0] is ReLU }.map { $0 - 1 })
        let layers = model.layers
        let result = Diagnostics.trace(
            model, loss: CrossEntropyLoss(), inputs: batch.inputs, targets: batch.targets,
            include: { layer in relus.contains(layers.firstIndex { $0 === layer }!) })
        try model.load(saved)
        return result
    }

    static func sweepLabel(_ rate: Float, batchNorm: Bool) -> String {
        "\(batchNorm ? "BatchNorm" : "no BatchNorm"), lr \(rate)"
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
    /// over up to 10,000 training images, with dropout active (as during training) and
    /// without (as at inference).
    struct RunningCheck: Sendable {
        let layer: Int
        let meanError: Float
        let varianceRatioTraining: Float
        let varianceRatioInference: Float
    }

    static func runningStatisticsCheck(_ model: Sequential, data: ImageDataset) throws -> [RunningCheck] {
        let inputs = data.batch(Array(0..<min(data.count, 10000))[...]).inputs
        let norms = model.layers.indices.filter { model.layers[$0] is BatchNorm1d }
        // Batch statistics in every BatchNorm (training mode) both times; only the dropout
        // layers switch, so the second measurement changes dropout alone.
        func statistics(dropout: Bool) throws -> [(mean: [Float], variance: [Float])] {
            let saved = model.state()
            let tracer = ActivationTracer()
            model.tracer = tracer
            model.train()
            for layer in model.layers where layer is Dropout { layer.train(dropout) }
            _ = model.forward(inputs)
            model.tracer = nil
            model.train()
            try model.load(saved)
            return norms.map { BatchNorm1d.batchStatistics(tracer.outputs[$0 - 1]!) }
        }
        let withDropout = try statistics(dropout: true), withoutDropout = try statistics(dropout: false)
        return norms.enumerated().map { number, index in
            let norm = model.layers[index] as! BatchNorm1d
            let running = (norm.runningMean.value.storage, norm.runningVariance.value.storage)
            let meanError =
                (0..<norm.features).map { c in
                    abs(running.0[c] - withDropout[number].mean[c])
                        / max(withDropout[number].variance[c].squareRoot(), 1e-12)
                }.reduce(0, +) / Float(norm.features)
            func ratio(_ actual: [Float]) -> Float {
                (0..<norm.features).map { running.1[$0] / max(actual[$0], 1e-12) }.reduce(0, +) / Float(norm.features)
            }
            return RunningCheck(
                layer: number + 1, meanError: meanError,
                varianceRatioTraining: ratio(withDropout[number].variance),
                varianceRatioInference: ratio(withoutDropout[number].variance))
        }
    }
}

/// Every few steps, the 15th, 50th and 85th percentiles over a fixed batch of one unit's
/// pre-activation in the last hidden layer (what enters its ReLU), as in Ioffe & Szegedy's
/// figure 1. Measured in training mode with dropout off (no mask is drawn, so training's
/// random streams are untouched) and the running statistics restored afterwards.
final class PercentileTracker: TrainingCallback, @unchecked Sendable {
    let model: Sequential
    let probe: Matrix
    let every: Int
    let unit = 0
    private(set) var steps: [Double] = []
    private(set) var percentiles: [[Double]] = [[], [], []]
    private var step = 0

    init(model: Sequential, probe: Matrix, every: Int) {
        self.model = model
        self.probe = probe
        self.every = every
    }

    func trainingWillStart(epochs: Int, batchesPerEpoch: Int) { record() }

    func batchDidEnd(epoch: Int, batch: Int, loss: Float) {
        step += 1
        if step % every == 0 { record() }
    }

    private func record() {
        guard let relu = model.layers.indices.last(where: { model.layers[$0] is ReLU }),
            let saved = Optional(model.state())
        else { return }
        let tracer = ActivationTracer()
        model.tracer = tracer
        model.train()
        for layer in model.layers where layer is Dropout { layer.train(false) }
        _ = model.forward(probe)
        model.tracer = nil
        model.train()
        try? model.load(saved)
        guard let output = tracer.outputs[relu - 1] else { return }
        let values = (0..<output.rows).map { Double(output[$0, unit]) }.sorted()
        steps.append(Double(step))
        for (index, p) in [0.15, 0.5, 0.85].enumerated() {
            percentiles[index].append(values[Int((p * Double(values.count - 1)).rounded())])
        }
    }
}

BatchNormLesson.main()
