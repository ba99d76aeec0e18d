import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct AdamLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-adam",
        abstract: "Adam step by step: the moment estimates, why they start biased towards zero, and what the correction does.",
        discussion: """
        Adam keeps running averages of the gradient (m) and of its square (v), both starting \
        at 0. For a noisy gradient stream with a known mean, the lesson plots m and v against \
        their bias-corrected versions m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ) over the first steps, \
        and the step Adam takes with and without the correction. Then the same network is \
        trained on Fashion-MNIST with and without bias correction (the engine's switch). \
        Defaults as in the lecture and PyTorch: lr 0.001, β₁ 0.9, β₂ 0.999, ε 10⁻⁸. Full run: about 15 seconds in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Mean of the synthetic gradient stream.")
    var mean: Float = 0.5

    @Option(help: "Standard deviation of the synthetic gradient stream.")
    var noise: Float = 1

    @Option(help: "Steps of the synthetic stream.")
    var steps = 200

    mutating func validate() throws {
        guard noise >= 0 else { throw ValidationError("--noise must not be negative") }
        guard steps >= 2 else { throw ValidationError("--steps must be at least 2") }
    }

    struct Trace {
        var gradients: [Float] = []
        var m: [Float] = [], v: [Float] = []
        var mHat: [Float] = [], vHat: [Float] = []
        var correctedStep: [Float] = [], uncorrectedStep: [Float] = []
    }

    /// Feeds the same gradient stream to two engine Adams (with and without correction) on a
    /// single weight and reads their state after every step.
    static func trace(mean: Float, noise: Float, steps: Int, random: Random) -> Trace {
        let corrected = Parameter("w", role: .weight, value: Matrix(rows: 1, cols: 1))
        let uncorrected = Parameter("w", role: .weight, value: Matrix(rows: 1, cols: 1))
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

    struct Outcome {
        let label: String
        let history: History
    }

    struct Report {
        let trace: Trace
        let outcomes: [Outcome]
    }

    func run() throws { _ = try perform() }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "adam", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let trace = Self.trace(mean: mean, noise: noise, steps: steps, random: Random(seed: lesson.seed))
        let secondMoment = mean * mean + noise * noise
        var stream = SummaryTable(title: "Gradient stream g ~ N(\(mean), \(noise)²): E[g] = \(mean), E[g²] = \(secondMoment); Adam's state",
                                  header: ["step t", "m", "m̂", "v", "v̂", "step with correction", "step without"])
        for t in [1, 2, 5, 10, 20, 50, 100, steps].filter({ $0 <= steps }) {
            stream.add(["\(t)", String(format: "%.4f", trace.m[t - 1]), String(format: "%.4f", trace.mHat[t - 1]),
                        String(format: "%.5f", trace.v[t - 1]), String(format: "%.4f", trace.vHat[t - 1]),
                        String(format: "%.3g", trace.correctedStep[t - 1]), String(format: "%.3g", trace.uncorrectedStep[t - 1])])
        }
        console.line(stream.description)
        try context.write(figure(trace))

        let epochs = training.epochs(full: 5, quick: 1, isQuick: quick)
        let (train, validation, _) = try context.loadSplits(training, trainSize: quick ? 2000 : 10000,
                                                            validationSize: quick ? 1000 : 5000, testSize: 0)
        var outcomes: [Outcome] = []
        for rate: Float in [0.001, 0.01] {
        for (name, correction) in [("with bias correction", true), ("without bias correction", false)] {
            let label = "lr \(rate), \(name)"
            let random = Random(seed: lesson.seed)
            let model = Sequential.mlp([784, 256, 10], random: random)
            let history = try context.fit(label, model: model, loss: CrossEntropyLoss(),
                                          optimizer: Adam(model.parameters, learningRate: rate, biasCorrection: correction),
                                          train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: 64), random: random)
            outcomes.append(Outcome(label: label, history: history))
        }
        }
        let window = min(300, outcomes[0].history.minibatchLosses.count)
        try context.write(Figure(name: "training", title: "784→256→10 on \(train.count) Fashion-MNIST images, Adam with and without bias correction", panels: [
            Panel(title: "minibatch loss, first \(window) steps (running average over 10)", xLabel: "step", yLabel: "minibatch loss",
                  yScale: .log, legend: .topRight, series: outcomes.enumerated().map { index, outcome in
                      .line(outcome.label, values: StandardPanels.runningAverage(outcome.history.minibatchLosses.prefix(window).map(Double.init), window: 10),
                            color: index)
                  }),
            StandardPanels.curves(outcomes.map { ($0.label, $0.history) }, title: "accuracy per epoch", metric: .accuracy),
        ]))
        console.line("")
        var table = SummaryTable(title: "Training with and without bias correction",
                                 header: ["Adam", "loss at step 1", "mean loss, steps 2–20", "mean loss, steps 21–100", "validation % after \(epochs) epochs"])
        for outcome in outcomes {
            let losses = outcome.history.minibatchLosses
            func average(_ range: Range<Int>) -> String {
                let slice = losses[range.clamped(to: 0..<losses.count)]
                return slice.isEmpty ? "–" : String(format: "%.4f", slice.reduce(0, +) / Float(slice.count))
            }
            table.add([outcome.label, String(format: "%.4f", losses[0]), average(1..<20), average(20..<100),
                       percent(outcome.history.last!.validationAccuracy)])
        }
        console.line(table.description)
        try context.finish()
        return Report(trace: trace, outcomes: outcomes)
    }

    func figure(_ trace: Trace) -> Figure {
        let t = trace.m.indices.map { Double($0 + 1) }
        let secondMoment = Double(mean * mean + noise * noise)
        func corrections(_ beta: Double) -> [Double] { t.map { 1 - pow(beta, $0) } }
        return Figure(name: "moments", title: "Adam on a noisy gradient stream g ~ N(\(mean), \(noise)²), β₁ = 0.9, β₂ = 0.999, lr 0.001", panels: [
            Panel(title: "first moment: m starts at 0, m̂ = m/(1 − β₁ᵗ) does not", xLabel: "step t", yLabel: "estimate of E[g]",
                  legend: .bottomRight, series: [
                      .line("gradient g", x: t, y: trace.gradients.map(Double.init), style: .points, color: 5),
                      .line("m", x: t, y: trace.m.map(Double.init), color: 0),
                      .line("m̂", x: t, y: trace.mHat.map(Double.init), color: 1),
                      .line("E[g] = \(mean)", x: [1, t.last!], y: [Double(mean), Double(mean)], style: .dashed, color: 6),
                  ]),
            Panel(title: "second moment: v needs ~1/(1 − β₂) = 1,000 steps, v̂ is right from the start", xLabel: "step t",
                  yLabel: "estimate of E[g²]", yScale: .log, legend: .bottomRight, series: [
                      .line("v", x: t, y: trace.v.map(Double.init), color: 0),
                      .line("v̂", x: t, y: trace.vHat.map(Double.init), color: 1),
                      .line(String(format: "E[g²] = %.2f", secondMoment), x: [1, t.last!], y: [secondMoment, secondMoment], style: .dashed, color: 6),
                  ]),
            Panel(title: "the correction factors", xLabel: "step t", yLabel: "factor", yScale: .log, legend: .bottomRight, series: [
                .line("1 − β₁ᵗ", x: t, y: corrections(0.9), color: 0),
                .line("1 − β₂ᵗ", x: t, y: corrections(0.999), color: 1),
                .line("uncorrected step / corrected: (1 − β₁ᵗ)/√(1 − β₂ᵗ)", x: t,
                      y: t.map { (1 - pow(0.9, $0)) / (1 - pow(0.999, $0)).squareRoot() }, color: 2),
            ]),
            Panel(title: "size of each step |Δw|", xLabel: "step t", yLabel: "|Δw|", yScale: .log, legend: .bottomRight, series: [
                .line("with bias correction", x: t, y: trace.correctedStep.map { Double(max($0, 1e-9)) }, color: 1),
                .line("without", x: t, y: trace.uncorrectedStep.map { Double(max($0, 1e-9)) }, color: 0),
                .line("lr = 0.001", x: [1, t.last!], y: [0.001, 0.001], style: .dashed, color: 6),
            ]),
        ], columns: 2, panelSize: (640, 420))
    }
}
