import Engine
import Foundation
import LessonKit
import Plot

extension BatchSizeLesson {
    /// The first seed's minibatch losses, one panel per batch size on one shared y-range, with
    /// their mean over a window of one epoch centred on each iteration: a trailing average
    /// lags half an epoch behind a loss that falls fast (batch 1024's first epochs) and seems
    /// to sit above the losses it averages.
    static func lossFigure(_ runs: [SettingRuns<NoiseRun>]) -> Figure {
        var panels = runs.map { setting in
            let history = setting.runs[0].history
            // Odd, so that the window has a centre: an epoch's iterations, give or take one.
            let window = max(10, history.batchesPerEpoch) | 1
            var panel = StandardPanels.minibatchLoss(
                history,
                // The window goes in the title, so that the legend entries stay short: the two
                // panels' legends must not run into each other or off the image.
                title:
                    "\(setting.label): \(history.batchesPerEpoch) iterations per epoch, mean of \(window)",
                xLabel: "epoch (iteration / \(history.batchesPerEpoch))", window: window)
            panel.series[1] = panel.series[0].centredMean(
                window: window, title: "centred mean (≈ 1 epoch)",
                color: panel.series[1].color)
            return panel
        }
        // One y-range fitted to the losses (not widened to whole decades, which left the top
        // one empty), labelled at 1-2-5 over the decade or two it spans.
        panels = panels.sharingYRange().map { $0.labellingLogYRange() }
        return Figure(
            name: "minibatch-loss",
            title: "Minibatch loss per iteration (first seed), with a centred running mean; shared y-axis",
            panels: panels, layout: .pair)
    }

    /// The minibatch-loss noise against the batch size: every trained network frozen and
    /// measured over fresh batches of each size (no learning, so all of it is sampling noise),
    /// with the 1/√B law fitted through those points, and each arm's noise during its own last
    /// epoch of training beside it.
    static func noiseFigure(_ report: Report) -> Figure {
        let x = report.frozenSizes.map(Double.init)
        let networks = report.runs.flatMap(\.runs)
        let frozen = x.indices.map { index in Estimate(networks.map { $0.frozenLossStd[index] }) }
        // σ(B) = c/√B, c fitted in log space over every measured size.
        let c = exp(zip(x, frozen).map { log($1.mean) + 0.5 * log($0) }.reduce(0, +) / Double(x.count))
        let fine = (0...40).map { x[0] * pow(x.last! / x[0], Double($0) / 40) }
        var series: [Series] = [
            .spread(x: x, frozen, color: 9),
            .line(
                "trained networks frozen, fresh random batches (all \(networks.count): every arm, every seed)", x: x,
                y: frozen.map(\.mean),
                style: .linesPoints, color: 9),
            .line(
                "1/√B law fitted to the frozen points: σ(B) = \(String(format: "%.2f", c))/√B", x: fine,
                y: fine.map { c / $0.squareRoot() },
                style: .dashed, color: 6),
        ]
        // Each arm in its colour of the accuracy figure, as a ringed marker over the grey curve;
        // arms of one batch size side by side around it (×1.1 apart on the log axis), which
        // would otherwise cover one another.
        let sizes = report.arms.map(\.batchSize)
        for (index, setting) in report.runs.enumerated() {
            let spread = setting.estimate(\.lossStdLastEpoch)
            let sharing = sizes.indices.filter { sizes[$0] == sizes[index] }
            let offset = Double(sharing.firstIndex(of: index)!) - Double(sharing.count - 1) / 2
            series.append(
                .line(
                    "during training, last epoch: \(setting.label)", x: [Double(sizes[index]) * pow(1.1, offset)],
                    y: [spread.mean],
                    style: .marker, color: index))
        }
        var panel = Panel(
            title:
                "std of the minibatch loss against the batch size (mean ± std over networks); arms of one size side by side",
            xLabel: "batch size B (log scale)", yLabel: "std of the minibatch loss (log scale)", xScale: .log,
            yScale: .log,
            xRange: (x[0] / 1.3)...(x.last! * 1.3), series: series)
        // Two decades: labelled at every measured size, and at 1-2-5 on y, not only at powers of ten.
        panel.xTicks = AxisTick.values(x)
        panel.yTicks = AxisTick.values([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1])
        return Figure(name: "loss-noise", panels: [panel], layout: .single)
    }

    /// Validation accuracy of every arm against epochs, optimizer steps and seconds: the
    /// same runs on three clocks.
    static func accuracyFigure(_ report: Report) -> Figure {
        let colors = Array(report.runs.indices)
        func against(_ clock: (SettingRuns<NoiseRun>) -> [Double], title: String, xLabel: String, xScale: Scale)
            -> Panel
        {
            Panel(
                title: title, xLabel: xLabel, yLabel: "validation accuracy (%)", xScale: xScale,
                series: zip(report.runs, colors).map { setting, color in
                    let curve = setting.curve(.validationAccuracy)
                    return .line(nil, x: Array(clock(setting).prefix(curve.mean.count)), y: curve.mean, color: color)
                })
        }
        var steps = against(
            { setting in
                let perEpoch = Double(setting.runs[0].history.batchesPerEpoch)
                return setting.curve(.validationAccuracy).epochs.map { $0 * perEpoch }
            }, title: "against optimizer steps", xLabel: "optimizer steps (log scale)", xScale: .log)
        // The steps axis spans the data, not the decades around it, labelled at powers of ten:
        // at 1-2-5 points the labels of a third-of-a-page panel run into each other.
        let stepCounts = steps.drawnXValues.filter { $0 > 0 }
        if let first = stepCounts.min(), let last = stepCounts.max() {
            steps.xRange = (first / 1.2)...(last * 1.2)
            steps.xTicks = AxisTick.values(
                (0...6).map { pow(10, Double($0)) }.filter {
                    (first / 1.2)...(last * 1.2) ~= $0
                })
        }
        let seconds = against(
            { setting in
                let perEpoch = setting.estimate(\.secondsPerEpoch).mean
                return setting.curve(.validationAccuracy).epochs.map { $0 * perEpoch }
            }, title: "against wall time (this machine)", xLabel: "seconds (mean epoch time × epochs)", xScale: .linear)
        var epochs = StandardPanels.seedCurves(
            report.runs, metrics: [.validationAccuracy], title: "against epochs", yLabel: "validation accuracy (%)",
            colors: colors)
        // A third of the page wide: past a dozen epochs every fifth labelled, not every second.
        if epochs.xTickStep == nil { epochs.xTickStep = 5 }
        // Only the epoch panel has the key below it: one bottom margin for all three (five
        // lines for the tick labels, the axis label and the space around them, one per key
        // entry) keeps the plot areas the same height, so that the shared y-range is one scale.
        var panels = [epochs, steps, seconds]
        for index in panels.indices { panels[index].bottomMargin = Double(5 + report.runs.count) }
        return Figure(
            name: "accuracy",
            title: "Validation accuracy, mean over \(report.runs[0].runs.count) seeds (band: ±1 std, epoch panel)",
            panels: panels, layout: .triple
        ).sharingYRange()
    }
}
