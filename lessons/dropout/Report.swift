import Foundation
import LessonKit

extension DropoutLesson {
    /// What every p is compared with no dropout on: the gap over the last epochs, and test
    /// accuracy where validation says to stop.
    static func measures() -> [Measure<DropoutRun>] {
        [.lastEpochs(lastK, .gap, "gap"), .testAtBestValidation]
    }

    /// Step 3: the table over p, and every p against no dropout, paired over seeds and
    /// corrected by Holm over the sweep, with a "not converged" note beside an arm still
    /// improving when the budget ran out.
    func reportSummary(
        _ context: LessonContext, runs: [SettingRuns<DropoutRun>], comparisons: ComparisonsAgainstReference<DropoutRun>,
        chosen: SettingRuns<DropoutRun>, epochs: Int, trainCount: Int
    ) {
        let k = Self.lastK
        context.report()
        context.report(
            SummaryTable(
                title:
                    "Accuracy (%) over \(context.seeds.count) seeds (mean ± std), \(trainCount) training images, \(epochs) epochs; last \(k) = mean of the last \(k) epochs",
                settings: runs,
                columns: [
                    .measure(.lastEpochs(k, .trainAccuracy, "train")),
                    .measure(.lastEpochs(k, .validationAccuracy, "validation")),
                    .measure(.lastEpochs(k, .gap, "gap")), .bestValidationEpoch, .stillImproving(budget: epochs),
                    .measure(.testAtBestValidation), .measure(.finalTest),
                ]))
        context.report()
        if let note = comparisons.reference.convergenceNote(budget: epochs) { context.report(note) }
        for line in comparisons.verdicts(caveats: { [$0.convergenceNote(budget: epochs)].compactMap { $0 } }) {
            context.report(line)
        }
        // The sweep's best p is chosen on validation and scored on test: the choice never saw
        // the images it is judged on.
        let choice = ChosenOnValidation(
            validation: runs.map { $0.lastEpochs(k, .validationAccuracy) },
            test: runs.map { $0.atBestValidation(.testAccuracy) })
        context.report(
            "p chosen on validation (last \(k) epochs): \(runs[choice.index].label), test accuracy at the best-validation epoch \(choice.test.formatted()); each seed choosing its own p: \(choice.perSeedTest.formatted())."
        )
        context.report()
        let evaluationMode = chosen.estimate(\.evaluationModeAccuracy)
        let ensemble = DropoutRun.ensembleColumns.map { chosen.estimate(column: $0) }
        var table = SummaryTable(
            title:
                "Ensemble of K thinned networks (\(chosen.label), averaging K softmax outputs with dropout on) vs the evaluation-mode network:",
            header: ["network", "test accuracy %"])
        table.add("evaluation mode", estimates: [evaluationMode])
        for (size, estimate) in zip(Self.ensembleSizes, ensemble) { table.add("K = \(size)", estimates: [estimate]) }
        context.report(table)
        let largest = Self.ensembleSizes.last!
        context.report(
            Difference(ensemble.last!, evaluationMode)
                .verdict("the ensemble of \(largest)", "the evaluation-mode network", quantity: "Test accuracy"))
        context.report(
            Difference(ensemble.last!, ensemble[0])
                .verdict("\(largest) thinned networks", "one", quantity: "Test accuracy"))
    }
}
