import Foundation
import LessonKit

extension LearningRateDecayLesson {
    /// What every schedule is compared with the constant η₀ on: test accuracy over the last
    /// epochs and at each run's best-validation checkpoint, and the late validation jumps.
    static func measures() -> [Measure<ScheduledRun>] {
        [
            Measure("test, last \(lastK)", quantity: "Test (last \(lastK))") { $0.lastEpochs(lastK, .testAccuracy) },
            Measure("test at checkpoint", quantity: "Test at the best-validation checkpoint") {
                $0.atBestValidation(.testAccuracy)
            },
            Measure("validation jumps (std, last \(lastK))", quantity: "Validation jumps") {
                $0.estimate(\.lateValidationStd)
            },
        ]
    }

    /// The paired comparisons, one Holm family per measure: every schedule against the
    /// constant η₀ on `measures()`, and every decay against the constant rate best on
    /// validation by the test accuracy of the last k epochs.
    struct Comparisons {
        let againstBaseline: ComparisonsAgainstReference<ScheduledRun>
        let againstBestConstant: ComparisonsAgainstReference<ScheduledRun>

        init(_ runs: [SettingRuns<ScheduledRun>]) {
            let k = LearningRateDecayLesson.lastK, measures = LearningRateDecayLesson.measures()
            againstBaseline = ComparisonsAgainstReference(Array(runs.dropFirst()), against: runs[0], measures: measures)
            // The constant rate with the highest mean validation accuracy over the last k epochs.
            let bestConstant = runs.prefix(LearningRateDecayLesson.constantCount).max {
                $0.lastEpochs(k, .validationAccuracy).mean < $1.lastEpochs(k, .validationAccuracy).mean
            }!
            againstBestConstant = ComparisonsAgainstReference(
                Array(runs.dropFirst(LearningRateDecayLesson.constantCount)), against: bestConstant,
                measures: [measures[0]])
        }
    }

    /// The table over schedules, then the four families of paired verdicts.
    func reportSummary(
        _ context: LessonContext, runs: [SettingRuns<ScheduledRun>], comparisons: Comparisons, epochs: Int,
        trainCount: Int, testCount: Int
    ) {
        let k = Self.lastK, measures = Self.measures()
        context.report(
            SummaryTable(
                title:
                    "784→128→10, SGD, \(epochs) epochs on \(trainCount) images, test on \(testCount); accuracy in %, mean ± std over \(context.seeds.count) seeds; last \(k) = mean of the last \(k) epochs; checkpoint = each run's best-validation epoch",
                settings: runs,
                columns: [
                    TableColumn("final rate") { $0.estimate(\.finalLearningRate).mean.formatted(significantDigits: 3) },
                    .measure(
                        Measure("train loss, last \(k)", quantity: "Training loss (last \(k))", decimals: 4) {
                            $0.lastEpochs(k, .trainLoss)
                        }),
                    .measure(.lastEpochs(k, .validationAccuracy, "validation")), .measure(measures[0]),
                    .measure(measures[1]), .measure(measures[2]),
                    TableColumn("best validation in last 10 %") {
                        Convergence($0.runs.map(\.history), budget: epochs).summary
                    },
                ], settingHeader: "schedule"))
        context.report()
        let baseline = comparisons.againstBaseline.reference.label
        func budgetNote(_ setting: SettingRuns<ScheduledRun>) -> [String] {
            [Convergence(setting.runs.map(\.history), budget: epochs).note].compactMap { $0 }
        }
        for line in comparisons.againstBaseline.verdicts(on: 0, caveats: budgetNote) { context.report(line) }
        context.report()
        let bestConstant = comparisons.againstBestConstant.reference.label
        if bestConstant == baseline {
            context.report(
                "The constant rate best on validation (last \(k)) is \(baseline) itself: the lines above compare each decay with the best constant."
            )
        } else {
            context.report("The constant rate best on validation (last \(k)): \(bestConstant).")
            for line in comparisons.againstBestConstant.verdicts(on: 0, caveats: budgetNote) { context.report(line) }
        }
        for measureIndex in [1, 2] {
            context.report()
            for line in comparisons.againstBaseline.verdicts(on: measureIndex, caveats: budgetNote) {
                context.report(line)
            }
        }
        reportRankings(context, runs: runs)
        context.report()
        for line in Self.lateGains(Array(runs.dropFirst(Self.constantCount)), epochs: epochs) { context.report(line) }
    }

    /// Two claims the verdicts against η₀ leave open: whether the smallest constant rate still
    /// jumps more than every decay, and whether the two decays highest on test are ahead of
    /// the next one, or only ranked by their means.
    func reportRankings(_ context: LessonContext, runs: [SettingRuns<ScheduledRun>]) {
        let measures = Self.measures()
        let decays = Array(runs.dropFirst(Self.constantCount))
        guard let smallestConstant = runs.prefix(Self.constantCount).last, !decays.isEmpty else { return }
        context.report()
        context.report(
            "Each decay against the smallest constant rate, \(smallestConstant.label), on the validation jumps, paired over seeds, Holm over the \(decays.count) decays:"
        )
        for line in ComparisonsAgainstReference(decays, against: smallestConstant, measures: [measures[2]]).verdicts() {
            context.report(line)
        }
        let ranked = decays.sorted { measures[0].summary($0).mean > measures[0].summary($1).mean }
        guard ranked.count >= 3 else { return }
        context.report()
        context.report(
            "The two decays with the highest mean test accuracy over the last \(Self.lastK) epochs against the third, \(ranked[2].label), paired over seeds, Holm over the 2:"
        )
        for line in ComparisonsAgainstReference(Array(ranked.prefix(2)), against: ranked[2], measures: [measures[0]])
            .verdicts()
        {
            context.report(line)
        }
    }

    /// How much each decay still gained at the end of the budget: its validation mean over the
    /// last 3 epochs against that of 3 epochs a week earlier (epochs 28–30 against 21–23 of
    /// 30), paired over seeds, Holm over the decays. A "not converged" note on a run that is
    /// still gaining fractions of a point means less than one on a run still climbing.
    static func lateGains(_ decays: [SettingRuns<ScheduledRun>], epochs: Int) -> [Verdict] {
        guard epochs >= 10 else { return [] }
        let late = (epochs - 2)...epochs, earlier = (epochs - 9)...(epochs - 7)
        let family = Holm(
            decays.map {
                Difference($0.window(late, .validationAccuracy), $0.window(earlier, .validationAccuracy))
            })
        return decays.indices.map {
            family.verdict(
                $0, "epochs \(late.lowerBound)–\(late.upperBound)",
                "epochs \(earlier.lowerBound)–\(earlier.upperBound)",
                quantity: "Late gain, validation, \(decays[$0].label)")
        }
    }
}
