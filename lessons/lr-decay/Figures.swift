import Engine
import Foundation
import LessonKit
import Plot

extension LearningRateDecayLesson {
    /// Palette index per plan (in `plans` order): the constants in black, grey and brown; the
    /// decays in colours no two of which are easily confused where their curves meet (the
    /// too-aggressive decay's sky blue lies far below exponential k = 0.1's blue).
    static let colors = [6, 9, 10, 0, 2, 3, 4, 8, 5]

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
                        return .line(
                            setting.label, x: curve.epochs, y: curve.mean, style: .linesPoints, color: colors[index])
                    })
            ], layout: .single)
    }

    /// Three panels on one epoch axis; the legend once, below the last, so that the panels
    /// keep the figure's full width.
    static func curvesFigure(_ runs: [SettingRuns<ScheduledRun>], learningRate: Float) -> Figure {
        Figure(
            name: "curves",
            title: "The same networks and batches under each schedule: mean ± std over \(runs[0].runs.count) seeds",
            panels: [
                StandardPanels.seedCurves(
                    runs, metrics: [.validationAccuracy], title: "validation accuracy", colors: colors, legend: .hidden),
                StandardPanels.seedCurves(
                    runs, metrics: [.testAccuracy], title: "test accuracy (scored, never used to choose)",
                    colors: colors, legend: .hidden),
                // Linear and fitted to the data: a log axis over 0.1…10 squeezed the schedules'
                // differences into a sliver, and one over the data's narrow range has no ticks.
                StandardPanels.seedCurves(
                    runs, metrics: [.trainLoss], title: "training loss (running mean over each epoch's minibatches)",
                    colors: colors, legend: .below),
            ], layout: .stacked)
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
        return Figure(
            name: "differences",
            title:
                "Paired differences in test accuracy: mean and 95 % interval over \(seeds) seeds, Holm per panel; right is better",
            panels: panels, layout: .stacked)
    }
}
