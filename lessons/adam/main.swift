// Adam, as the lecture teaches it: its moment estimates m and v on a gradient stream with
// known moments, why they start biased towards zero and what the correction does (step 1);
// then the same network trained on Fashion-MNIST over seeds with and without the correction
// at two learning rates, and corrected Adam at larger rates and after a warm-up, compared by
// the early minibatch loss and the validation accuracy (step 2). The options are in
// Command.swift, the printed report in Report.swift, the figures in Figures.swift.

import Engine
import Foundation
import LessonKit

extension AdamLesson {
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 2

    /// The lesson's arms: the corrected/uncorrected pairs at 0.001 and 0.01, then the tests of
    /// "the uncorrected Adam wins at 0.001 because the problem wants a larger rate": corrected
    /// Adam at larger constant rates, and at 0.002 with a linear warm-up (small steps early,
    /// the opposite of the uncorrected Adam's large early steps).
    static let settings =
        [0.001, 0.01].flatMap { rate in [true, false].map { Setting(rate: Float(rate), correction: $0) } }
        + [
            Setting(rate: 0.002, correction: true), Setting(rate: 0.005, correction: true),
            Setting(rate: 0.002, correction: true, warmUp: warmUpSteps),
        ]
    static let warmUpSteps = 200

    struct Setting: Sendable {
        let rate: Float
        let correction: Bool
        /// Steps over which the rate climbs linearly from rate/warmUp to rate; 0 for none.
        var warmUp = 0
        var label: String {
            "lr \(rate) \(correction ? "corrected" : "uncorrected")" + (warmUp > 0 ? " + \(warmUp)-step warm-up" : "")
        }

        /// The step size this arm applies at step t, in units of its learning rate times m̂/√v̂:
        /// the warm-up's fraction, or the uncorrected Adam's (1 − β₁ᵗ)/√(1 − β₂ᵗ).
        func multiplier(step t: Int) -> Double {
            if !correction { return AdamLesson.uncorrectedMultiplier(step: t) }
            return warmUp > 0 ? min(1, Double(t) / Double(warmUp)) : 1
        }
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let trace = try showMoments(context)
        let runs = try compareOnImages(context)
        try context.finish()
        return Report(trace: trace, runs: runs)
    }

    /// Step 1: Adam's state on a synthetic gradient stream with known moments.
    func showMoments(_ context: LessonContext) throws -> Trace {
        let trace = Self.trace(mean: mean, noise: noise.value, steps: steps, random: Random(seed: lesson.seed))
        guard (trace.m + trace.v + trace.mHat + trace.vHat).allSatisfy(\.isFinite) else {
            throw LessonError(
                "the gradient stream overflowed Float (mean \(mean), noise \(noise.value)): choose smaller values")
        }
        reportMoments(context, trace)
        try context.write(figure(trace))
        return trace
    }

    /// One run of step 2 with the minibatch losses its table reads.
    struct LossRun: RunRecord {
        var history: History
        var lossAtStep1: Double
        var meanLossSteps2To20: Double
        var meanLossSteps21To100: Double

        /// How much the training loss fell over the last epoch (the epoch before it minus the
        /// last): still well above zero when the budget ends before the arm settles. Nil for a
        /// single epoch.
        var trainLossFallInLastEpoch: Double? {
            let losses = history.epochs.suffix(2).map { Double($0.trainLoss) }
            return losses.count == 2 ? losses[0] - losses[1] : nil
        }

        static let columns = [
            RunColumn("loss_step_1", \Self.lossAtStep1),
            RunColumn("mean_loss_steps_2_20", \Self.meanLossSteps2To20),
            RunColumn("mean_loss_steps_21_100", \Self.meanLossSteps21To100),
            RunColumn("train_loss_fall_last_epoch", \Self.trainLossFallInLastEpoch),
        ]
    }

    /// Step 2: the same network with and without the correction, at two learning rates, over seeds.
    func compareOnImages(_ context: LessonContext) throws -> [SettingRuns<LossRun>] {
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(10000, quick: 2000),
            validationSize: context.budget(5000, quick: 1000), testSize: 0)
        let train = splits.first.train
        let settings = Self.settings
        let runs = try context.overSeeds(
            settings, label: \.label,
            columns: {
                [
                    "learning_rate": SettingValue($0.rate), "bias_correction": SettingValue($0.correction),
                    "warm_up_steps": SettingValue($0.warmUp),
                ]
            },
            lastK: Self.lastK
        ) { setting, run in
            let (train, validation, _) = splits(run).sets
            let model = Sequential.mlp([784, 256, 10], random: run.random(.weights))
            let optimizer = Adam(model.parameters, learningRate: setting.rate, biasCorrection: setting.correction)
            let warmUp =
                setting.warmUp > 0 ? [LinearWarmUp(optimizer, target: setting.rate, steps: setting.warmUp)] : []
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(), optimizer: optimizer,
                train: train, validation: validation, options: TrainingOptions(epochs: epochs, batchSize: 64),
                callbacks: warmUp)
            let losses = history.minibatchLosses
            return LossRun(
                history: history, lossAtStep1: Double(losses.first ?? .nan),
                meanLossSteps2To20: Self.meanLoss(losses, 1..<20),
                meanLossSteps21To100: Self.meanLoss(losses, 20..<100))
        }
        try context.write(Self.trainingFigure(runs, trainCount: train.count))
        try context.write(Self.rateFigure(runs))
        try context.write(Self.differencesFigure(runs, epochs: epochs))
        reportComparison(context, runs, epochs: epochs, trainCount: train.count)
        return runs
    }

    /// Feeds the same gradient stream to two engine Adams (with and without correction) on a
    /// single weight and reads their state after every step.
    static func trace(mean: Float, noise: Float, steps: Int, random: Random) -> Trace {
        let corrected = Parameter("w", value: Matrix(rows: 1, cols: 1))
        let uncorrected = Parameter("w", value: Matrix(rows: 1, cols: 1))
        let adam = Adam([corrected]), plain = Adam([uncorrected], biasCorrection: false)
        var trace = Trace()
        for t in 1...steps {
            let g = mean + random.normal(std: noise)
            trace.gradients.append(g)
            for (parameter, optimizer) in [(corrected, adam), (uncorrected, plain)] {
                let before = parameter.value[0, 0]
                parameter.gradient = Matrix(rows: 1, cols: 1, [g])
                optimizer.step()
                let step = abs(parameter.value[0, 0] - before)
                if optimizer === adam { trace.correctedStep.append(step) } else { trace.uncorrectedStep.append(step) }
            }
            let (m, v) = adam.moments(of: 0)
            let (c1, c2) = adam.biasCorrections(step: t)
            trace.m.append(m[0])
            trace.v.append(v[0])
            trace.mHat.append(m[0] / c1)
            trace.vHat.append(v[0] / c2)
        }
        return trace
    }

    struct Trace {
        var gradients: [Float] = []
        var m: [Float] = [], v: [Float] = []
        var mHat: [Float] = [], vHat: [Float] = []
        var correctedStep: [Float] = [], uncorrectedStep: [Float] = []
    }

    struct Report {
        let trace: Trace
        let runs: [SettingRuns<LossRun>]
    }

    /// Sets the learning rate before every step: a linear ramp to `target` over `steps` steps
    /// (PyTorch's LinearLR(start_factor = 1/steps, total_iters = steps) stepped per batch).
    final class LinearWarmUp: TrainingCallback {
        let optimizer: Optimizer
        let target: Float
        let steps: Int
        private var step = 1

        init(_ optimizer: Optimizer, target: Float, steps: Int) {
            (self.optimizer, self.target, self.steps) = (optimizer, target, steps)
        }

        func trainingWillStart(epochs: Int, batchesPerEpoch: Int) { apply() }

        func batchDidEnd(epoch: Int, batch: Int, loss: Float) {
            step += 1
            apply()
        }

        private func apply() { optimizer.learningRate = target * Float(min(step, steps)) / Float(steps) }
    }

    static func meanLoss(_ losses: [Float], _ range: Range<Int>) -> Double {
        let slice = losses[range.clamped(to: 0..<losses.count)]
        return slice.isEmpty ? .nan : Double(slice.reduce(0, +)) / Double(slice.count)
    }

    /// How much larger an uncorrected Adam step is than the corrected one at step t.
    static func uncorrectedMultiplier(step t: Int) -> Double {
        (1 - pow(0.9, Double(t))) / (1 - pow(0.999, Double(t))).squareRoot()
    }
}

AdamLesson.main()
