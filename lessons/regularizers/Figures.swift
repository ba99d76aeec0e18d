import Engine
import LessonKit
import Plot

extension RegularizersLesson {
    /// Every technique against no regularization (the first setting), one family of paired
    /// comparisons per measure, each corrected by Holm over its comparisons.
    struct Comparisons {
        let labels: [String]
        let gap: Holm
        let test: Holm

        init(_ runs: [SettingRuns<FinalNetwork>]) {
            let none = runs[0], others = runs.dropFirst()
            labels = others.map(\.label)
            gap = Holm(others, against: none) { $0.estimate(\.gap) }
            test = Holm(others, against: none) { $0.estimate(\.testAccuracy) }
        }
    }

    /// The paired differences against no regularization as forest plots, gap above test
    /// accuracy: what the verdicts rest on (±1 std bars of each technique alone would carry
    /// the seed noise that pairing removes).
    static func comparisonFigure(_ comparisons: Comparisons, seeds: Int, trainCount: Int, epochs: Int) -> Figure {
        Figure(
            name: "comparison",
            title:
                "Each technique − none: mean and 95 % interval paired over \(seeds) seeds, \(trainCount) images, up to \(epochs) epochs",
            panels: [
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.gap.differences, holm: comparisons.gap,
                    title: "generalization gap (training − validation accuracy): left is less overfitting",
                    xLabel: "difference in gap (points)"),
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.test.differences, holm: comparisons.test,
                    title: "test accuracy: right is better on new images",
                    xLabel: "difference in test accuracy (points)"),
            ], layout: .stacked)
    }
}
