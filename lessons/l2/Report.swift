import Engine
import Foundation
import LessonKit

extension L2Lesson {
    /// What every λ > 0 is compared with λ = 0 on: validation loss over the last epochs and
    /// at each run's lowest, validation accuracy over the last epochs, and test accuracy after
    /// the last epoch (indented under the report's heading).
    static func measures() -> [Measure<PenalizedRun>] {
        let measures: [Measure<PenalizedRun>] = [
            .validationLoss(lastEpochs: lastK), .lowestValidationLoss(decimals: 4),
            .validationAccuracy(lastEpochs: lastK), .finalTest,
        ]
        return measures.map(\.indented)
    }

    /// Step 3: the table over λ, and every λ against λ = 0 by validation loss and test
    /// accuracy, paired over seeds and corrected by Holm over the grid.
    func reportSummary(
        _ context: LessonContext, report: Report, comparisons: ComparisonsAgainstReference<PenalizedRun>?, epochs: Int,
        trainCount: Int, batchSize: Int
    ) {
        let k = Self.lastK
        context.report()
        context.report(
            "The penalty is (λ/n)·Σ‖W‖² with n = the batch size, \(batchSize); the lecture's n is the number of training images, \(trainCount), so the lecture's λ for the same penalty is λ × \(trainCount)/\(batchSize)."
        )
        var table = SummaryTable(
            title:
                "\(trainCount) training images, \(epochs) epochs, \(context.seeds.count) seeds (mean ± std); accuracy in %; last \(k) = mean of the last \(k) epochs",
            header: [
                "λ", "lecture's λ (n = \(trainCount))", "weight decay 2λ/n", "Σ‖W‖²", "train, last \(k)",
                "validation, last \(k)", "validation loss, last \(k)", "lowest validation loss", "lowest at epoch",
                "gap, last \(k)", "test, final",
            ])
        for (lambda, setting) in zip(report.lambdas, report.runs) {
            // λ and what it amounts to are the grid's constants; the rest are measured.
            table.add([
                .text(String(format: "%g", lambda)),
                .text(String(format: "%.3g", lambda * Float(trainCount) / Float(batchSize))),
                .text(String(format: "%.5f", L2Penalty(lambda: lambda).equivalentWeightDecay(batchSize: batchSize))),
                .estimate(setting.estimate(\.weightNorm), decimals: 1),
                .estimate(setting.lastEpochs(k, .trainAccuracy)),
                .estimate(setting.lastEpochs(k, .validationAccuracy)),
                .estimate(setting.lastEpochs(k, .validationLoss), decimals: 3),
                .estimate(setting.lowest(.validationLoss), decimals: 3),
                .text(setting.lowestEpochRange(.validationLoss)),
                .estimate(setting.lastEpochs(k, .gap)), .estimate(setting.testAccuracy),
            ])
        }
        context.report(table)
        guard let comparisons else { return }
        let none = comparisons.reference
        context.report()
        context.report(
            "Σ‖W‖² at initialization \(none.estimate(\.initialWeightNorm).formatted(decimals: 1)); after \(epochs) epochs without penalty \(none.estimate(\.weightNorm).formatted(decimals: 1))."
        )
        let fit = none.lastEpochs(k, .trainAccuracy)
        context.report(
            "Training accuracy at λ = 0 (last \(k) epochs) \(fit.formatted()): "
                + (fit.mean < 99
                    ? "the network has not fit its \(trainCount) images in \(epochs) epochs, so every comparison below is at this budget."
                    : "the network fits its \(trainCount) images."))
        reportLateValidationLoss(context, none, epochs: epochs)
        context.report(
            "Each λ against λ = 0 (paired over seeds, 95 % intervals, Holm over the \(comparisons.labels.count) values of λ):"
        )
        // The convergence that matters for a verdict on validation loss is the validation loss's.
        let convergenceNote = { (setting: SettingRuns<PenalizedRun>) in
            setting.convergenceNote(
                budget: epochs, metric: .validationLoss, lowerIsBetter: true, quantity: "validation loss")
        }
        if let note = convergenceNote(none) { context.report("  " + note) }
        for line in comparisons.verdicts(caveatsByMeasure: { setting, measure in
            measure == 0 ? [convergenceNote(setting)].compactMap { $0 } : []
        }) {
            context.report(line)
        }
        reportEndAgainstLowest(context, comparisons)
        // λ chosen on validation loss and scored on test: the choice never saw the test images.
        let choice = ChosenOnValidation(
            validation: report.runs.map { $0.lastEpochs(k, .validationLoss) },
            test: report.runs.map(\.testAccuracy), higherIsBetter: false)
        context.report(
            "λ chosen on validation loss (last \(k) epochs): \(report.runs[choice.index].label), test accuracy \(choice.test.formatted()) (λ = 0: \(none.testAccuracy.formatted())); each seed choosing its own λ: \(choice.perSeedTest.formatted())."
        )
        context.report(
            Difference(choice.perSeedTest, none.testAccuracy).verdict(
                "each seed's own λ", none.label, quantity: "Test accuracy, λ chosen per seed on validation loss"))
    }

    /// Each λ's validation loss at the end of the budget against the lowest λ = 0 reached
    /// (each run at its own best epoch): whether the penalty gives a lower validation loss
    /// than λ = 0 stopped at its best epoch, rather than one that rises less after it.
    func reportEndAgainstLowest(
        _ context: LessonContext, _ comparisons: ComparisonsAgainstReference<PenalizedRun>
    ) {
        let k = Self.lastK
        let none = comparisons.reference
        let family = Holm(
            comparisons.settings.map { Difference($0.lastEpochs(k, .validationLoss), none.lowest(.validationLoss)) })
        context.report(
            "Each λ's validation loss over the last \(k) epochs against \(none.label)'s lowest (each run at its best epoch; paired over seeds, Holm over the \(family.count) values of λ):"
        )
        for (index, setting) in comparisons.settings.enumerated() {
            context.report(
                family.verdict(
                    index, "\(setting.label), last \(k)", "\(none.label) at its lowest", quantity: "  validation loss",
                    unit: "", decimals: 3))
        }
    }

    /// Where λ = 0's validation loss goes over the last third of the budget: a loss still
    /// climbing there says that a longer run would let the unpenalized network overfit further,
    /// so the comparisons are at this budget. Paired over seeds: each seed's epoch against its
    /// own earlier epoch.
    func reportLateValidationLoss(_ context: LessonContext, _ none: SettingRuns<PenalizedRun>, epochs: Int) {
        let earlier = 2 * epochs / 3
        guard earlier >= 1, earlier < epochs else { return }
        let lossAt = { (epoch: Int) in none.atEpoch(epoch, .validationLoss) }
        var table = SummaryTable(
            title: "Validation loss over the last third of the budget, mean ± std over \(none.runs.count) seeds",
            header: ["setting", "epoch \(earlier)", "epoch \(epochs)"])
        table.add(none.label, estimates: [lossAt(earlier), lossAt(epochs)], decimals: 3)
        context.report(table)
        context.report(
            Difference(lossAt(epochs), lossAt(earlier)).verdict(
                "epoch \(epochs)", "epoch \(earlier)", quantity: "Validation loss at \(none.label)", unit: "",
                decimals: 3))
    }
}
