import Engine
import Foundation
import LessonKit
import Plot

extension AdamLesson {
    /// Corrected runs at 0.001 and 0.01 in vermillion and brown (two warm colours apart in
    /// lightness: orange beside vermillion read as one where the curves cross), uncorrected in
    /// blues (as m̂ and m in the moments figure); the larger constant rates and the warm-up in
    /// the remaining colours.
    static let colors = [1, 0, 10, 5, 2, 3, 8]

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
                    title:
                        "each arm's step, in units of m̂/(√v̂ + ε), over all \(total) steps (from step \(Self.warmUpSteps) the warm-up hides 0.002)",
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

    /// Validation accuracy per epoch: each arm's mean over seeds at the epochs measured (dots;
    /// the lines between them only join them), and its ±1 std over seeds at the last epoch, the
    /// arms' bars side by side just right of it, clear of the lines. Seven ±1 std bands over five epochs would cover one another.
    static func validationPanel(_ runs: [SettingRuns<LossRun>]) -> Panel {
        let barSpacing = 0.07
        var series: [Series] = []
        var last = 1.0
        for (index, setting) in runs.enumerated() {
            let curve = setting.curve(.validationAccuracy)
            guard let epoch = curve.epochs.last, let mean = curve.mean.last, let std = curve.std.last else { continue }
            last = max(last, epoch)
            series.append(
                .line(setting.label, x: curve.epochs, y: curve.mean, style: .linesPoints, color: colors[index]))
            if setting.runs.count > 1 {
                let x = epoch + barSpacing * Double(index + 1)
                series.append(.line(nil, x: [x, x], y: [mean - std, mean + std], color: colors[index]))
            }
        }
        var panel = Panel(
            title:
                "validation accuracy per epoch, mean over \(runs[0].runs.count) seeds; bars right of the last: ±1 std, in legend order",
            xLabel: "epoch", yLabel: "validation accuracy (%)",
            xRange: 0.8...(last + barSpacing * Double(runs.count + 1)), series: series)
        panel.xTickStep = 1
        return panel
    }

    /// The five paired validation verdicts of the report, one Holm family: the ±1 std bars of
    /// the step-size figure carry the seed noise that pairing removes, and seem to contradict them.
    static func differencesFigure(_ runs: [SettingRuns<LossRun>], epochs: Int) -> Figure {
        let k = min(lastK, epochs)
        let pairs = validationPairs(runs)
        let differences = pairs.map {
            Difference($0.0.lastEpochs(k, .validationAccuracy), $0.1.lastEpochs(k, .validationAccuracy))
        }
        // Short labels ("0.002 + warm-up − 0.002") leave the plot area, its title and the key
        // below it the width of the figure.
        func short(_ runs: SettingRuns<LossRun>) -> String {
            let setting = settings.first { $0.label == runs.label }!
            return "\(setting.rate)" + (setting.correction ? "" : " uncorrected")
                + (setting.warmUp > 0 ? " + warm-up" : "")
        }
        return Figure(
            name: "differences",
            title:
                "Adam at lr (corrected unless marked): paired differences over \(runs[0].runs.count) seeds, 95 % intervals, Holm over all five",
            panels: StandardPanels.differenceForests(
                rows: Array(pairs.indices), of: Holm(differences),
                labels: pairs.map { "\(short($0.0)) − \(short($0.1))" },
                title: "validation accuracy, mean of the last \(k) epochs: right is better",
                xLabel: "difference in validation accuracy (points)"),
            layout: .stacked)
    }
}
