import Engine
import LessonKit
import Plot

extension DropoutLesson {
    static func curvesFigure(_ none: SettingRuns<DropoutRun>, _ chosen: SettingRuns<DropoutRun>, learningRate: Float, batchSize: Int) -> Figure {
        Figure(name: "curves", title: "784→75→45→10, SGD lr \(learningRate), batch \(batchSize): mean ± std over \(none.runs.count) seeds", panels: [
            StandardPanels.seedCurves([none, chosen], metrics: [.validationAccuracy, .trainAccuracy],
                                      title: "validation (solid) and training (dashed) accuracy", yLabel: "accuracy (%)"),
            StandardPanels.seedCurves([none, chosen], metrics: [.gap], title: "generalization gap (training − validation)",
                                      yLabel: "gap (percentage points)"),
        ], layout: .pair)
    }

    static func sweepFigure(_ runs: [SettingRuns<DropoutRun>], probabilities: [Float], epochs: Int) -> Figure {
        let ps = probabilities.map(Double.init)
        var series: [Series] = []
        for (index, (name, estimates)) in [
            ("training", runs.map { $0.lastEpochs(lastK, .trainAccuracy) }),
            ("validation", runs.map { $0.lastEpochs(lastK, .validationAccuracy) }),
            ("best validation", runs.map { $0.atBestValidation(.validationAccuracy) }),
        ].enumerated() {
            series.append(.spread(x: ps, estimates, color: index))
            series.append(.line(name, x: ps, y: estimates.map(\.mean), style: .linesPoints, color: index))
        }
        return Figure(name: "sweep", panels: [
            Panel(title: "accuracy vs dropout probability (mean of the last \(lastK) of \(epochs) epochs; bands ±1 std over seeds)",
                  xLabel: "dropout probability p", yLabel: "accuracy (%)", series: series),
        ], layout: .single)
    }

    static func mechanicsFigure(_ m: Mechanics, p: Float) -> Figure {
        let points = Swift.zip(m.activations.storage, m.meanOverMasks.storage)
        let largest = Double(m.activations.storage.max() ?? 1)
        // One grey scale for the three maps, so that the ×1/(1−p) of the kept units shows.
        let scale = ImageScale(0...Double(max(m.dropped.storage.max() ?? 1, m.mask.storage.max() ?? 1)), label: "activation, or mask factor")
        return Figure(name: "mechanics", title: String(format: "Inverted dropout, p = %.1f, on the first hidden layer (%d examples × %d units), one grey scale", p, m.activations.rows, m.activations.cols), panels: [
            Panel(title: "activations a (evaluation mode)", series: [.image(m.activations, scale: scale)]),
            Panel(title: String(format: "one mask: 0 or 1/(1−p) = %.2f", 1 / (1 - p)), series: [.image(m.mask, scale: scale)]),
            Panel(title: "a ⊙ mask (training mode)", series: [.image(m.dropped, scale: scale)]),
            Panel(title: "mean over \(m.masks) masks vs a", xLabel: "activation without dropout",
                  yLabel: "mean of dropout output", legend: .topLeft, series: [
                      .line("units", x: points.map { Double($0.0) }, y: points.map { Double($0.1) }, style: .points, color: 0),
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
        return Figure(name: "ensemble", panels: [
            Panel(title: String(format: "p = %.1f: averaging K thinned networks vs the evaluation-mode network (mean ± std over %d seeds)", p, runs.runs.count),
                  xLabel: "K, thinned networks averaged (log scale)", yLabel: "test accuracy (%)", xScale: .log,
                  xRange: 1...Double(ensembleSizes.max()!), series: [
                      .spread(x: ks, ensemble, color: 1),
                      .line("average of K thinned networks", x: ks, y: ensemble.map(\.mean), style: .linesPoints, color: 1),
                      .band(nil, x: ks, lower: flat.map { $0 - evaluation.std }, upper: flat.map { $0 + evaluation.std }, color: 0),
                      .line("evaluation mode (all units, no masks)", x: ks, y: flat, style: .dashed, color: 0),
                  ]),
        ], layout: .single)
    }
}
