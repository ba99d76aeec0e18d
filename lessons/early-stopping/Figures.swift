import Engine
import Foundation
import LessonKit
import Plot

extension EarlyStoppingLesson {
    /// The run without stopping (mean ± std over seeds; identical to the stopping run up to
    /// its stop), with each seed's best epoch and stop as dots in a strip clear of each panel's
    /// curves: on the curves, the dots hid the mean and its band where they cluster.
    static func figure(_ report: Report, patience: Int) -> Figure {
        let runs = report.stopping.runs
        /// Each seed's best epoch and stop as a dot plot in a strip just beyond what `curves`
        /// draw over the epochs of the dots (above or below it; seeds sharing an epoch stacked
        /// away from the curves, best epochs nearest), spaced evenly on the panel's scale.
        func strip(beyond curves: [Series], above: Bool, yScale: Scale = .linear) -> [Series] {
            let onAxis: (Double) -> Double = yScale == .log ? log10 : { $0 }
            let fromAxis: (Double) -> Double = yScale == .log ? { pow(10, $0) } : { $0 }
            let marked = runs.flatMap { [$0.bestEpoch, $0.stoppedEpoch].compactMap { $0 } }
            let window = ((marked.min() ?? 0) - 1)...((marked.max() ?? 0) + 1)
            var everywhere: [Double] = [], nearDots: [Double] = []
            for series in curves {
                let points: [(x: Double, y: Double)] =
                    switch series.content {
                    case let .line(x, y, _): Array(zip(x, y))
                    case let .band(x, lower, upper): Array(zip(x, lower)) + Array(zip(x, upper))
                    default: []
                    }
                for (x, y) in points where y.isFinite && (yScale == .linear || y > 0) {
                    everywhere.append(onAxis(y))
                    if window.contains(x) { nearDots.append(onAxis(y)) }
                }
            }
            let step = (above ? 1 : -1) * ((everywhere.max() ?? 1) - (everywhere.min() ?? 0)) / 30
            let start = ((above ? nearDots.max() : nearDots.min()) ?? 0) + 2 * step
            var stacked: [Int: Int] = [:]
            return [
                (\StoppingRun.bestEpoch, "best epoch (one dot per seed)", 2),
                (\StoppingRun.stoppedEpoch, "stop (one dot per seed)", 3),
            ].map { key, name, color in
                let epochs = runs.compactMap { $0[keyPath: key] }.sorted()
                let y = epochs.map { epoch -> Double in
                    let beyond = stacked[Int(epoch), default: 0]
                    stacked[Int(epoch)] = beyond + 1
                    return fromAxis(start + Double(beyond) * step)
                }
                return .line(name, x: epochs, y: y, style: .marker, color: color)
            }
        }
        let seeds = runs.count
        let loss = StandardPanels.seedSeries(
            report.continued, metrics: [.validationLoss, .trainLoss], yScale: .log, color: 0)
        let validationLoss = StandardPanels.seedSeries(report.continued, metrics: [.validationLoss], color: 0)
        let accuracy = StandardPanels.seedCurves(
            [report.continued], metrics: [.validationAccuracy, .trainAccuracy], title: ""
        ).series
        let accuracyStrip = strip(beyond: accuracy, above: false)
        // Accuracy ends at 100 %, not at gnuplot's next tick above it, and starts a round ten below
        // both the mean curves and the strip of dots.
        let lowest =
            ([EpochMetric.validationAccuracy, .trainAccuracy].flatMap { report.continued.curve($0).mean }
            + accuracyStrip.flatMap { series -> [Double] in
                if case let .line(_, y, _) = series.content { y } else { [] }
            }).min() ?? 0
        let accuracyRange = max(0, (lowest / 10).rounded(.down) * 10 - 10)...100
        let epochs = Double(report.continued.runs.map(\.history.epochs.count).max() ?? 1)
        let heldOut = heldOutAccuracyPanel(report, strip: strip)
        // The key is the same for the panels that draw one run's curves and the dots: it is
        // drawn once, under the last panel, which holds every kind of line.
        var panels = [
            Panel(
                title:
                    "loss (log scale; geometric mean ×÷ std): validation solid, training dashed; above, each seed's best epoch and stop",
                xLabel: "epoch", yLabel: "cross-entropy loss", yScale: .log, legend: .hidden,
                series: loss + strip(beyond: loss, above: true, yScale: .log)),
            // On a linear axis the validation loss's U (down to the best epoch, then up) shows
            // at its true size; the log axis above, which holds the training loss too, flattens it.
            Panel(
                title:
                    "validation loss alone, linear scale (mean ± std); below it each seed's best epoch and stop",
                xLabel: "epoch", yLabel: "validation loss", legend: .hidden,
                series: validationLoss + strip(beyond: validationLoss, above: false)),
            Panel(
                title:
                    "accuracy: validation solid, training dashed (running average over each epoch); below, each seed's best epoch and stop",
                xLabel: "epoch", yLabel: "accuracy (%)", yRange: accuracyRange, legend: .hidden,
                series: accuracy + accuracyStrip),
            heldOut,
        ]
        // One epoch axis for all four, as the last panel starts after the first epochs' climb.
        for index in panels.indices { panels[index].xRange = 0...epochs }
        return Figure(
            name: "curves",
            title:
                "784→256→256→10, Adam, patience \(patience), mean ± std over \(seeds) seeds (a run with early stopping is its seed's run up to the stop)",
            panels: panels, layout: .stacked)
    }

    /// Validation and test accuracy of the run without stopping, from the epoch after the
    /// first climb on an axis fitted to them: where the few points that stopping costs on the
    /// test set, and the late creep of both curves, can be seen (on the axis that also holds
    /// the training accuracy they are a few pixels).
    static func heldOutAccuracyPanel(
        _ report: Report, strip: (_ beyond: [Series], _ above: Bool, _ yScale: Scale) -> [Series]
    ) -> Panel {
        let epochs = report.continued.runs.map(\.history.epochs.count).max() ?? 1
        // A twentieth of the budget: epoch 5 of 100, when both curves are within a few points
        // of where they level off.
        let first = Double(max(1, epochs / 20))
        let curves = [
            (EpochMetric.validationAccuracy, "validation accuracy, no stopping", 0),
            (EpochMetric.testAccuracy, "test accuracy, no stopping", 1),
        ].flatMap { metric, name, color -> [Series] in
            let curve = report.continued.curve(metric)
            let kept = curve.epochs.indices.filter { curve.epochs[$0] >= first }
            let x = kept.map { curve.epochs[$0] }
            let mean = kept.map { curve.mean[$0] }
            let std = kept.map { curve.std[$0] }
            return [
                .band(
                    nil, x: x, lower: zip(mean, std).map { $0 - $1 }, upper: zip(mean, std).map { $0 + $1 },
                    color: color),
                .line(name, x: x, y: mean, style: .lines, color: color),
            ]
        }
        let dots = strip(curves, false, .linear)
        let heights = (curves + dots).flatMap { series -> [Double] in
            switch series.content {
            case let .line(_, y, _): y
            case let .band(_, lower, upper): lower + upper
            default: []
            }
        }
        var panel = Panel(
            title:
                "validation and test accuracy from epoch \(Int(first)) (the climb before it is in the panel above); below, each seed's best epoch and stop",
            xLabel: "epoch", yLabel: "accuracy (%)", series: curves + dots)
        if let low = heights.min(), let high = heights.max() {
            panel.yRange = (low - 0.5).rounded(.down)...(high + 0.5).rounded(.up)
        }
        return panel
    }
}
