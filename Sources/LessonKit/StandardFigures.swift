import Engine
import Foundation
import Plot

/// Panels that several lessons draw the same way.
public enum StandardPanels {
    /// Training (dashed) and validation (solid) curves per epoch, one color per run.
    public static func curves(_ runs: [(label: String, history: History)], title: String,
                              metric: Metric, legend: LegendPosition = .bottomRight) -> Panel {
        var series: [Series] = []
        for (index, run) in runs.enumerated() {
            let epochs = run.history.epochs
            let x = epochs.map { Double($0.epoch) }
            series.append(.line("\(run.label), training", x: x, y: epochs.map { metric.training($0) }, style: .dashed, color: index))
            if epochs.first.flatMap(metric.validation) != nil {
                series.append(.line("\(run.label), validation", x: x, y: epochs.map { metric.validation($0) ?? .nan }, color: index))
            }
        }
        return Panel(title: title, xLabel: "epoch", yLabel: metric.label, legend: legend, series: series)
    }

    /// Minibatch losses with a running average, as in the lecture's loss plots.
    public static func minibatchLoss(_ history: History, title: String, window: Int = 200) -> Panel {
        let losses = history.minibatchLosses.map(Double.init)
        let iterations = losses.indices.map { Double($0 + 1) }
        return Panel(title: title, xLabel: "iteration", yLabel: "minibatch loss", series: [
            .line("minibatch loss", x: iterations, y: losses, color: 5),
            .line("running average (\(window))", x: iterations, y: runningAverage(losses, window: window), color: 1),
        ])
    }

    public static func runningAverage(_ values: [Double], window: Int) -> [Double] {
        var result: [Double] = []
        var sum = 0.0
        for (index, value) in values.enumerated() {
            sum += value
            if index >= window { sum -= values[index - window] }
            result.append(sum / Double(min(index + 1, window)))
        }
        return result
    }

    /// What a curve shows: accuracy in percent or loss.
    public struct Metric: Sendable {
        public let label: String
        public let training: @Sendable (EpochRecord) -> Double
        public let validation: @Sendable (EpochRecord) -> Double?

        public static let accuracy = Metric(label: "accuracy (%)",
                                            training: { Double($0.trainAccuracy ?? .nan) * 100 },
                                            validation: { $0.validationAccuracy.map { Double($0) * 100 } })
        public static let loss = Metric(label: "cross-entropy loss",
                                        training: { Double($0.trainLoss) },
                                        validation: { $0.validationLoss.map(Double.init) })
    }
}

/// Formats a fraction as a percentage with two decimals ("87.31").
public func percent(_ fraction: Float?) -> String {
    fraction.map { String(format: "%.2f", 100 * $0) } ?? "–"
}
