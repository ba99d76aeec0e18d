import Foundation
import LessonKit

extension RegularizersLesson {
    /// What every technique is compared with none on: the final network's gap and its test
    /// accuracy, both measured in evaluation mode.
    static func measures() -> [Measure<FinalNetwork>] {
        [
            Measure("gap", quantity: "Gap") { $0.estimate(\.gap) },
            Measure("test", quantity: "Test accuracy") { $0.estimate(\.testAccuracy) },
        ]
    }

    /// A technique's own epoch budget, against which its convergence is judged (the
    /// augmentation arm trains a multiple of the others' epochs).
    static func budget(_ setting: SettingRuns<FinalNetwork>, epochs: Int) -> Int {
        techniques.first { $0.label == setting.label }!.epochs(epochs)
    }

    /// The table (with how many runs were still improving when the budget ran out) and each
    /// technique against no regularization, Holm-corrected over the techniques, with a "not
    /// converged" note beside the test verdict of a technique still improving.
    static func report(
        _ context: LessonContext, runs: [SettingRuns<FinalNetwork>],
        comparisons: ComparisonsAgainstReference<FinalNetwork>, trainCount: Int, epochs: Int
    ) {
        context.report(
            SummaryTable(
                title:
                    "Final networks in evaluation mode, accuracy % over \(context.seeds.count) seeds (mean ± std), \(trainCount) training images, up to \(epochs) epochs",
                settings: runs,
                columns: [
                    .estimate("epochs", decimals: 0) { $0.estimate(\.epochs) },
                    TableColumn("best in last 10 %") {
                        let convergence = Convergence($0.runs.map(\.history), budget: budget($0, epochs: epochs))
                        return "\(convergence.lateRuns)/\(convergence.runs)"
                    },
                    .estimate("train") { $0.estimate(\.trainAccuracy) },
                    .estimate("validation") { $0.estimate(\.validationAccuracy) },
                    .estimate("gap") { $0.estimate(\.gap) }, .estimate("test") { $0.estimate(\.testAccuracy) },
                ], settingHeader: "technique"))
        context.report()
        for (setting, technique) in zip(runs, techniques) where technique.epochMultiple > 1 {
            func atBudget(_ metric: EpochMetric) -> String {
                Estimate(
                    setting.runs.compactMap { $0.history.epochs.first { $0.epoch == epochs }.flatMap(metric.value) }
                ).formatted()
            }
            context.report(
                "\(setting.label) at epoch \(epochs), the others' budget: training accuracy on the original images \(atBudget(.trainAccuracy)), validation \(atBudget(.validationAccuracy)) (evaluation mode)"
            )
        }
        let convergenceNote = { (setting: SettingRuns<FinalNetwork>) in
            setting.convergenceNote(budget: budget(setting, epochs: epochs))
        }
        if let note = convergenceNote(comparisons.reference) { context.report(note) }
        for line in comparisons.verdicts(caveats: { [convergenceNote($0)].compactMap { $0 } }) { context.report(line) }
    }
}
