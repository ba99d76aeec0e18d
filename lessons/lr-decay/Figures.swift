import Engine
import Foundation
import LessonKit
import Plot

extension LearningRateDecayLesson {
    /// Palette index per plan (in `plans` order): the constants in black, indigo and brown (not
    /// grey: that is the colour of black's band, η₀'s, in its own panel); the decays in colours
    /// no two of which are easily confused where their curves meet (the too-aggressive decay's
    /// sky blue lies far below exponential k = 0.1's blue).
    static let colors = [6, 11, 10, 0, 2, 3, 4, 8, 5]

    static func schedulesFigure(_ runs: [SettingRuns<ScheduledRun>]) -> Figure {
        let rate = EpochMetric(key: "learning_rate", label: "learning rate") { Double($0.learningRate) }
        return Figure(
            name: "schedules", title: "Learning rate per epoch (reduce-on-plateau: mean over seeds)",
            panels: [
                // The too-aggressive schedule falls to 10⁻¹⁴; cutting the axis at 10⁻⁵ keeps the others readable.
                Panel(
                    title: "the too-aggressive decay falls out of the plot at the bottom",
                    xLabel: "epoch", yLabel: "learning rate (log scale)", yScale: .log, yRange: 1e-5...1,
                    series: runs.enumerated().map { index, setting in
                        let curve = setting.curve(rate)
                        // The constants dashed without points: the darkest decay (reduce-on-plateau)
                        // crosses the constants' rates, and a different line tells them apart.
                        return .line(
                            setting.label, x: curve.epochs, y: curve.mean,
                            style: index < constantCount ? .dashed : .linesPoints, color: colors[index])
                    })
            ], layout: .single)
    }

    /// One panel per schedule on shared axes (small multiples): its validation accuracy, mean
    /// ± std over seeds, over the constant η₀'s mean in black, the comparison the verdicts make;
    /// nine curves in one panel would lie on top of one another.
    static func curvesFigure(_ runs: [SettingRuns<ScheduledRun>], learningRate: Float) -> Figure {
        let baseline = runs[0]
        let panels = runs.enumerated().map { index, setting in
            var series: [Series] = []
            if index != 0 {
                // Dashed, so that a schedule's curve lying on it (η = 0.03's, dark indigo) still shows.
                series += StandardPanels.seedSeries(baseline, metrics: [.validationAccuracy], color: colors[0])
                    .compactMap { series in
                        guard case let .line(x, y, _) = series.content else { return nil }
                        return .line(series.title, x: x, y: y, style: .dashed, color: series.color)
                    }
            }
            series += StandardPanels.seedSeries(setting, metrics: [.validationAccuracy], color: colors[index])
            return Panel(
                title: setting.label, xLabel: "epoch", yLabel: "validation accuracy (%)", legend: .hidden,
                series: series)
        }
        return Figure(
            name: "curves",
            title:
                "Validation accuracy, mean ± std over \(runs[0].runs.count) seeds; black dashed: \(baseline.label) (under a schedule still at its rate)",
            panels: panels.sharingYRange(), layout: .smallMultiples)
    }

    /// The paired differences behind the verdicts, one forest plot per Holm family.
    static func differencesFigure(_ comparisons: Comparisons, seeds: Int) -> Figure {
        let k = lastK, baseline = comparisons.againstBaseline.reference.label
        var panels = [
            StandardPanels.differenceForest(
                comparisons.againstBaseline.labels, comparisons.againstBaseline.families[0].differences,
                holm: comparisons.againstBaseline.families[0], title: "test, last \(k) epochs − \(baseline)",
                xLabel: "difference (points)")
        ]
        // Against the constant best on validation only when that is not the baseline itself.
        if comparisons.againstBestConstant.reference.label != baseline {
            panels.append(
                StandardPanels.differenceForest(
                    comparisons.againstBestConstant.labels, comparisons.againstBestConstant.families[0].differences,
                    holm: comparisons.againstBestConstant.families[0],
                    title:
                        "test, last \(k) − best constant on validation (\(comparisons.againstBestConstant.reference.label))",
                    xLabel: "difference (points)"))
        }
        panels.append(
            StandardPanels.differenceForest(
                comparisons.againstBaseline.labels, comparisons.againstBaseline.families[1].differences,
                holm: comparisons.againstBaseline.families[1],
                title: "test at each run's best-validation epoch − \(baseline)",
                xLabel: "difference (points)"))
        // The panels draw the same key: under the last one only.
        for index in panels.indices.dropLast() { panels[index].legend = .hidden }
        // One x-range and one left edge: the panels are read against each other in points.
        return Figure(
            name: "differences",
            title:
                "Paired differences in test accuracy: mean and 95 % interval over \(seeds) seeds, Holm per panel; right is better",
            panels: panels.sharingXRange().sharingLeftMargin(), layout: .stacked)
    }
}
