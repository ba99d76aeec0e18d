import Engine
import LessonKit
import Plot

extension L2Lesson {
    /// The paired differences against λ = 0 as forest plots: what the verdicts rest on.
    static func comparisonFigure(
        _ comparisons: ComparisonsAgainstReference<PenalizedRun>, seeds: Int, epochs: Int
    ) -> Figure {
        // The largest λ underfits and its differences dwarf the others', so it alone gets an
        // x-axis of its own, the same split for every measure that needs one.
        let largest = comparisons.labels.count - 1
        let groups = largest > 0 ? [Array(0..<largest), [largest]] : [Array(comparisons.labels.indices)]
        return Figure(
            name: "comparison",
            title: "Each λ − (λ = 0): mean and 95 % interval paired over \(seeds) seeds, \(epochs) epochs",
            panels: [
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.families[0].differences, holm: comparisons.families[0],
                    title: "validation loss, mean of the last \(lastK) epochs: left is better",
                    xLabel: "difference in validation loss", decimals: 3)
            ]
                + StandardPanels.differenceForests(
                    groups: groups, of: comparisons.families[1], labels: comparisons.labels,
                    title: "lowest validation loss, each run at its best epoch: left is better",
                    xLabel: "difference in lowest validation loss", decimals: 4)
                + StandardPanels.differenceForests(
                    groups: groups, of: comparisons.families[2], labels: comparisons.labels,
                    title: "validation accuracy, mean of the last \(lastK) epochs: right is better",
                    xLabel: "difference in validation accuracy (points)")
                + [
                    StandardPanels.differenceForest(
                        comparisons.labels, comparisons.families[3].differences, holm: comparisons.families[3],
                        title: "test accuracy after the last epoch: right is better",
                        xLabel: "difference in test accuracy (points)")
                ], layout: .stacked)
    }

    /// Σ‖W‖² against epochs for every λ (mean over seeds), from the initialization level
    /// (dashed): without penalty the weights grow away from it, with a large λ they shrink.
    static func normsFigure(_ report: Report, epochs: Int) -> Figure {
        var series: [Series] = []
        for (index, setting) in report.runs.enumerated() {
            let norms = setting.runs.map(\.weightNorms)
            let count = norms.map(\.count).min() ?? 0
            let mean = (0..<count).map { epoch in norms.map { $0[epoch] }.reduce(0, +) / Double(norms.count) }
            series.append(.line(setting.label, x: (0..<count).map(Double.init), y: mean, style: .lines, color: index))
        }
        let initial = Estimate(report.runs.flatMap { $0.runs.map(\.initialWeightNorm) }).mean
        series.append(
            .line("initialization", x: [0, Double(epochs)], y: [initial, initial], style: .dashed, color: 6))
        return Figure(
            name: "norms",
            panels: [
                // The y-axis fitted to the curves (gnuplot rounds out to whole decades, mostly empty
                // here) and labelled 1-2-5, as it spans about a decade.
                Panel(
                    title:
                        "sum of squared weights during training (mean over \(report.runs[0].runs.count) seeds; epoch 0 = initialization)",
                    xLabel: "epoch", yLabel: "Σ‖W‖² (all weight matrices, log scale)", yScale: .log, series: series)
            ].sharingYRange().map { $0.labellingLogYRange() }, layout: .single)
    }

    /// Accuracy and weight norm against λ (log axis), mean ± std over seeds; λ = 0 drawn as a
    /// dashed line with its band across the whole axis. The panels share their left margin, so
    /// that their λ axes are one above the other.
    static func sweepFigure(_ report: Report, epochs: Int) -> Figure {
        let positive = report.lambdas.indices.filter { report.lambdas[$0] > 0 }
        let x = positive.map { Double(report.lambdas[$0]) }
        let span = [x.first ?? 1e-3, x.last ?? 1]
        let zero = report.lambdas.firstIndex(of: 0)
        // The axis spans the positive λ with a margin of a factor 1.25 (a log axis would
        // otherwise round out to whole decades and leave an empty decade).
        let xRange: ClosedRange<Double>? = span[0] < span[1] ? span[0] / 1.25...span[1] * 1.25 : nil
        // λ = 0 gets a colour of its own (black, with a grey band, where it is alone in its
        // panel): in the curve's colour its band could not be told from the curve's band where
        // they overlap.
        func sweep(
            _ name: String, _ estimate: (SettingRuns<PenalizedRun>) -> Estimate, color: Int, zeroColor: Int = 6
        ) -> [Series] {
            let values = positive.map { estimate(report.runs[$0]) }
            var series: [Series] = [
                .spread(x: x, values, color: color),
                .line(name, x: x, y: values.map(\.mean), style: .linesPoints, color: color),
            ]
            if let zero {
                let none = estimate(report.runs[zero])
                series.append(
                    .band(
                        nil, x: span, lower: [none.mean - none.std] * 2, upper: [none.mean + none.std] * 2,
                        color: zeroColor))
                series.append(.line("\(name), λ = 0", x: span, y: [none.mean] * 2, style: .dashed, color: zeroColor))
            }
            return series
        }
        return Figure(
            name: "sweep",
            title:
                "784→256→256→10, SGD lr \(learningRate) momentum \(momentum), \(epochs) epochs, penalty (λ/n)·Σ‖W‖²: mean ± std over \(report.runs[0].runs.count) seeds",
            panels: [
                Panel(
                    title: "accuracy, mean of the last \(lastK) epochs", xLabel: "λ", yLabel: "accuracy (%)",
                    xScale: .log, xRange: xRange,
                    series: sweep("training", { $0.lastEpochs(lastK, .trainAccuracy) }, color: 0, zeroColor: 5)
                        + sweep("validation", { $0.lastEpochs(lastK, .validationAccuracy) }, color: 1)),
                Panel(
                    title: "validation loss, mean of the last \(lastK) epochs", xLabel: "λ",
                    yLabel: "cross-entropy loss", xScale: .log, xRange: xRange,
                    series: sweep("validation loss", { $0.lastEpochs(lastK, .validationLoss) }, color: 3)),
                // Fitted and labelled 1-2-5 as in the norms figure.
                [
                    Panel(
                        title: "sum of squared weights over all weight matrices after training", xLabel: "λ",
                        yLabel: "Σ‖W‖² (log scale)", xScale: .log, yScale: .log, xRange: xRange,
                        series: sweep("Σ‖W‖²", { $0.estimate(\.weightNorm) }, color: 2))
                ].sharingYRange()[0].labellingLogYRange(),
            ].sharingLeftMargin(), layout: .stacked)
    }

    /// First-layer weights of the first seed without penalty and with the largest λ, on a
    /// range that holds all but the most extreme 0.1 % of the unpenalized weights.
    static func weightsFigure(_ report: Report) -> Figure {
        let best = report.lambdas.last ?? 0
        let none = report.lambdas.contains(0) ? 0 : report.lambdas[0]
        let reference = (report.firstLayerWeights[none] ?? []).map(abs).sorted()
        let bound = reference.isEmpty ? 0.1 : max(reference[Int(0.999 * Double(reference.count - 1))], 1e-3)
        var series: [Series] = [
            .histogram(
                String(format: "λ = %g", none), values: report.firstLayerWeights[none] ?? [], bins: 80,
                range: -bound...bound, color: 0)
        ]
        if best != none {
            series.append(
                .histogram(
                    String(format: "λ = %g (the largest of the sweep)", best),
                    values: report.firstLayerWeights[best] ?? [],
                    bins: 80, range: -bound...bound, color: 1))
        }
        return Figure(
            name: "weights",
            panels: [
                Panel(
                    title:
                        "first-layer weights (784×256) after training, first seed (range: 99.9 % of the λ = \(String(format: "%g", none)) weights)",
                    xLabel: "weight", yLabel: "count", xRange: -Double(bound)...Double(bound), series: series)
            ], layout: .single)
    }
}

private func * (values: [Double], count: Int) -> [Double] { Array(repeating: values[0], count: count) }
