import Engine
import Foundation
import LessonKit
import Plot

extension BatchSizeLesson {
    /// The first seed's minibatch losses, one panel per batch size on one shared y-range.
    static func lossFigure(_ runs: [SettingRuns<NoiseRun>]) -> Figure {
        var panels = runs.map { setting in
            let history = setting.runs[0].history
            let window = max(10, history.batchesPerEpoch)
            return StandardPanels.minibatchLoss(
                history, title: "\(setting.label): \(history.batchesPerEpoch) iterations per epoch, \(history.minibatchLosses.count) in all",
                xLabel: "epoch (iteration / \(history.batchesPerEpoch))", window: window,
                averageTitle: "running average over \(window) iterations" + (window == history.batchesPerEpoch ? " (one epoch)" : ""))
        }
        let losses = runs.flatMap { $0.runs[0].history.minibatchLosses }.map(Double.init).filter { $0.isFinite && $0 > 0 }
        if let low = losses.min(), let high = losses.max() {
            let range = pow(10, floor(log10(low)))...pow(10, ceil(log10(high)))
            for index in panels.indices { panels[index].yRange = range }
        }
        return Figure(name: "minibatch-loss", title: "Minibatch loss per iteration (first seed), with a running average; shared y-axis",
                      panels: panels, layout: .pair)
    }

    /// The minibatch-loss noise of the last epoch against the batch size, with the 1/√B law
    /// drawn through the smallest batch.
    static func noiseFigure(_ runs: [SettingRuns<NoiseRun>], sizes: [Int]) -> Figure {
        let order = sizes.indices.sorted { sizes[$0] < sizes[$1] }
        let x = order.map { Double(sizes[$0]) }
        let spread = order.map { runs[$0].estimate(\.lossStdLastEpoch) }
        // The same law on fixed networks: the batch-64-trained (first setting's) weights, frozen.
        let frozenColumns = NoiseRun.frozenColumns(sizes)
        let frozen = order.map { runs[0].estimate(column: frozenColumns[$0]) }
        let anchor = spread[0].mean, smallest = x[0]
        let fine = (0...40).map { smallest * pow(x.last! / smallest, Double($0) / 40) }
        return Figure(name: "loss-noise", panels: [
            Panel(title: "std of the minibatch loss (mean ± std over seeds) and the averaging law",
                  xLabel: "batch size B (log scale)", yLabel: "std of the minibatch loss (log scale)", xScale: .log, yScale: .log,
                  xRange: (smallest / 1.5)...(x.last! * 1.5),
                  series: [
                      .spread(x: x, spread, color: 0),
                      .line("measured during training (each batch size's own run, last epoch)", x: x, y: spread.map(\.mean), style: .linesPoints, color: 0),
                      .spread(x: x, frozen, color: 1),
                      .line("fresh batches through \(runs[0].label)'s trained networks, weights frozen", x: x, y: frozen.map(\.mean), style: .linesPoints, color: 1),
                      .line("prediction σ(B) = σ(\(Int(smallest)))·√(\(Int(smallest))/B)", x: fine,
                            y: fine.map { anchor * (smallest / $0).squareRoot() }, style: .dashed, color: 6),
                  ]),
        ], layout: .single)
    }

    static func accuracyFigure(_ runs: [SettingRuns<NoiseRun>], learningRate: Float) -> Figure {
        Figure(name: "accuracy", title: "SGD lr \(learningRate): mean ± std over \(runs[0].runs.count) seeds (training measured in evaluation mode)", panels: [
            StandardPanels.seedCurves(runs, metrics: [.validationAccuracy, .trainAccuracy],
                                      title: "validation (solid) and training (dashed) accuracy, from epoch 1", yLabel: "accuracy (%)"),
        ], layout: .single)
    }
}
