import Engine
import Foundation
import LabMath
import LessonKit
import Plot

extension MomentumLesson {
    /// The momentum whose path sprawls over the whole surface gets a panel of its own (on the
    /// same axes), so that it does not cover the paths it is compared with.
    static let sprawlingMomentum: Float = 0.99

    static func surfacesFigure(
        bowl: Surface, quadratic: [Path], banana: Surface, rosenbrock: [Path],
        quadraticRate: Float, rosenbrockRate: Float
    ) -> Figure {
        func drawn(_ paths: [Path]) -> [StandardPanels.SurfacePath] {
            paths.map { .init(label: $0.label, points: $0.points, color: $0.method.color, diverged: $0.diverged) }
        }
        /// Two panels on the same axes: the paths compared, and beside them those of momenta
        /// `apart`, which would cover them.
        func pathPanels(
            _ surface: Surface, _ paths: [Path], around: (x: ClosedRange<Double>, y: ClosedRange<Double>),
            title: String, apart: Set<Float>, apartTitle: String
        ) -> [Panel] {
            let range = StandardPanels.surfaceRange(drawn(paths), around: around)
            return [
                StandardPanels.surfacePaths(
                    surface, paths: drawn(paths.filter { !apart.contains($0.method.momentum) }), range: range,
                    title: title),
                StandardPanels.surfacePaths(
                    surface, paths: drawn(paths.filter { apart.contains($0.method.momentum) }), range: range,
                    title: apartTitle),
            ]
        }
        let (bowlPaths, bananaPaths) = (drawn(quadratic), drawn(rosenbrock))
        return Figure(
            name: "surfaces", title: "Paths from the same start (dots: one per step, or every few steps on long paths)",
            panels: pathPanels(
                bowl, quadratic, around: (-4.5...1.5, -2...2), title: "\(bowl.name), lr \(quadraticRate)",
                apart: [sprawlingMomentum], apartTitle: "momentum \(sprawlingMomentum) alone, same axes")
                // In Rosenbrock's valley gradient descent creeps along the very curve that momentum
                // 0.9 and Nesterov run down, and would cover them; it goes beside them, drawn over
                // momentum 0.99's sprawl (compact paths are drawn last).
                + pathPanels(
                    banana, rosenbrock, around: (-1.6...1.6, -0.5...2),
                    title: "Rosenbrock, lr \(rosenbrockRate) (momentum 0.9 over Nesterov)",
                    apart: [sprawlingMomentum, 0],
                    apartTitle: "gradient descent and momentum \(sprawlingMomentum), same axes")
                + [
                    StandardPanels.surfaceLoss(bowl, paths: bowlPaths, title: "bowl: f per step"),
                    StandardPanels.surfaceLoss(
                        banana, paths: bananaPaths, title: "Rosenbrock: f (Nesterov over momentum 0.9)"),
                ].map { $0.withPowerOfTenTicks() },
            layout: .surface)
    }

    static func ratesFigure(_ sweep: RateSweep) -> Figure {
        let fine = (0...198).map { Double($0) * 0.005 }
        let measured = zip(sweep.alphas, sweep.measured).compactMap { alpha, rate in rate.map { (Double(alpha), $0) } }
        // The y axis runs to 1.15 so that the markers' labels sit above the curves (which end at 1).
        return Figure(
            name: "rates",
            panels: [
                Panel(
                    title: "bowl ½(x² + 20y²): error shrinks by this factor per step (lower is faster)",
                    xLabel: "momentum α", yLabel: "rate per step", yRange: 0.5...1.15,
                    markers: [
                        Marker(
                            x: Double(sweep.criticalAlpha),
                            label: String(format: "critical damping at lr %.2g", sweep.rate)),
                        Marker(
                            x: RateSweep.bestAlpha,
                            label: String(format: "α* = ((√κ−1)/(√κ+1))² = %.2f", RateSweep.bestAlpha)),
                    ],
                    series: [
                        .line(
                            "predicted, lr \(sweep.rate) (the lesson's)", x: fine,
                            y: fine.map { RateSweep.predicted(alpha: $0, rate: Double(sweep.rate)) },
                            color: 0),
                        .line(
                            String(format: "measured, lr %g", sweep.rate), x: measured.map(\.0), y: measured.map(\.1),
                            style: .points, color: 1),
                        // At η* the steep direction diverges for α below ηλ/2 − 1 (rate above 1): not drawn.
                        .line(
                            String(
                                format: "predicted, best lr η* = %.3f (diverges for α < %.2f)", RateSweep.bestRate,
                                RateSweep.bestRate * RateSweep.curvatures.max()! / 2 - 1),
                            x: fine.filter { RateSweep.predicted(alpha: $0, rate: RateSweep.bestRate) < 1 },
                            y: fine.map { RateSweep.predicted(alpha: $0, rate: RateSweep.bestRate) }.filter { $0 < 1 },
                            style: .dashed, color: 2),
                    ])
            ], layout: .single)
    }

    /// Goh's picture of heavy ball, predicted and measured: the rate per step on the bowl over
    /// every (learning rate, momentum), blank where the iteration diverges, with the stability
    /// boundary, the best momentum for each learning rate, the jointly best pair, and the
    /// lesson's measured runs at its learning rate.
    static func rateMapFigure(_ sweep: RateSweep) -> Figure {
        let rates = (0...160).map { Double($0) * 0.2 / 160 }, alphas = (0...100).map { Double($0) / 100 }
        // Beyond the stability boundary the rate exceeds 1: capped at the top colour and
        // shaded as its own region, so the map holds no undefined cells.
        let z = alphas.map { alpha in rates.map { rate in min(RateSweep.predicted(alpha: alpha, rate: rate), 1) } }
        // The α of lowest predicted rate for each learning rate, found on a fine grid.
        let fineAlphas = (0...1000).map { Double($0) / 1000 }
        let stable = rates.filter { $0 > 0 }
        let bestAlphas = stable.map { rate in
            fineAlphas.min { RateSweep.predicted(alpha: $0, rate: rate) < RateSweep.predicted(alpha: $1, rate: rate) }!
        }
        let steepest = RateSweep.curvatures.max()!
        let measured = zip(sweep.alphas, sweep.measured).compactMap { alpha, rate in rate.map { _ in Double(alpha) } }
        return Figure(
            name: "rate-map",
            panels: [
                Panel(
                    title: "bowl ½(x² + 20y²): predicted rate per step over (η, α)",
                    xLabel: "learning rate η", yLabel: "momentum α",
                    series: [
                        .heatMap(
                            x: rates, y: alphas, z: z, valueLabel: "rate per step (lower is faster)",
                            valueRange: 0.6...1),
                        // Solid grey, a colour the map does not use: the region looks as its key
                        // swatch does (a see-through shade took the map's yellow beneath it).
                        .band(
                            "diverges", x: [2 / steepest, 4 / steepest], lower: [0, 0], upper: [0, 1], color: 9,
                            opaque: true),
                        .line(
                            String(format: "stability boundary η·%g = 2(1 + α)", steepest),
                            x: [2 / steepest, 4 / steepest], y: [0, 1], color: 6),
                        .line("best α for each η", x: stable, y: bestAlphas, style: .dashed, color: 3),
                        .line(
                            String(format: "measured runs, lr %g", sweep.rate),
                            x: measured.map { _ in Double(sweep.rate) }, y: measured,
                            style: .points, color: 1),
                        .line(
                            String(
                                format: "best pair (η*, α*) = (%.3f, %.2f)", RateSweep.bestRate, RateSweep.bestAlpha),
                            x: [RateSweep.bestRate], y: [RateSweep.bestAlpha], style: .marker, color: 4),
                    ])
            ], layout: .single)
    }

    static func doubleWellFigure(_ runs: [DoubleWell.Run]) -> Figure {
        // The axes hold the start and every overshoot of the drawn steps (and both wells), with a margin.
        let visited = runs.flatMap { $0.xs.prefix(80) }.map(Double.init) + [-1.5, 1.5]
        let (low, high) = (visited.min()!, visited.max()!)
        let margin = 0.05 * (high - low)
        let xs = (0...200).map { low - margin + Double($0) * (high - low + 2 * margin) / 200 }
        let heights = visited.map { Double(DoubleWell.f(Float($0))) }
        let top = heights.max()! + 0.05 * (heights.max()! + 0.6)
        var landscape: [Series] = [
            .line("f(x) = (x² − 1)² + 0.3x", x: xs, y: xs.map { Double(DoubleWell.f(Float($0))) }, color: 9)
        ]
        for run in runs {
            let shown = Array(run.xs.prefix(80))
            landscape.append(
                .line(
                    run.method.label, x: shown.map(Double.init), y: shown.map { Double(DoubleWell.f($0)) },
                    style: .linesPoints, color: run.method.color))
        }
        return Figure(
            name: "double-well",
            title: "Momentum carries the weight over a barrier (lr \(DoubleWell.rate), from x = \(DoubleWell.start))",
            panels: [
                Panel(
                    title:
                        "first 80 steps (GD and momentum 0.5 partly under momentum 0.9)",
                    xLabel: "x", yLabel: "f(x)",
                    xRange: xs.first!...xs.last!, yRange: -0.6...top, series: landscape),
                Panel(
                    title: "x per step", xLabel: "step", yLabel: "x", xRange: 1...Double(runs.map(\.xs.count).max()!),
                    yRange: (low - margin)...(high + margin),
                    series: runs.map { run in
                        .line(run.method.label, values: run.xs, color: run.method.color)
                    }),
            ], layout: .pair)
    }

    static func fashionFigure(_ runs: [SettingRuns<RunResult>], colors: [Int], trainCount: Int) -> Figure {
        Figure(
            name: "fashion-mnist",
            title:
                "784→128→10 on \(trainCount) Fashion-MNIST images, batch 64: mean ± std over \(runs[0].runs.count) seeds",
            panels: [
                StandardPanels.seedCurves(
                    runs, metrics: [.validationAccuracy],
                    title: "validation accuracy (Nesterov over momentum 0.9)", colors: colors),
                {
                    var panel = StandardPanels.seedCurves(
                        runs, metrics: [.trainLoss],
                        title: "training loss, epoch mean (the lower three coincide)",
                        colors: colors)
                    // The losses span less than a decade: a log axis would show one labelled tick
                    // and squeeze the curves into a third of the panel.
                    panel.yScale = .linear
                    return panel
                }(),
            ], layout: .pair)
    }

    /// The five paired comparisons the report states, one Holm family: training-loss rows and
    /// validation rows on x-axes of their own (their units differ), each row coloured by whether
    /// it survives the correction over all five. The ±1 std bands of the curves figure carry the
    /// seed noise that pairing removes.
    static func differencesFigure(_ comparisons: [FashionComparison], seeds: Int, epochs: Int) -> Figure {
        let holm = Holm(comparisons.map(\.difference))
        // Short labels leave the plot area, and the key below it, the width of the figure.
        let labels = comparisons.map {
            "\($0.a) − \($0.b)".replacingOccurrences(of: " 0.9", with: "").replacingOccurrences(of: " at ", with: ", ")
        }
        let loss = comparisons.indices.filter { comparisons[$0].isLoss }
        let validation = comparisons.indices.filter { !comparisons[$0].isLoss }
        return Figure(
            name: "differences",
            title: "Fashion-MNIST, α = 0.9: paired differences over \(seeds) seeds, 95 % intervals, Holm over all five",
            panels: (StandardPanels.differenceForests(
                rows: loss, of: holm, labels: labels, title: "final training loss: left is lower",
                xLabel: "difference in training loss", decimals: 4)
                + StandardPanels.differenceForests(
                    rows: validation, of: holm, labels: labels,
                    title: "validation accuracy, mean of the last \(min(3, epochs)) epochs: right is better",
                    xLabel: "difference in validation accuracy (points)")).sharingLeftMargin(),
            layout: .stacked)
    }
}
