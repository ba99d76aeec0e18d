import Engine
import LessonKit
import Plot

extension RegularizersLesson {
    /// The paired differences against no regularization as forest plots, gap above test
    /// accuracy: what the verdicts rest on (±1 std bars of each technique alone would carry
    /// the seed noise that pairing removes).
    static func comparisonFigure(
        _ comparisons: ComparisonsAgainstReference<FinalNetwork>, seeds: Int, trainCount: Int, epochs: Int
    ) -> Figure {
        Figure(
            name: "comparison",
            title:
                "Each technique − none: mean and 95 % interval paired over \(seeds) seeds, \(trainCount) images, \(epochs) epochs (more where a label says so)",
            panels: [
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.families[0].differences, holm: comparisons.families[0],
                    title: "generalization gap (training − validation accuracy): left is less overfitting",
                    xLabel: "difference in gap (points)"),
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.families[1].differences, holm: comparisons.families[1],
                    title: "test accuracy: right is better on new images",
                    xLabel: "difference in test accuracy (points)"),
            ], layout: .stacked)
    }
}
