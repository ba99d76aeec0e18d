import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

struct AdamLesson: ParsableCommand {
    static let configuration = CommandConfiguration.lesson(
        "adam",
        abstract:
            "Adam step by step: the moment estimates, why they start biased towards zero, and what the correction does.",
        discussion: """
            Adam keeps running averages of the gradient (m) and of its square (v), both starting \
            at 0. For a noisy gradient stream with a known mean, the lesson plots m and v against \
            their bias-corrected versions m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ) over the first steps, \
            and the step Adam takes with and without the correction. Then the same network is \
            trained on Fashion-MNIST with and without bias correction (the engine's switch), at \
            learning rates 0.001 and 0.01, and with correction at 0.002 and 0.005 and at 0.002 after \
            a linear warm-up over the first 200 steps, under 10 seeds; the arms are compared by their \
            early minibatch losses and their validation accuracy, Holm-corrected, against the seeds' noise. Defaults as in \
            the lecture and PyTorch: lr 0.001, β₁ 0.9, β₂ 0.999, ε 10⁻⁸. --quick: 2,000 images, 2 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 5, quick: 2)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Mean of the synthetic gradient stream (finite, from −1000 to 1000).")
    var mean: Float = 0.5

    @Option(help: "Standard deviation of the synthetic gradient stream (finite, from 0 to 1000).")
    var noise = NonNegativeNumber(1)

    @Option(help: "Steps of the synthetic stream (2 to 100,000).")
    var steps = 200

    static let largestGradient: Float = 1000
    static let maximumSteps = 100_000

    mutating func validate() throws {
        guard mean.isFinite, abs(mean) <= Self.largestGradient else {
            throw ValidationError("--mean must be a finite number from −1000 to 1000 (got \(mean))")
        }
        guard noise.value <= Self.largestGradient else {
            throw ValidationError("--noise must be at most 1000 (got \(noise.value))")
        }
        guard (2...Self.maximumSteps).contains(steps) else {
            throw ValidationError("--steps must be between 2 and \(Self.maximumSteps) (got \(steps))")
        }
    }

    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 2

    struct Trace {
        var gradients: [Float] = []
        var m: [Float] = [], v: [Float] = []
        var mHat: [Float] = [], vHat: [Float] = []
        var correctedStep: [Float] = [], uncorrectedStep: [Float] = []
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

    struct Report {
        let trace: Trace
        let runs: [SettingRuns<LossRun>]
    }

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

    /// How much larger an uncorrected Adam step is than the corrected one at step t.
    static func uncorrectedMultiplier(step t: Int) -> Double {
        (1 - pow(0.9, Double(t))) / (1 - pow(0.999, Double(t))).squareRoot()
    }

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

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "adam", options: lesson, seeds: 10)
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
        let secondMoment = mean * mean + noise.value * noise.value
        var stream = SummaryTable(
            title:
                "Gradient stream g ~ N(\(mean), \(noise.value)²): E[g] = \(mean), E[g²] = \(secondMoment); Adam's state (one draw, seed \(lesson.seed))",
            header: ["step t", "m", "m̂", "v", "v̂", "step with correction", "step without"])
        for t in [1, 2, 5, 10, 20, 50, 100, steps].filter({ $0 <= steps }) {
            stream.add([
                "\(t)", String(format: "%.4f", trace.m[t - 1]), String(format: "%.4f", trace.mHat[t - 1]),
                String(format: "%.5f", trace.v[t - 1]), String(format: "%.4f", trace.vHat[t - 1]),
                String(format: "%.3g", trace.correctedStep[t - 1]),
                String(format: "%.3g", trace.uncorrectedStep[t - 1]),
            ])
        }
        context.report(stream)
        try context.write(figure(trace))
        return trace
    }

    /// Step 2: the same network with and without the correction, at two learning rates, over seeds.
    /// One run of step 2 with the minibatch losses its table reads.
    struct LossRun: RunRecord {
        var history: History
        var lossAtStep1: Double
        var meanLossSteps2To20: Double
        var meanLossSteps21To100: Double

        static let columns = [
            RunColumn("loss_step_1", \Self.lossAtStep1),
            RunColumn("mean_loss_steps_2_20", \Self.meanLossSteps2To20),
            RunColumn("mean_loss_steps_21_100", \Self.meanLossSteps21To100),
        ]
    }

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
        let k = min(Self.lastK, epochs)
        context.report()
        var table = SummaryTable(
            title:
                "784→256→10 on \(train.count) images, batch 64, \(epochs) epochs: mean ± std over \(context.seeds.count) seeds; last \(k) = mean of the last \(k) epochs",
            header: [
                "Adam", "loss at step 1", "mean loss, steps 2–20", "mean loss, steps 21–100", "validation %, last \(k)",
            ])
        for setting in runs {
            table.add([
                setting.label, setting.estimate(\.lossAtStep1).formatted(decimals: 4),
                setting.estimate(\.meanLossSteps2To20).formatted(decimals: 4),
                setting.estimate(\.meanLossSteps21To100).formatted(decimals: 4),
                setting.lastEpochs(k, .validationAccuracy).formatted(),
            ])
        }
        context.report(table)
        let steps = runs[0].runs[0].history.minibatchLosses.count
        context.report(
            String(
                format:
                    "Without correction the step is (1 − β₁ᵗ)/√(1 − β₂ᵗ) times the corrected one: %.2f at step 1, %.2f at its peak (step %d), %.2f at the last step (%d); %.2f on average over the run.",
                Self.uncorrectedMultiplier(step: 1),
                (1...steps).map { Self.uncorrectedMultiplier(step: $0) }.max() ?? .nan,
                (1...steps).max { Self.uncorrectedMultiplier(step: $0) < Self.uncorrectedMultiplier(step: $1) } ?? 0,
                Self.uncorrectedMultiplier(step: steps), steps,
                (1...steps).map { Self.uncorrectedMultiplier(step: $0) }.reduce(0, +) / Double(steps)))
        // Two families, each corrected by Holm: the early loss (the correction's direct effect)
        // and the validation accuracy (what the arms end with).
        let byLabel = Dictionary(uniqueKeysWithValues: runs.map { ($0.label, $0) })
        func arm(_ rate: Float, _ correction: Bool, warmUp: Int = 0) -> SettingRuns<LossRun> {
            byLabel[Setting(rate: rate, correction: correction, warmUp: warmUp).label]!
        }
        let earlyPairs = [(arm(0.001, false), arm(0.001, true)), (arm(0.01, false), arm(0.01, true))]
        let early = Holm(
            earlyPairs.map { Difference($0.0.estimate(\.meanLossSteps2To20), $0.1.estimate(\.meanLossSteps2To20)) })
        for (index, pair) in earlyPairs.enumerated() {
            context.report(
                early.verdict(
                    index, pair.0.label, pair.1.label, quantity: "Mean loss over steps 2–20", unit: "", decimals: 4))
        }
        let finalPairs = [
            (arm(0.001, false), arm(0.001, true)), (arm(0.01, false), arm(0.01, true)),
            (arm(0.002, true), arm(0.001, false)), (arm(0.005, true), arm(0.001, false)),
            (arm(0.002, true, warmUp: Self.warmUpSteps), arm(0.002, true)),
        ]
        let final = Holm(
            finalPairs.map {
                Difference($0.0.lastEpochs(k, .validationAccuracy), $0.1.lastEpochs(k, .validationAccuracy))
            })
        for (index, pair) in finalPairs.enumerated() {
            context.report(final.verdict(index, pair.0.label, pair.1.label, quantity: "Validation (last \(k))"))
        }
        return runs
    }

    /// Corrected runs at 0.001 and 0.01 in vermillion/orange, uncorrected in blues (as m̂ and m
    /// in the moments figure); the larger constant rates and the warm-up in the remaining colours.
    static let colors = [1, 0, 4, 5, 2, 3, 8]

    static func trainingFigure(_ runs: [SettingRuns<LossRun>], trainCount: Int) -> Figure {
        let total = runs[0].runs[0].history.minibatchLosses.count
        let window = min(300, total)
        func lossSeries(_ indices: [Int], smoothing: Int, floor: Double) -> [Series] {
            indices.flatMap { index -> [Series] in
                let setting = runs[index]
                let curves = setting.runs.map {
                    Series.centredMean($0.history.minibatchLosses.map(Double.init), window: smoothing).prefix(window)
                }
                let steps = (1...window).map(Double.init)
                let estimates = (0..<window).map { step in Estimate(curves.map { $0[step] }) }
                var series: [Series] = []
                if setting.runs.count > 1 {
                    series.append(
                        .band(
                            nil, x: steps, lower: estimates.map { max($0.mean - $0.std, floor) },
                            upper: estimates.map { $0.mean + $0.std },
                            color: colors[index]))
                }
                series.append(.line(setting.label, x: steps, y: estimates.map(\.mean), color: colors[index]))
                return series
            }
        }
        let largeRate = runs.indices.filter { settings[$0].rate == 0.01 }
        let smallRates = runs.indices.filter { settings[$0].rate < 0.01 }
        return Figure(
            name: "training",
            title:
                "784→256→10 on \(trainCount) Fashion-MNIST images, Adam: mean ± std over \(runs[0].runs.count) seeds",
            panels: [
                Panel(
                    title: "lr 0.01: minibatch loss, first \(window) steps (mean over the 11 centred on each)",
                    xLabel: "step",
                    yLabel: "loss (log scale)", yScale: .log, series: lossSeries(largeRate, smoothing: 11, floor: 1e-3)),
                Panel(
                    title: "lr 0.001–0.005: minibatch loss, first \(window) steps (mean over the 21 centred on each)",
                    xLabel: "step",
                    yLabel: "loss", series: lossSeries(smallRates, smoothing: 21, floor: 0)),
            ], layout: .stacked)
    }

    /// What each arm's rate does over the whole run, and where it ends.
    static func rateFigure(_ runs: [SettingRuns<LossRun>]) -> Figure {
        let total = runs[0].runs[0].history.minibatchLosses.count
        let t = (1...total).map { $0 }
        return Figure(
            name: "step-size",
            panels: [
                Panel(
                    title: "step applied by each arm over all \(total) steps, in units of m̂/(√v̂ + ε): lr × multiplier",
                    xLabel: "step",
                    yLabel: "lr × multiplier (log scale)", yScale: .log, legend: .hidden,
                    series: runs.indices.map { index in
                        let setting = settings[index]
                        return .line(
                            setting.label, x: t.map(Double.init),
                            y: t.map { Double(setting.rate) * setting.multiplier(step: $0) }, color: colors[index])
                    }),
                validationPanel(runs),
            ], layout: .stacked)
    }

    func figure(_ trace: Trace) -> Figure {
        let noise = self.noise.value
        let t = trace.m.indices.map { Double($0 + 1) }
        let secondMoment = Double(mean * mean + noise * noise)
        func corrections(_ beta: Double) -> [Double] { t.map { 1 - pow(beta, $0) } }
        return Figure(
            name: "moments",
            title: "Adam on a noisy gradient stream g ~ N(\(mean), \(noise)²), β₁ = 0.9, β₂ = 0.999, lr 0.001",
            panels: [
                Panel(
                    title: "first moment: m starts at 0, m̂ does not", xLabel: "step t", yLabel: "estimate of E[g]",
                    series: [
                        .line("gradient g", x: t, y: trace.gradients.map(Double.init), style: .points, color: 5),
                        .line("m", x: t, y: trace.m.map(Double.init), color: 0),
                        .line("m̂", x: t, y: trace.mHat.map(Double.init), color: 1),
                        .line(
                            "E[g] = \(mean)", x: [1, t.last!], y: [Double(mean), Double(mean)], style: .dashed, color: 6
                        ),
                    ]),
                Panel(
                    title: "second moment: v needs ~1,000 steps, v̂ does not", xLabel: "step t",
                    yLabel: "estimate of E[g²]", yScale: .log,
                    series: [
                        .line("v", x: t, y: trace.v.map(Double.init), color: 0),
                        .line("v̂", x: t, y: trace.vHat.map(Double.init), color: 1),
                        .line(
                            String(format: "E[g²] = %.2f", secondMoment), x: [1, t.last!],
                            y: [secondMoment, secondMoment], style: .dashed, color: 6),
                    ]),
                // From below 1 − β₂ = 0.001, so that the curve's start is not on the axis.
                Panel(
                    title: "the correction factors", xLabel: "step t", yLabel: "factor", yScale: .log,
                    yRange: 5e-4...10,
                    series: [
                        .line("1 − β₁ᵗ", x: t, y: corrections(0.9), color: 0),
                        .line("1 − β₂ᵗ", x: t, y: corrections(0.999), color: 1),
                        .line(
                            "uncorrected step / corrected: (1 − β₁ᵗ)/√(1 − β₂ᵗ)", x: t,
                            y: t.map { (1 - pow(0.9, $0)) / (1 - pow(0.999, $0)).squareRoot() }, color: 2),
                    ]),
                Panel(
                    title: "size of each step |Δw|", xLabel: "step t", yLabel: "|Δw|", yScale: .log,
                    series: [
                        .line(
                            "with bias correction", x: t, y: trace.correctedStep.map { Double(max($0, 1e-9)) }, color: 1
                        ),
                        .line("without", x: t, y: trace.uncorrectedStep.map { Double(max($0, 1e-9)) }, color: 0),
                        .line("lr = 0.001", x: [1, t.last!], y: [0.001, 0.001], style: .dashed, color: 6),
                    ]),
            ], layout: .pair)
    }
}

AdamLesson.main()
