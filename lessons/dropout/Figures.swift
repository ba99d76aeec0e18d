import Engine
import LessonKit
import Plot

extension DropoutLesson {
    /// The paired differences against no dropout as forest plots: what the verdicts rest on.
    /// Rows many times larger than the others (a large p's cost) go to an x-axis of their own,
    /// so that the small rows' intervals stay readable; every panel's plot area aligned.
    static func comparisonFigure(
        _ comparisons: ComparisonsAgainstReference<DropoutRun>, seeds: Int, epochs: Int
    ) -> Figure {
        let panels =
            StandardPanels.differenceForests(
                comparisons.labels, comparisons.families[0].differences, holm: comparisons.families[0],
                title: "generalization gap, mean of the last \(lastK) epochs: left is less overfitting",
                xLabel: "difference in gap (points)")
            + StandardPanels.differenceForests(
                comparisons.labels, comparisons.families[1].differences, holm: comparisons.families[1],
                title: "test accuracy at each run's best-validation epoch: right is better on new images",
                xLabel: "difference in test accuracy (points)")
        return Figure(
            name: "comparison",
            title: "Each p − no dropout: mean and 95 % interval paired over \(seeds) seeds, \(epochs) epochs",
            panels: panels.sharingLeftMargin(), layout: .stacked)
    }

    static func curvesFigure(
        _ none: SettingRuns<DropoutRun>, _ chosen: SettingRuns<DropoutRun>, learningRate: Float, batchSize: Int
    ) -> Figure {
        var accuracy = StandardPanels.seedCurves(
            [none, chosen], metrics: [.validationAccuracy, .trainAccuracy],
            title: "validation (solid) and training (dashed) accuracy", yLabel: "accuracy (%)")
        // The axis starts 10 points under the lowest final mean, so that the band where the
        // curves end is not squeezed by the first epochs' low accuracies (those leave the panel).
        let lowest =
            [none, chosen].flatMap { setting in
                [EpochMetric.validationAccuracy, .trainAccuracy].compactMap { setting.curve($0).mean.last }
            }.min() ?? 0
        accuracy.yRange = max(0, (lowest / 5).rounded(.down) * 5 - 10)...100
        return Figure(
            name: "curves",
            title: "784→75→45→10, SGD lr \(learningRate), batch \(batchSize): mean ± std over \(none.runs.count) seeds",
            panels: [
                accuracy,
                StandardPanels.seedCurves(
                    [none, chosen], metrics: [.gap], title: "generalization gap (training − validation)",
                    yLabel: "gap (percentage points)"),
            ], layout: .pair)
    }

    static func sweepFigure(_ runs: [SettingRuns<DropoutRun>], probabilities: [Float], epochs: Int) -> Figure {
        let ps = probabilities.map(Double.init)
        var series: [Series] = []
        for (index, (name, estimates)) in [
            ("training", runs.map { $0.lastEpochs(lastK, .trainAccuracy) }),
            ("validation", runs.map { $0.lastEpochs(lastK, .validationAccuracy) }),
            ("test at the best-validation epoch", runs.map { $0.atBestValidation(.testAccuracy) }),
        ].enumerated() {
            series.append(.spread(x: ps, estimates, color: index))
            series.append(.line(name, x: ps, y: estimates.map(\.mean), style: .linesPoints, color: index))
        }
        return Figure(
            name: "sweep",
            panels: [
                Panel(
                    title:
                        "accuracy vs dropout probability (training, validation: mean of the last \(lastK) of \(epochs) epochs; bands ±1 std over seeds)",
                    xLabel: "dropout probability p", yLabel: "accuracy (%)", series: series)
            ], layout: .single)
    }

    static func mechanicsFigure(_ m: Mechanics, p: Float) -> Figure {
        let points = Swift.zip(m.activations.storage, m.meanOverMasks.storage)
        let largest = Double(m.activations.storage.max() ?? 1)
        // One grey scale for the three maps, so that the ×1/(1−p) of the kept units shows.
        let range = 0...Double(max(m.dropped.storage.max() ?? 1, m.mask.storage.max() ?? 1))
        let scale = ImageScale(range, label: "activation, or mask factor"),
            unlabelled = ImageScale(range, label: "", showsBar: false)
        return Figure(
            name: "mechanics",
            title: String(
                format:
                    "Inverted dropout, p = %.1f, on the first hidden layer (%d examples × %d units), one grey scale", p,
                m.activations.rows, m.activations.cols),
            panels: [
                Panel(title: "activations a (evaluation mode)", series: [.image(m.activations, scale: unlabelled)]),
                Panel(
                    title: String(format: "one mask: 0 or 1/(1−p) = %.2f", 1 / (1 - p)),
                    series: [.image(m.mask, scale: unlabelled)]),
                Panel(title: "a ⊙ mask (training mode)", series: [.image(m.dropped, scale: scale)]),
                Panel(
                    title: "mean over \(m.masks) masks vs a", xLabel: "activation without dropout",
                    yLabel: "mean of dropout output", legend: .topLeft,
                    series: [
                        .line(
                            "\(m.activations.count) (example, unit) pairs", x: points.map { Double($0.0) },
                            y: points.map { Double($0.1) }, style: .points, color: 0),
                        .line("y = x", x: [0, largest], y: [0, largest], style: .dashed, color: 6),
                    ]),
                // One above the other: the maps are wide (units across), and stacked their columns line
                // up, so that a unit's value in a, in the mask and in a ⊙ mask reads straight down.
            ], layout: .stacked)
    }

    /// Accuracy of the average of K thinned networks against K, with the evaluation-mode
    /// network (weights used whole, no scaling needed after inverted dropout) as a band.
    static func ensembleFigure(_ runs: SettingRuns<DropoutRun>, p: Float) -> Figure {
        let ks = ensembleSizes.map(Double.init)
        let ensemble = DropoutRun.ensembleColumns.map { runs.estimate(column: $0) }
        let evaluation = runs.estimate(\.evaluationModeAccuracy)
        let flat = [Double](repeating: evaluation.mean, count: ks.count)
        var panel = Panel(
            title: String(
                format:
                    "p = %.1f: averaging K thinned networks vs the evaluation-mode network (mean ± std over %d seeds)",
                p, runs.runs.count),
            xLabel: "K, thinned networks averaged (log scale)", yLabel: "test accuracy (%)", xScale: .log,
            // A little room either side, so that the points at K = 1 and the largest K
            // are not drawn on the frame.
            xRange: (1 / 1.15)...(Double(ensembleSizes.max()!) * 1.15),
            series: [
                .spread(x: ks, ensemble, color: 1),
                .line(
                    "average of K thinned networks", x: ks, y: ensemble.map(\.mean), style: .linesPoints,
                    color: 1),
                // The evaluation-mode network's ±1 std as dashed lines, not a second band:
                // two overlapping translucent bands blend into a third grey.
                .line("evaluation mode (all units, no masks)", x: ks, y: flat, color: 0),
                .line(
                    "evaluation mode ± 1 std", x: ks, y: flat.map { $0 - evaluation.std }, style: .dashed,
                    color: 0),
                .line(nil, x: ks, y: flat.map { $0 + evaluation.std }, style: .dashed, color: 0),
            ])
        // Every measured K labelled: over less than two decades gnuplot would label only 1 and 10.
        panel.xTicks = ensembleSizes.map { AxisTick("\($0)", at: Double($0)) }
        return Figure(name: "ensemble", panels: [panel], layout: .single)
    }
}
