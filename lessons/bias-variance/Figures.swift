import Engine
import EngineData
import LessonKit
import Plot

extension BiasVarianceLesson {
    /// The degrees drawn in the fits panel: under-, well- and over-fitting.
    static let shownDegrees = [1, 3, 9]

    static func capacityFigure(
        data: RegressionDataset, fits: [(Int, Matrix)], grid: Matrix,
        single: [(degree: Int, train: Double, test: Double)],
        decompositions: [Decomposition], sets: Int
    ) -> Figure {
        let x = grid.storage.map(Double.init)
        let shown = fits.filter { shownDegrees.contains($0.0) }
        var curves: [Series] = [
            .line(
                "training points", x: data.inputs.storage.map(Double.init), y: data.targets.storage.map(Double.init),
                style: .points, color: 6),
            .line("sin(2πx)", x: x, y: grid.storage.map { Double(truth($0)) }, style: .dashed, color: 6),
        ]
        for (index, (degree, weights)) in shown.enumerated() {
            curves.append(
                .line("degree \(degree)", x: x, y: predict(weights, grid).storage.map(Double.init), color: index))
        }
        let degrees = decompositions.map { Double($0.degree) }
        return Figure(
            name: "capacity", title: "Capacity: polynomial fits to \(data.count) noisy points",
            panels: [
                Panel(
                    title:
                        "fits of degree \(shownDegrees.map(String.init).joined(separator: ", ")) to one training set",
                    xLabel: "x", yLabel: "y", yRange: -2...2, series: curves),
                Panel(
                    title: "error on this training set and on fresh test data", xLabel: "polynomial degree",
                    yLabel: "mean squared error",
                    yScale: .log,
                    series: [
                        .line(
                            "training", x: single.map { Double($0.degree) }, y: single.map(\.train),
                            style: .linesPoints, color: 0),
                        .line(
                            "test", x: single.map { Double($0.degree) }, y: single.map(\.test), style: .linesPoints,
                            color: 1),
                    ]),
                Panel(
                    title: "expected test error = bias² + variance + noise (\(sets) training sets)",
                    xLabel: "polynomial degree",
                    yLabel: "mean squared error", yScale: .log,
                    series: [
                        .line(
                            "bias² (plug-in)", x: degrees, y: decompositions.map(\.bias2), style: .linesPoints, color: 0
                        ),
                        .line(
                            "bias² of the median fit", x: degrees, y: decompositions.map { max($0.medianBias2, 1e-6) },
                            style: .dashed, color: 0),
                        .line(
                            "variance / \(sets) (bias² noise)", x: degrees, y: decompositions.map(\.bias2NoiseFloor),
                            style: .marker, color: 4),
                        .line("variance", x: degrees, y: decompositions.map(\.variance), style: .linesPoints, color: 1),
                        .line("noise σ²", x: degrees, y: decompositions.map(\.noise), style: .dashed, color: 6),
                        .line("bias² + variance + noise", x: degrees, y: decompositions.map(\.sum), color: 2),
                        .line(
                            "measured expected test error", x: degrees, y: decompositions.map(\.expectedError),
                            style: .points, color: 3),
                    ]),
            ], layout: .stacked)
    }

    static func dataFigure(
        _ curve: [SettingRuns<ConvergedRun>], sizes: [Int], testCount: Int, epochs: Int, minimumSteps: Int
    ) -> Figure {
        let x = sizes.map(Double.init)
        func band(_ estimates: [Estimate], _ title: String, color: Int) -> [Series] {
            [
                .spread(x: x, estimates, color: color),
                .line(title, x: x, y: estimates.map(\.mean), style: .linesPoints, color: color),
            ]
        }
        let xRange = (x.min() ?? 1) / 1.25...(x.max() ?? 10) * 1.25
        // Part 1's variance, measured the same way: each seed draws its own training subset, so
        // the spread of test accuracy over seeds is how much the trained model changes from one
        // training set to the next (plus the noise of initialization and batch order).
        let spread = curve.map(\.testAccuracy.std)
        // The y-axis fitted to the values (gnuplot would round it out to whole, partly empty
        // decades), with 1-2-5 labels, as it spans only a decade or two.
        let variancePanel = [
            Panel(
                title:
                    "spread (std, not variance): how much test accuracy changes from one training subset (seed) to the next",
                xLabel: "training images", yLabel: "std of test accuracy over seeds (points)", xScale: .log,
                yScale: .log, xRange: xRange,
                series: [.line("std of test accuracy over seeds", x: x, y: spread, style: .linesPoints, color: 1)])
        ].sharingYRange()[0].labellingLogYRange()
        return Figure(
            name: "more-data",
            title: "Softmax regression on Fashion-MNIST subsets, tested on the same \(testCount) images",
            panels: [
                Panel(
                    title:
                        "each size trained for ≥ \(minimumSteps) steps and ≥ \(epochs) epochs; mean ± std over \(curve.first?.runs.count ?? 0) seeds",
                    xLabel: "training images", yLabel: "accuracy (%)", xScale: .log, xRange: xRange,
                    series: band(curve.map { $0.estimate(\.trainAccuracy) }, "training accuracy", color: 0)
                        + band(curve.map(\.testAccuracy), "test accuracy", color: 1)),
                variancePanel,
            ], layout: .stacked)
    }
}
