import Engine
import Foundation
import LabMath
import LessonKit
import Plot

extension OptimizersLesson {
    /// The grey of context curves and contours (palette index).
    static let grey = 9

    /// One panel per optimizer on shared axes (small multiples): its mean curve over seeds
    /// with a ±1 std band in its own color, the other optimizers' means in grey behind it.
    /// The y axis is logarithmic only when the data span more than a decade.
    static func curvesFigure(_ outcomes: [Outcome], metric: EpochMetric, name: String, title: String) -> Figure {
        let curves = outcomes.map { $0.runs.curve(metric) }
        let lows = curves.flatMap { zip($0.mean, $0.std).map { $0 - $1 } },
            highs = curves.flatMap { zip($0.mean, $0.std).map { $0 + $1 } }
        let scale: Scale = (lows.min() ?? 1) > 0 && (highs.max() ?? 1) / (lows.min() ?? 1) > 10 ? .log : .linear
        let range = paddedRange(low: lows.min() ?? 0, high: highs.max() ?? 1, scale: scale)
        let panels = outcomes.enumerated().map { index, outcome in
            var series: [Series] = curves.enumerated().filter { $0.offset != index }.map { _, curve in
                .line(nil, x: curve.epochs, y: curve.mean, color: grey)
            }
            let own = curves[index]
            if outcome.runs.runs.count > 1 {
                series.append(
                    .band(
                        nil, x: own.epochs, lower: zip(own.mean, own.std).map { $0 - $1 },
                        upper: zip(own.mean, own.std).map { $0 + $1 }, color: outcome.entry.color))
            }
            series.append(
                .line(outcome.entry.name, x: own.epochs, y: own.mean, style: .linesPoints, color: outcome.entry.color))
            var panel = Panel(
                title: "\(outcome.entry.short), lr \(String(format: "%g", outcome.chosenRate))", xLabel: "epoch",
                yLabel: metric.label,
                yScale: scale, yRange: range, legend: .hidden, series: series)
            // Whole epochs only, as StandardPanels.seedCurves ticks them.
            if (curves.map { $0.epochs.count }.max() ?? 0) <= 12 { panel.xTickStep = 1 }
            return panel
        }
        return Figure(name: name, title: title, panels: panels, layout: .smallMultiples)
    }

    /// Validation accuracy (mean of the last k epochs) against the learning rate, one curve
    /// per optimizer with ±1 std over seeds, the chosen rate in the legend: how much each
    /// optimizer's result depends on getting its rate right.
    static func sensitivityFigure(_ outcomes: [Outcome], epochs: Int, trainCount: Int) -> Figure {
        var series: [Series] = []
        for outcome in outcomes {
            let rates = rateFactors.map { Double(outcome.entry.networkRate * $0) }
            let estimates = outcome.sweep.map { $0.lastEpochs(lastK, .validationAccuracy) }
            series.append(
                .line(
                    "\(outcome.entry.short): chosen \(String(format: "%g", outcome.chosenRate))", x: rates,
                    y: estimates.map(\.mean), style: .linesPoints, color: outcome.entry.color))
            series.append(.spread(x: rates, estimates, color: outcome.entry.color))
        }
        let all = outcomes.flatMap { $0.sweep.map { $0.lastEpochs(lastK, .validationAccuracy).mean } }
        // The axis starts a little below the worst *useful* rate's mean: a diverged or stalled
        // run near chance would otherwise squeeze the tuned region, where the ranking lives.
        let floor = max((all.min() ?? 0) - 2, 40)
        return Figure(
            name: "sensitivity",
            title: "Validation accuracy against the learning rate (\(trainCount) training images)",
            panels: [
                Panel(
                    title:
                        "mean of the last \(lastK) of \(epochs) epochs, ±1 std over seeds; key: the rate each chose",
                    xLabel: "learning rate (log scale)", yLabel: "validation accuracy (%)", xScale: .log,
                    yRange: floor...(min((all.max() ?? 100) + 1, 100)), legend: .below, series: series)
            ], layout: .single)
    }

    /// Each optimizer at its chosen rate minus the one best on validation, on test; below, on
    /// validation, each chosen rate against the usual one (or the usual one kept against the
    /// runner-up): every paired verdict the report states.
    static func differencesFigure(
        _ comparison: Comparison, choices: RateChoices, seeds: Int, testCount: Int
    ) -> Figure {
        func forest(_ family: RateChoices.Family, _ title: String) -> [Panel] {
            family.rows.isEmpty
                ? []
                : [
                    StandardPanels.differenceForest(
                        family.rows.map(\.label), family.holm.differences, holm: family.holm,
                        title: title + ", Holm over \(family.rows.count)",
                        xLabel: "difference in validation accuracy (points)")
                ]
        }
        return Figure(
            name: "differences",
            title: "Paired over \(seeds) seeds: means and 95 % intervals; left of 0: the first is worse",
            panels: ([
                StandardPanels.differenceForest(
                    comparison.others.map(\.entry.name), comparison.test.differences, holm: comparison.test,
                    title:
                        "test (\(testCount) images) at each chosen rate − \(comparison.winner.entry.name)'s, Holm over \(comparison.others.count)",
                    xLabel: "difference in test accuracy (points)")
            ]
                + forest(choices.moved, "validation (last \(lastK) epochs): chosen rate − usual rate")
                + forest(choices.kept, "usual rate kept − runner-up rate")).sharingLeftMargin(),
            layout: .stacked)
    }

    /// A range around [low, high] with a margin; on a log scale a factor, never below a positive floor.
    static func paddedRange(low: Double, high: Double, scale: Scale) -> ClosedRange<Double> {
        switch scale {
        case .log:
            let floor = max(low, 1e-14)  // the curves are clamped at 1e-14 for the log axis
            return (floor / 1.15)...(max(high, floor * 1.01) * 1.15)
        case .linear:
            let margin = max((high - low) * 0.05, 1e-9)
            return (low - margin)...(high + margin)
        }
    }

    /// One panel per optimizer: its path over grey contours of f on axes every panel shares
    /// (wide enough for every optimizer's overshoots).
    static func rosenbrockFigure(_ outcomes: [Outcome], steps: Int) -> Figure {
        let paths = outcomes.map {
            StandardPanels.SurfacePath(label: $0.entry.short, points: $0.path, color: $0.entry.color)
        }
        let range = StandardPanels.surfaceRange(paths, around: (-1.6...1.6, -0.5...2))
        let panels = zip(outcomes, paths).map { outcome, path in
            StandardPanels.surfacePaths(
                .rosenbrock, paths: [path], range: range, legend: .hidden,
                title:
                    "\(outcome.entry.short), lr \(outcome.entry.surfaceRate): \(String(format: outcome.surfaceDistance < 0.01 ? "%.0e" : "%.2g", outcome.surfaceDistance))"
            )
        }
        return Figure(
            name: "rosenbrock",
            title:
                "Rosenbrock's valley, \(steps) steps from (−1.2, 1.2) towards the minimum (1, 1) (black); titles: distance at the end",
            panels: panels, layout: .smallMultiples)
    }

    /// f per step, one panel per optimizer on shared log axes, the others in grey.
    static func rosenbrockLossFigure(_ outcomes: [Outcome], steps: Int) -> Figure {
        let curves = outcomes.map { outcome in
            outcome.path.map { Double(max(Surface.rosenbrock.value($0.x, $0.y), 1e-14)) }
        }
        let all = curves.flatMap { $0 }
        let range = paddedRange(low: all.min()!, high: all.max()!, scale: .log)
        let panels = outcomes.enumerated().map { index, outcome in
            let others: [Series] = curves.enumerated().filter { $0.offset != index }.map { _, values in
                .line(nil, x: values.indices.map(Double.init), y: values, color: grey)
            }
            // A dot at step 1: a one-step spike (AdaGrad's first step of η·sign(g)) is a pixel
            // wide on an axis of thousands of steps.
            return Panel(
                title: "\(outcome.entry.short), lr \(outcome.entry.surfaceRate)", xLabel: "step",
                yLabel: "f (log scale)",
                yScale: .log, xRange: 0...Double(steps), yRange: range, legend: .hidden,
                series: others + [
                    .line(nil, x: curves[index].indices.map(Double.init), y: curves[index], color: outcome.entry.color),
                    .line(nil, x: [1], y: [curves[index][1]], style: .points, color: outcome.entry.color),
                ]
            ).withPowerOfTenTicks()
        }
        return Figure(
            name: "rosenbrock-f", title: "f per step on Rosenbrock's valley; grey: the other optimizers",
            panels: panels, layout: .smallMultiples)
    }
}
