import Engine
import EngineData
import Foundation
import LabMath
import LessonKit
import Plot

extension InputNormalizationLesson {
    /// The loss surface over (w₁, w₂) with the bias at its best value for each pair (the
    /// surface the descent sees once the bias has caught up), and the (w₁, w₂) projection of
    /// the path, which moves in (w₁, w₂, b); one panel per preparation of the features, all
    /// on the same axes with equal units on both, so that a narrow valley looks narrow and
    /// the panels compare unit for unit.
    func surfaceFigure(_ features: [FeatureDescent]) -> Figure {
        /// The rows (x₁, x₂, 1) of a preparation's features: the bias as a third weight.
        func designMatrix(_ data: RegressionDataset) -> Matrix {
            Matrix(rows: data.count, cols: 3, (0..<data.count).flatMap { [data.inputs[$0, 0], data.inputs[$0, 1], 1] })
        }
        // The least-squares (w₁, w₂, b) of each preparation.
        let solutions = features.map { LeastSquares.solve(designMatrix($0.data), $0.data.targets) }
        // Every path and minimum with a margin, then the shorter side widened to at least 2/5
        // of the longer, so that a narrow valley shows its walls instead of a sliver.
        let w1s = zip(features, solutions).flatMap { $0.descent.path.map { Double($0.0) } + [Double($1[0, 0])] }
        let w2s = zip(features, solutions).flatMap { $0.descent.path.map { Double($0.1) } + [Double($1[1, 0])] }
        var (low1, high1) = (w1s.min()!, w1s.max()!), (low2, high2) = (w2s.min()!, w2s.max()!)
        let pad = 0.15 * max(high1 - low1, high2 - low2) + 0.1
        (low1, high1, low2, high2) = (low1 - pad, high1 + pad, low2 - pad, high2 + pad)
        let span = max(high1 - low1, high2 - low2) * 0.4
        if high2 - low2 < span { (low2, high2) = ((low2 + high2 - span) / 2, (low2 + high2 + span) / 2) }
        if high1 - low1 < span { (low1, high1) = ((low1 + high1 - span) / 2, (low1 + high1 + span) / 2) }
        let xs = (0..<80).map { low1 + Double($0) / 79 * (high1 - low1) }
        let ys = (0..<80).map { low2 + Double($0) / 79 * (high2 - low2) }

        func panel(_ feature: FeatureDescent, _ solution: Matrix) -> Panel {
            let data = feature.data, descent = feature.descent
            let design = designMatrix(data)
            let n = Double(data.count)
            let meanX1 = (0..<data.count).reduce(0.0) { $0 + Double(data.inputs[$1, 0]) } / n
            let meanX2 = (0..<data.count).reduce(0.0) { $0 + Double(data.inputs[$1, 1]) } / n
            let meanY = (0..<data.count).reduce(0.0) { $0 + Double(data.targets[$1, 0]) } / n
            let z = ys.map { w2 in
                xs.map { w1 in
                    let bias = Float(meanY - w1 * meanX1 - w2 * meanX2)
                    let weights = Matrix(rows: 3, cols: 1, [Float(w1), Float(w2), bias])
                    return log10(Double(MSELoss()(Matrix.product(design, weights), data.targets).value))
                }
            }
            // Light grey contours (no heat map, whose colour bar would need a label): the path stays
            // visible. A dot on each of the first 10 steps (a fast path is done in a few).
            var panel = Panel(
                // The rate in the title: legends of one height keep the panels' plots (and so
                // their units) the same size.
                title: String(
                    format: "%@ features, κ = %.3g, lr %.3g", feature.preparation.label,
                    feature.curvature.conditionNumber, descent.learningRate),
                xLabel: "w₁", yLabel: "w₂",
                series: [.contours(x: xs, y: ys, z: z)]
                    + StandardPanels.pathSeries(
                        "gradient descent",
                        x: descent.path.map { Double($0.0) }, y: descent.path.map { Double($0.1) }, color: 0,
                        everyStepUpTo: 10)
                    + [
                        .line(
                            "minimum", x: [Double(solution[0, 0])], y: [Double(solution[1, 0])], style: .points,
                            color: 6)
                    ])
            panel.equalAspect = true
            return panel
        }
        return Figure(
            name: "surface",
            title:
                "log₁₀(MSE) over (w₁, w₂) with the bias at its best, every panel on the same axes with equal units; paths drawn in (w₁, w₂)",
            panels: zip(features, solutions).map(panel), layout: .surface)
    }

    /// The excess loss L − L* per step on a log axis, where a geometric decrease is a straight
    /// line, beside the bound the curvature gives: (L₀ − L*)·r^(2t), r the slowest
    /// direction's shrink per step at the rate used.
    func excessLossFigure(_ features: [FeatureDescent]) -> Figure {
        var series: [Series] = []
        // Where each run's drawn curve ends (it reaches its floor).
        var lastSteps: [Double] = []
        for (color, feature) in features.enumerated() {
            let losses = feature.descent.losses.map(Double.init)
            // Float rounding ends the decrease near 1e-7 of the loss: drop the steps below it.
            let floor = feature.minimum * 1e-6
            let points = losses.indices.compactMap { step -> (Double, Double)? in
                let excess = losses[step] - feature.minimum
                return excess > floor ? (Double(step), excess) : nil
            }
            lastSteps.append(points.last?.0 ?? 0)
            series.append(
                .line(
                    String(format: "%@, lr %.3g", feature.preparation.label, feature.descent.learningRate),
                    x: points.map(\.0), y: points.map(\.1), color: color))
            let rate = feature.curvature.eigenvalues.map { abs(1 - Double(feature.descent.learningRate) * $0) }.max()!
            if rate < 1, let last = points.last?.0 {
                let steps = stride(from: 0.0, through: last, by: max(1, last / 100)).map { $0 }
                series.append(
                    .line(
                        color == 0 ? "dashed: the curvature's bound" : nil, x: steps,
                        y: steps.map { (losses[0] - feature.minimum) * pow(rate, 2 * $0) },
                        style: .dashed, color: color))
            }
        }
        // Below, the first steps only: on the whole run's axis the fast runs (done in a few
        // dozen steps, or a few) are squeezed against the y-axis. The zoom ends where the
        // second-fastest run reaches its floor, one y-range for both panels.
        let ends = lastSteps.sorted()
        let zoomEnd = max(ends.count > 1 ? ends[1] : (ends.first ?? 1), 1)
        func panel(_ title: String, xRange: ClosedRange<Double>?) -> Panel {
            Panel(
                title: title, xLabel: "step", yLabel: "L − L* (log scale)", yScale: .log, xRange: xRange, series: series
            )
        }
        return Figure(
            name: "excess-loss",
            panels: [
                panel(
                    "excess loss L − L* per step (solid) and its bound (L₀ − L*)·r²ᵗ from the curvature (dashed)",
                    xRange: nil),
                panel("the same, first \(Int(zoomEnd)) steps", xRange: 0...zoomEnd),
            ].sharingYRange(), layout: .stacked)
    }

    /// Above, every scaling on the whole range (raw pixels' chance level and huge first loss);
    /// below, the scalings other than raw on their own axes, where the whole range squeezes
    /// their few-point difference into a few pixels (each keeps its colour from above).
    func imageFigure(_ runs: [SettingRuns<ScaledRun>], epochs: Int) -> Figure {
        let scaled = Array(runs.dropFirst()), scaledColors = Array(runs.indices.dropFirst())
        return Figure(
            name: "fashion-mnist",
            title:
                "784→128→10 on Fashion-MNIST, SGD lr \(learningRate.value), \(runs[0].runs.count) seeds: mean ± std (log-scale panel: geometric mean ×÷ geometric std)",
            panels: [
                StandardPanels.seedCurves(
                    runs, metrics: [.validationAccuracy, .trainAccuracy],
                    title: "validation (solid), training (dashed, running average)", yLabel: "accuracy (%)"),
                StandardPanels.seedCurves(
                    runs, metrics: [.validationLoss, .trainLoss], title: "loss, the same curves (log scale)",
                    yLabel: "cross-entropy loss", yScale: .log),
                StandardPanels.seedCurves(
                    scaled, metrics: [.validationAccuracy, .trainAccuracy],
                    title: "accuracy without raw pixels (zoomed)", yLabel: "accuracy (%)", colors: scaledColors,
                    legend: .hidden),
                StandardPanels.seedCurves(
                    scaled, metrics: [.validationLoss, .trainLoss], title: "loss without raw pixels (linear scale)",
                    yLabel: "cross-entropy loss", colors: scaledColors, legend: .hidden),
            ], layout: .pair)
    }

    /// The paired differences behind the five image verdicts as forests: validation at
    /// `--learning-rate` above (pairs with a diverged run left out), test at each scaling's own
    /// best rate below, Holm-corrected as in the report.
    static func comparisonFigure(_ report: Report, scalings: [String], epochs: Int, gridEpochs: Int) -> Figure {
        let validation = Measure<ScaledRun>.validationAccuracy(lastEpochs: lastK)
        let complete = report.imagePairs.filter { a, b in
            validation.summary(a).count == a.runs.count && validation.summary(b).count == b.runs.count
        }
        let holm = report.bestRateComparisons(scalings)
        // Both measures' panels aligned, so that every zero line is at the same place on the page.
        let panels =
            StandardPanels.differenceForests(
                complete.map { "\($0.label) − \($1.label)" },
                complete.map { Difference(validation.summary($0), validation.summary($1)) },
                title:
                    "validation accuracy (mean of the last \(min(lastK, epochs)) of \(epochs) epochs) at the common rate",
                xLabel: "difference in validation accuracy (points)")
            + StandardPanels.differenceForests(
                Report.bestRatePairs.map { "\(scalings[$0]) − \(scalings[$1])" }, holm.differences, holm: holm,
                title: "test accuracy after \(gridEpochs) epochs, each at its best rate, Holm over the pairs",
                xLabel: "difference in test accuracy (points)")
        return Figure(
            name: "comparison",
            title: "Paired differences over \(report.imageRuns[0].runs.count) seeds: mean and 95 % interval",
            panels: panels.sharingLeftMargin(), layout: .stacked)
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
        return Figure(
            name: "learning-rates",
            panels: [
                Panel(
                    title:
                        "Each input scaling at every learning rate: validation accuracy after \(epochs) epochs (±1 std over \(report.grid[0].runs.count) seeds; diverged = 10 %)",
                    xLabel: "SGD learning rate (log scale)", yLabel: "validation accuracy (%)", xScale: .log,
                    xRange: x.count > 1 ? (x.min()! / 1.5)...(x.max()! * 1.5) : nil, series: series)
            ], layout: .single)
    }
}
