import Engine
import Foundation
import LessonKit
import Plot

extension BatchNormLesson {
    /// The two initializations side by side, twice: above on the whole accuracy range (the
    /// tiny-init stall at chance), below zoomed on where the curves end (whose few points
    /// the whole range squeezes together). Each row shares one y-range, so that the two
    /// initializations compare by eye. The figure title is the key: legends of different
    /// heights would give the panels plots of different heights, and so different scales.
    func curvesFigure(_ runs: [SettingRuns<NormRun>], epochs: Int) -> Figure {
        func panels(_ suffix: String) -> [Panel] {
            Self.initializations(runs).map { title, pair in
                StandardPanels.seedCurves(
                    pair, metrics: [.validationAccuracy, .trainAccuracy], title: title + suffix,
                    yLabel: "accuracy (%)", colors: Self.networkColors(pair), legend: .hidden)
            }
        }
        // The zoom starts 5 points under the lowest final mean and ends over the highest band.
        let metrics: [EpochMetric] = [.validationAccuracy, .trainAccuracy]
        let curves = runs.flatMap { setting in metrics.map { setting.curve($0) } }
        let lowest = curves.compactMap(\.mean.last).min() ?? 0
        let highest = curves.flatMap { zip($0.mean, $0.std).map { $0 + $1 } }.max() ?? 100
        let zoom = max(0, (lowest / 5).rounded(.down) * 5 - 5)...min(100, highest + 1)
        let zoomed = panels(", zoomed on where the curves end").map { panel in
            var panel = panel
            panel.yRange = zoom
            return panel
        }
        return Figure(
            name: "curves",
            title:
                "\(runs[0].runs.count) seeds, mean ± std: blue no BatchNorm, orange BatchNorm; validation solid, training dashed (lr \(learningRate.value))",
            panels: panels("").sharingYRange() + zoomed, layout: .pair)
    }

    /// The runs by initialization (default, then tiny), each pair without and with BatchNorm.
    static func initializations(_ runs: [SettingRuns<NormRun>]) -> [(String, [SettingRuns<NormRun>])] {
        [("default initialization", Array(runs[0...1])), ("N(0, 0.001²) init", Array(runs[2...3]))]
    }

    /// The same colour for a network in every panel: blue without BatchNorm, orange with it.
    static func networkColors(_ pair: [SettingRuns<NormRun>]) -> [Int] {
        pair.map { $0.label.hasPrefix("no BatchNorm") ? 0 : 1 }
    }

    /// The tiny-initialization stall at step resolution: the running average of the
    /// minibatch loss, mean ± std over seeds, over the whole run on a log step axis (the
    /// first steps and the late escape both visible). One panel per initialization and one
    /// colour per network, as in the curves figure.
    func stallFigure(_ runs: [SettingRuns<NormRun>]) -> Figure {
        // As in the curves figure: the figure title is the key (the chance line's in each
        // panel title), the panels have none.
        let panels = Self.initializations(runs).map { title, pair in
            var panel = StandardPanels.seedMinibatchLoss(
                pair, window: Self.lossWindow, batchSize: Self.batchSize, title: title + " (dashed: chance, ln 10)",
                colors: Self.networkColors(pair), fullWindowsOnly: true)
            panel.legend = .hidden
            return panel
        }
        // Less than two decades of loss: gnuplot would label only 1 on the y-axis.
        let shared = panels.sharingYRange().map { $0.labellingLogYRange() }
        return Figure(
            name: "stall",
            title:
                "Minibatch loss, mean of the last \(Self.lossWindow) steps, \(runs[0].runs.count) seeds, geometric mean ×÷ std: blue no BatchNorm, orange BatchNorm",
            panels: shared, layout: .pair)
    }

    /// Ioffe & Szegedy's figure 1: a unit's pre-activation distribution during training.
    func percentileFigure(_ captured: Captured) -> Figure {
        // One y-range for both panels, so that the two distributions compare by eye.
        let values = captured.percentiles.values.flatMap { $0.percentiles.flatMap { $0 } }
        let low = values.min() ?? -1, high = values.max() ?? 1, pad = 0.05 * max(high - low, 1e-3)
        let panels: [Panel] = ["no BatchNorm", "BatchNorm"].compactMap { label in
            guard let tracker = captured.percentiles[label] else { return nil }
            // One colour per percentile, the legend in the order they lie (85th on top); solid
            // lines, as dashes break up on curves that jitter from step to step.
            let percentiles = zip(["15th percentile", "median", "85th percentile"], [2, 0, 1])
            return Panel(
                title: label, xLabel: "step", yLabel: "pre-activation",
                xRange: (tracker.steps.first ?? 0)...max(tracker.steps.last ?? 1, 1),
                yRange: (low - pad)...(high + pad),
                series: zip(percentiles, tracker.percentiles).reversed().map { percentile, values in
                    .line(percentile.0, x: tracker.steps, y: values, color: percentile.1)
                })
        }
        return Figure(
            name: "percentiles",
            title:
                "Input of unit 1's ReLU in hidden layer 2: 15th, 50th, 85th percentiles over \(Self.probeSize) images (first seed; Ioffe & Szegedy, fig. 1)",
            panels: panels, layout: .pair)
    }

    /// Validation accuracy against the learning rate, and beside it the effective step
    /// η/‖W‖² of each BatchNorm layer before and after the sweep's epochs.
    func sweepFigure(_ report: Report) -> Figure {
        let rates = report.sweepRates, x = rates.map(Double.init)
        var series: [Series] = []
        for (color, batchNorm) in [false, true].enumerated() {
            let estimates = rates.map { report.sweepRun($0, batchNorm: batchNorm).estimate(\.finalValidation) }
            series.append(.spread(x: x, estimates, color: color))
            series.append(
                .line(
                    batchNorm ? "BatchNorm" : "no BatchNorm", x: x, y: estimates.map(\.mean), style: .linesPoints,
                    color: color))
        }
        let xRange = x.count > 1 ? (x.min()! / 1.25)...(x.max()! * 1.25) : nil
        var steps: [Series] = []
        for layer in [0, 1] {
            let start = rates.map { rate in
                Estimate(
                    report.sweepRun(rate, batchNorm: true).runs.map {
                        Double(rate) / ($0.startNorms[layer] * $0.startNorms[layer])
                    }
                ).mean
            }
            steps.append(
                .line("BatchNorm \(layer + 1), at the start", x: x, y: start, style: .dashed, color: 2 + layer))
            let trained = rates.compactMap { rate -> (Double, Double)? in
                let ends = report.sweepRun(rate, batchNorm: true).runs.compactMap { $0.endNorms?[layer] }
                return ends.isEmpty ? nil : (Double(rate), Estimate(ends.map { Double(rate) / ($0 * $0) }).mean)
            }
            steps.append(
                .line(
                    "BatchNorm \(layer + 1), after \(Self.sweepEpochs) epochs", x: trained.map(\.0),
                    y: trained.map(\.1),
                    style: .linesPoints, color: 2 + layer))
        }
        var accuracy = Panel(
            title: "validation accuracy (diverged = 10 %), ±1 std",
            xLabel: "SGD learning rate η (log scale)", yLabel: "validation accuracy (%)", xScale: .log,
            xRange: xRange, series: series)
        // The y-axis fitted to the steps (not rounded out to whole decades), with 1-2-5 labels.
        var step = [
            Panel(
                title: "effective step η/‖W‖² per BatchNorm layer",
                xLabel: "SGD learning rate η (log scale)", yLabel: "η/‖W‖² (log scale)", xScale: .log, yScale: .log,
                xRange: xRange, series: steps)
        ].sharingYRange()[0].labellingLogYRange()
        // Every swept rate labelled: over less than two decades gnuplot would label only 0.1 and 1.
        accuracy.xTicks = Self.valueTicks(x)
        step.xTicks = accuracy.xTicks
        return Figure(
            name: "learning-rates",
            title: "Learning-rate sweep: \(Self.sweepEpochs) epochs, mean over \(report.sweep[0].runs.count) seeds",
            panels: [accuracy, step], layout: .pair)
    }

    /// The paired differences behind the sweep's verdicts as a forest, one row per rate: what the
    /// verdicts rest on (the sweep figure's ±1 std bands carry the seed noise that pairing removes).
    /// The rates of tens of points and those of a few are usually panels of their own, one above
    /// the other.
    static func sweepComparisonFigure(_ report: Report) -> Figure {
        let holm = report.sweepComparisons
        let panels = StandardPanels.differenceForests(
            report.sweepRates.map { "η = \($0)" }, holm.differences, holm: holm,
            title:
                "BatchNorm − no BatchNorm, validation after \(Self.sweepEpochs) epochs: 95 % interval paired over \(report.sweep[0].runs.count) seeds",
            xLabel: "difference in validation accuracy (points)")
        return Figure(name: "comparison", panels: panels, layout: .stacked)
    }

    static func preActivationFigure(_ captured: Captured) -> Figure {
        var panels: [Panel] = []
        // One y-range for the four panels: each curve is a share of units, so equal areas
        // compare by eye (a narrow distribution is a tall spike, a wide one a low hump).
        let tallest =
            (captured.before.values.flatMap { $0 } + captured.after.values.flatMap { $0 }).map { layer -> Double in
                let values = layer.output.storage
                return 100 * Double(Series.binned(values, bins: 80, range: -6...6).counts.max() ?? 0)
                    / Double(max(values.count, 1))
            }.max() ?? 100
        for label in ["no BatchNorm", "BatchNorm"] {
            for (moment, layers) in [
                ("at initialization", captured.before[label] ?? []), ("after training", captured.after[label] ?? []),
            ] {
                panels.append(
                    Panel(
                        title: "\(label), \(moment)", xLabel: "pre-activation (input of ReLU)",
                        yLabel: "share of units (%)",
                        yRange: 0...max(1.05 * tallest, 1),
                        series: layers.enumerated().map { index, layer in
                            let values = layer.output.storage
                            let (centers, counts, _) = Series.binned(values, bins: 80, range: -6...6)
                            return .line(
                                String(
                                    format: "hidden layer %d: mean %.2f, std %.2f", index + 1,
                                    layer.activation.mean, layer.activation.std),
                                x: centers, y: counts.map { 100 * Double($0) / Double(max(values.count, 1)) },
                                color: index)
                        }))
            }
        }
        return Figure(
            name: "preactivations", title: "What enters each ReLU, on one batch of training images (first seed)",
            panels: panels, layout: .pair)
    }

    static func inferenceFigure(_ batchNorm: SettingRuns<NormRun>, batchSizes: [Int]) -> Figure {
        let x = batchSizes.map(Double.init)
        var series: [Series] = []
        for (color, (field, title)) in [
            (\NormRun.runningEstimatesAccuracy, "running mean/variance (model.eval(): correct)"),
            (\NormRun.batchStatisticsAccuracy, "each batch's own statistics (forgot model.eval())"),
        ].enumerated() {
            let estimates = batchSizes.map { size in Estimate(batchNorm.runs.compactMap { $0[keyPath: field][size] }) }
            if batchNorm.runs.count > 1 {
                series.append(.spread(x: x, estimates, color: color))
            }
            series.append(.line(title, x: x, y: estimates.map(\.mean), style: .linesPoints, color: color))
        }
        // Each measured batch size labelled, with room either side of the first and last points.
        var panel = Panel(
            title:
                "Evaluating the trained BatchNorm network: test accuracy by evaluation batch size (±1 std over \(batchNorm.runs.count) seeds)",
            xLabel: "evaluation batch size (log scale)", yLabel: "test accuracy (%)", xScale: .log,
            xRange: x.count > 1 ? (x.min()! / 1.25)...(x.max()! * 1.25) : nil, series: series)
        panel.xTicks = valueTicks(x)
        return Figure(name: "inference", panels: [panel], layout: .single)
    }

    /// A tick at each measured value, labelled as gnuplot labels a log axis.
    static func valueTicks(_ values: [Double]) -> [AxisTick] {
        values.map { AxisTick(String(format: "%g", $0), at: $0) }
    }
}
