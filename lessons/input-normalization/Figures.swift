import Engine
import EngineData
import Foundation
import LabMath
import LessonKit
import Plot

extension InputNormalizationLesson {
    /// The loss surface over (w₁, w₂) with the bias at its best value for each pair (the
    /// surface the descent sees once the bias has caught up), and the (w₁, w₂) projection of
    /// the path, which moves in (w₁, w₂, b).
    func surfaceFigure(raw: (RegressionDataset, Descent), normalized: (RegressionDataset, Descent)) -> Figure {
        func panel(_ title: String, _ data: RegressionDataset, _ descent: Descent) -> Panel {
            let design = Matrix(rows: data.count, cols: 3, (0..<data.count).flatMap { [data.inputs[$0, 0], data.inputs[$0, 1], 1] })
            let solution = LeastSquares.solve(design, data.targets)
            let n = Double(data.count)
            let meanX1 = (0..<data.count).reduce(0.0) { $0 + Double(data.inputs[$1, 0]) } / n
            let meanX2 = (0..<data.count).reduce(0.0) { $0 + Double(data.inputs[$1, 1]) } / n
            let meanY = (0..<data.count).reduce(0.0) { $0 + Double(data.targets[$1, 0]) } / n
            let w1s = descent.path.map { Double($0.0) } + [Double(solution[0, 0])]
            let w2s = descent.path.map { Double($0.1) } + [Double(solution[1, 0])]
            let pad1 = (w1s.max()! - w1s.min()!) * 0.15 + 0.1, pad2 = (w2s.max()! - w2s.min()!) * 0.15 + 0.1
            let xs = (0..<80).map { w1s.min()! - pad1 + Double($0) / 79 * (w1s.max()! - w1s.min()! + 2 * pad1) }
            let ys = (0..<80).map { w2s.min()! - pad2 + Double($0) / 79 * (w2s.max()! - w2s.min()! + 2 * pad2) }
            let z = ys.map { w2 in
                xs.map { w1 in
                    let bias = Float(meanY - w1 * meanX1 - w2 * meanX2)
                    let weights = Matrix(rows: 3, cols: 1, [Float(w1), Float(w2), bias])
                    return log10(Double(MSELoss()(Matrix.product(design, weights), data.targets).value))
                }
            }
            // Light grey contours (no heat map, whose colour bar would need a label): the path stays
            // visible. A dot on each of the first 10 steps (a fast path is done in a few).
            return Panel(title: title, xLabel: "w₁", yLabel: "w₂", series: [.contours(x: xs, y: ys, z: z)]
                + StandardPanels.pathSeries(String(format: "descent, lr %.3g", descent.learningRate),
                                            x: descent.path.map { Double($0.0) }, y: descent.path.map { Double($0.1) }, color: 0, everyStepUpTo: 10)
                + [.line("minimum", x: [Double(solution[0, 0])], y: [Double(solution[1, 0])], style: .points, color: 6)])
        }
        let steps = (1...raw.1.losses.count).map(Double.init)
        return Figure(name: "surface", title: "contours of log₁₀(MSE) over (w₁, w₂), the bias at its best for each pair; the path moves in (w₁, w₂, b), drawn in (w₁, w₂)", panels: [
            panel("raw features (scales 1 and \(Int(scaleRatio.value)))", raw.0, raw.1),
            panel("standardized features", normalized.0, normalized.1),
            Panel(title: "loss per step, best stable rates", xLabel: "step", yLabel: "mean squared error",
                  xScale: .log, yScale: .log, series: [
                      .line(String(format: "raw, lr %.3g", raw.1.learningRate), x: steps, y: raw.1.losses.map(Double.init), color: 0),
                      .line(String(format: "standardized, lr %.3g", normalized.1.learningRate), x: steps,
                            y: normalized.1.losses.map(Double.init), color: 1),
                  ]),
        ], layout: .triple)
    }

    func imageFigure(_ runs: [SettingRuns<ScaledRun>], epochs: Int) -> Figure {
        Figure(name: "fashion-mnist", title: "784→128→10 on Fashion-MNIST, SGD lr \(learningRate.value): mean ± std over \(runs[0].runs.count) seeds", panels: [
            StandardPanels.seedCurves(runs, metrics: [.validationAccuracy, .trainAccuracy],
                                      title: "validation (solid), training (dashed, running average)", yLabel: "accuracy (%)"),
            StandardPanels.seedCurves(runs, metrics: [.validationLoss, .trainLoss], title: "loss, the same curves (log scale)",
                                      yLabel: "cross-entropy loss", yScale: .log),
        ], layout: .pair)
    }

    func gridFigure(_ report: Report, scalings: [String], epochs: Int) -> Figure {
        let x = report.gridRates.map(Double.init)
        var series: [Series] = []
        for (color, scaling) in scalings.enumerated() {
            let estimates = report.gridRuns(scaling).map { $0.estimate(\.finalValidation) }
            if estimates.first.map({ $0.count > 1 }) ?? false {
                series.append(.spread(x: x, estimates, color: color))
            }
            series.append(.line(scaling, x: x, y: estimates.map(\.mean), style: .linesPoints, color: color))
        }
        return Figure(name: "learning-rates", panels: [
            Panel(title: "Each input scaling at every learning rate: validation accuracy after \(epochs) epochs (±1 std over \(report.grid[0].runs.count) seeds; diverged = 10 %)",
                  xLabel: "SGD learning rate", yLabel: "validation accuracy (%)", xScale: .log,
                  xRange: x.count > 1 ? (x.min()! / 1.5)...(x.max()! * 1.5) : nil, series: series),
        ], layout: .single)
    }
}
