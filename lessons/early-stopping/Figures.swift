import Engine
import Foundation
import LessonKit
import Plot

extension EarlyStoppingLesson {
    /// The run without stopping (mean ± std over seeds; identical to the stopping run up to
    /// its stop), with each seed's best epoch and stop marked on the validation curves (on the
    /// linear validation-loss panel in a strip below the curve).
    static func figure(_ report: Report, patience: Int) -> Figure {
        let runs = report.stopping.runs
        func points(_ key: KeyPath<StoppingRun, Double?>, _ value: (EpochRecord) -> Double?) -> (
            x: [Double], y: [Double]
        ) {
            var x: [Double] = [], y: [Double] = []
            for run in runs {
                guard let epoch = run[keyPath: key].map(Int.init), epoch > 0, epoch <= run.history.epochs.count,
                    let v = value(run.history.epochs[epoch - 1])
                else { continue }
                x.append(Double(epoch))
                y.append(v)
            }
            return (x, y)
        }
        /// A dot at each seed's own value at its best epoch and at its stop (ticks through
        /// them, as before, read as error bars).
        func marks(_ value: (EpochRecord) -> Double?) -> [Series] {
            [
                (\StoppingRun.bestEpoch, "best epoch (each seed's own value)", 2),
                (\StoppingRun.stoppedEpoch, "stop (each seed's own value)", 3),
            ].map { key, name, color in
                let marked = points(key, value)
                return .line(name, x: marked.x, y: marked.y, style: .marker, color: color)
            }
        }
        /// The same epochs as a dot plot in a strip below the curve's band (seeds sharing an epoch
        /// stacked downwards, best epochs above stops), so that the dots leave the mean curve and
        /// its band visible where they cluster.
        func strip(below curve: (epochs: [Double], mean: [Double], std: [Double])) -> [Series] {
            let lower = zip(curve.mean, curve.std).map { $0 - $1 }, upper = zip(curve.mean, curve.std).map { $0 + $1 }
            let spacing = ((upper.max() ?? 1) - (lower.min() ?? 0)) / 30
            let top = (lower.min() ?? 0) - 2 * spacing
            var stacked: [Int: Int] = [:]
            return [
                (\StoppingRun.bestEpoch, "best epoch (one dot per seed)", 2),
                (\StoppingRun.stoppedEpoch, "stop (one dot per seed)", 3),
            ].map { key, name, color in
                let epochs = runs.compactMap { $0[keyPath: key] }.sorted()
                let y = epochs.map { epoch -> Double in
                    let below = stacked[Int(epoch), default: 0]
                    stacked[Int(epoch)] = below + 1
                    return top - Double(below) * spacing
                }
                return .line(name, x: epochs, y: y, style: .marker, color: color)
            }
        }
        let seeds = runs.count
        // Accuracy ends at 100 %, not at gnuplot's next tick above it.
        let lowest =
            [EpochMetric.validationAccuracy, .trainAccuracy].flatMap { report.continued.curve($0).mean }.min() ?? 0
        let accuracyRange = max(0, (lowest / 10).rounded(.down) * 10 - 10)...100
        return Figure(
            name: "curves",
            title:
                "784→256→256→10, Adam, patience \(patience), mean ± std over \(seeds) seeds (a run with early stopping is its seed's run up to the stop)",
            panels: [
                Panel(
                    title:
                        "loss (log scale; geometric mean ×÷ std): validation solid, training dashed (running average)",
                    xLabel: "epoch", yLabel: "cross-entropy loss", yScale: .log,
                    series: StandardPanels.seedSeries(
                        report.continued, metrics: [.validationLoss, .trainLoss], yScale: .log, color: 0)
                        + marks { $0.validationLoss.map(Double.init) }),
                // On a linear axis the validation loss's U (down to the best epoch, then up) shows
                // at its true size; the log axis above, which holds the training loss too, flattens it.
                Panel(
                    title:
                        "validation loss alone, linear scale (mean ± std); below it each seed's best epoch and stop",
                    xLabel: "epoch", yLabel: "validation loss",
                    series: StandardPanels.seedSeries(report.continued, metrics: [.validationLoss], color: 0)
                        + strip(below: report.continued.curve(.validationLoss))),
                Panel(
                    title: "accuracy: validation solid, training dashed (running average over the epoch's minibatches)",
                    xLabel: "epoch", yLabel: "accuracy (%)", yRange: accuracyRange,
                    series: StandardPanels.seedCurves(
                        [report.continued], metrics: [.validationAccuracy, .trainAccuracy], title: ""
                    ).series
                        + marks { $0.validationAccuracy.map { 100 * Double($0) } }),
            ], layout: .stacked)
    }
}
