import EngineData
import Foundation
import LessonKit

extension AugmentationLesson {
    /// What each augmentation changes, in the order of the verdicts: the test accuracy of the
    /// best-validation epoch's weights, the validation loss over the last epochs and at each
    /// run's lowest (wherever in the budget it fell: what stopping at the best epoch keeps,
    /// so that an effect of the budget shows apart), the gap over the last epochs, and the
    /// test accuracy and loss after the last epoch.
    static func measures() -> [Measure<AugmentationRun>] {
        [
            Measure("test at best validation", quantity: "Test accuracy at the best-validation epoch") {
                $0.estimate(\.testAtBestValidation)
            },
            .validationLoss(lastEpochs: lastK), .lowestValidationLoss(decimals: 3),
            .lastEpochs(lastK, .gap, "gap"), .finalTest,
            Measure("test loss, final", quantity: "Test loss after the last epoch", unit: "", decimals: 3) {
                $0.testLoss
            },
        ]
    }

    /// The table of which way each class of the test images faces.
    static func reportFacing(_ context: LessonContext, _ test: ImageDataset) {
        var table = SummaryTable(
            title:
                "Which way the \(test.count) test images face: ‖mean − mirrored mean‖ / ‖mean‖ of each class, and the share of its images nearer its mean image than to the mirrored mean",
            header: ["class", "mean's asymmetry %", "nearer the mean %"])
        for row in facing(test) {
            table.add([row.name, String(format: "%.1f", row.asymmetry), String(format: "%.1f", row.nearerShare)])
        }
        context.report(table)
        context.report()
    }

    /// The three arms against each other, one Holm family per measure: each augmentation
    /// against none, and flips against shifts and rotations alone.
    struct Comparisons {
        static let pairs = [(1, 0), (2, 0), (2, 1)]
        let labels: [String]
        let runs: [SettingRuns<AugmentationRun>]

        init(_ runs: [SettingRuns<AugmentationRun>]) {
            self.runs = runs
            labels = Self.pairs.map { "\(runs[$0.0].label) − \(runs[$0.1].label)" }
        }

        func holm(_ estimate: (SettingRuns<AugmentationRun>) -> Estimate) -> Holm {
            Holm(Self.pairs.map { Difference(estimate(runs[$0.0]), estimate(runs[$0.1])) })
        }

        var testAtBestValidation: Holm { holm { $0.estimate(\.testAtBestValidation) } }
        var validationLoss: Holm { holm { $0.lastEpochs(lastK, .validationLoss) } }
        var lowestValidationLoss: Holm { holm { $0.lowest(.validationLoss) } }
        var finalTest: Holm { holm(Measure<AugmentationRun>.finalTest.summary) }
    }

    /// The gap at two thirds of the budget against the gap over its last tenth (the window of
    /// the "best in last 10 %" column): a gap still growing at the end makes the gap verdicts
    /// a statement about this budget.
    func reportGapGrowth(_ context: LessonContext, runs: [SettingRuns<AugmentationRun>], epochs: Int) {
        let midpoint = max(1, 2 * epochs / 3)
        let late = Convergence([], budget: epochs).lateEpochs
        context.report(
            SummaryTable(
                title:
                    "Is the gap still widening? Gap (points) at epoch \(midpoint) (two thirds of the budget) and over the last \(late) epochs, mean ± std over \(context.seeds.count) seeds",
                settings: runs,
                columns: [
                    .estimate("gap at epoch \(midpoint)") { $0.atEpoch(midpoint, .gap) },
                    .estimate("gap, epochs \(epochs - late + 1)–\(epochs)") { $0.lastEpochs(late, .gap) },
                ], settingHeader: "augmentation"))
    }

    /// The summary: what each augmentation changes, each difference against its noise and
    /// corrected over the three comparisons of its measure.
    func reportSummary(
        _ context: LessonContext, runs: [SettingRuns<AugmentationRun>], comparisons: Comparisons, epochs: Int,
        trainCount: Int
    ) {
        let k = Self.lastK
        let measures = Self.measures()
        let (testAtBestValidation, validationLoss, lowestValidationLoss, gap, finalTest, testLoss) =
            (measures[0], measures[1], measures[2], measures[3], measures[4], measures[5])
        context.report(
            SummaryTable(
                title:
                    "\(trainCount) training images, \(epochs) epochs, \(context.seeds.count) seeds (mean ± std); accuracy in %, training accuracy on the original images; last \(k) = mean of the last \(k) epochs; test at the best-validation epoch and after the last",
                settings: runs,
                columns: [
                    .measure(.lastEpochs(k, .trainAccuracy, "train")),
                    .measure(.lastEpochs(k, .validationAccuracy, "validation")), .measure(gap),
                    .measure(validationLoss), .measure(lowestValidationLoss),
                    TableColumn("lowest loss at epoch") { $0.lowestEpochRange(.validationLoss) },
                    .estimate("best validation at epoch", decimals: 0) { $0.estimate(\.bestValidationEpoch) },
                    .stillImproving(budget: epochs), .measure(testAtBestValidation), .measure(finalTest),
                    .measure(testLoss),
                ], settingHeader: "augmentation"))
        context.report()
        reportGapGrowth(context, runs: runs, epochs: epochs)
        context.report()
        // A "not converged" note goes beside the test accuracies: what a longer budget could change.
        let notedConvergence = [testAtBestValidation.quantity, finalTest.quantity]
        for measure in measures {
            let holm = comparisons.holm(measure.summary)
            for (index, (a, b)) in Comparisons.pairs.enumerated() {
                let caveats =
                    notedConvergence.contains(measure.quantity)
                    ? [a, b].compactMap { runs[$0].convergenceNote(budget: epochs) } : []
                context.report(
                    holm.verdict(
                        index, runs[a].label, runs[b].label, quantity: measure.quantity, unit: measure.unit,
                        decimals: measure.decimals, caveats: caveats))
            }
        }
    }
}
