import Engine
import Foundation
import LessonKit

extension AdamLesson {
    /// Step 1: Adam's state at a few steps of the stream, against the stream's known moments.
    func reportMoments(_ context: LessonContext, _ trace: Trace) {
        let secondMoment = mean * mean + noise.value * noise.value
        var stream = SummaryTable(
            title:
                "Gradient stream g ~ N(\(mean), \(noise.value)²): E[g] = \(mean), E[g²] = \(secondMoment); Adam's state (one draw, seed \(lesson.seed))",
            header: ["step t", "m", "m̂", "v", "v̂", "step with correction", "step without"])
        for t in [1, 2, 5, 10, 20, 50, 100, steps].filter({ $0 <= steps }) {
            stream.add([
                "\(t)", String(format: "%.4f", trace.m[t - 1]), String(format: "%.4f", trace.mHat[t - 1]),
                String(format: "%.5f", trace.v[t - 1]), String(format: "%.4f", trace.vHat[t - 1]),
                String(format: "%.3g", trace.correctedStep[t - 1]),
                String(format: "%.3g", trace.uncorrectedStep[t - 1]),
            ])
        }
        context.report(stream)
    }

    /// The mean minibatch loss over steps 21–100, after the largest uncorrected steps.
    static var laterLoss: Measure<LossRun> {
        Measure("mean loss, steps 21–100", quantity: "Mean loss over steps 21–100", unit: "", decimals: 4) {
            $0.estimate(\.meanLossSteps21To100)
        }
    }

    /// How much the training loss (the epoch's mean minibatch loss) fell in the last epoch:
    /// an arm still learning when the budget ends.
    static var trainLossFall: Measure<LossRun> {
        Measure(
            "training-loss fall, last epoch", quantity: "Fall of the training loss in the last epoch", unit: "",
            decimals: 4
        ) { $0.estimate(\.trainLossFallInLastEpoch) }
    }

    /// Step 2: the table over arms, how much larger the uncorrected step is, and the arms
    /// against each other on the early loss and on validation accuracy.
    func reportComparison(_ context: LessonContext, _ runs: [SettingRuns<LossRun>], epochs: Int, trainCount: Int) {
        let k = min(Self.lastK, epochs)
        context.report()
        context.report(
            SummaryTable(
                title:
                    "784→256→10 on \(trainCount) images, batch 64, \(epochs) epochs: mean ± std over \(context.seeds.count) seeds; last \(k) = mean of the last \(k) epochs",
                settings: runs,
                columns: [
                    .estimate("loss at step 1", decimals: 4) { $0.estimate(\.lossAtStep1) },
                    .estimate("mean loss, steps 2–20", decimals: 4) { $0.estimate(\.meanLossSteps2To20) },
                    .measure(Self.laterLoss),
                    .estimate("validation %, last \(k)") { $0.lastEpochs(k, .validationAccuracy) },
                    .measureOrDash(Self.trainLossFall),
                ], settingHeader: "Adam"))
        let steps = runs[0].runs[0].history.minibatchLosses.count
        context.report(
            String(
                format:
                    "Without correction the step is (1 − β₁ᵗ)/√(1 − β₂ᵗ) times the corrected one: %.2f at step 1, %.2f at its peak (step %d), %.2f at the last step (%d); %.2f on average over the run.",
                Self.uncorrectedMultiplier(step: 1),
                (1...steps).map { Self.uncorrectedMultiplier(step: $0) }.max() ?? .nan,
                (1...steps).max { Self.uncorrectedMultiplier(step: $0) < Self.uncorrectedMultiplier(step: $1) } ?? 0,
                Self.uncorrectedMultiplier(step: steps), steps,
                (1...steps).map { Self.uncorrectedMultiplier(step: $0) }.reduce(0, +) / Double(steps)))
        // Two families, each corrected by Holm: the early loss (the correction's direct effect)
        // and the validation accuracy (what the arms end with).
        let byLabel = Dictionary(uniqueKeysWithValues: runs.map { ($0.label, $0) })
        func arm(_ rate: Float, _ correction: Bool, warmUp: Int = 0) -> SettingRuns<LossRun> {
            byLabel[Setting(rate: rate, correction: correction, warmUp: warmUp).label]!
        }
        // Beside each verdict, the convergence note of either arm still improving at the budget's end.
        func caveats(_ a: SettingRuns<LossRun>, _ b: SettingRuns<LossRun>) -> [String] {
            [a, b].compactMap { $0.convergenceNote(budget: epochs) }
        }
        let earlyPairs = [(arm(0.001, false), arm(0.001, true)), (arm(0.01, false), arm(0.01, true))]
        let early = Holm(
            earlyPairs.map { Difference($0.0.estimate(\.meanLossSteps2To20), $0.1.estimate(\.meanLossSteps2To20)) })
        for (index, pair) in earlyPairs.enumerated() {
            context.report(
                early.verdict(
                    index, pair.0.label, pair.1.label, quantity: "Mean loss over steps 2–20", unit: "", decimals: 4))
        }
        // At 0.01 the uncorrected run's oversized early steps still cost it after step 20.
        context.report(Self.laterLoss.verdict(arm(0.01, false), against: arm(0.01, true)))
        let finalPairs = Self.validationPairs(runs)
        let final = Holm(
            finalPairs.map {
                Difference($0.0.lastEpochs(k, .validationAccuracy), $0.1.lastEpochs(k, .validationAccuracy))
            })
        for (index, pair) in finalPairs.enumerated() {
            context.report(
                final.verdict(
                    index, pair.0.label, pair.1.label, quantity: "Validation (last \(k))",
                    caveats: caveats(pair.0, pair.1)))
        }
    }

    /// The arms compared on validation, one Holm family, for the report and the differences figure.
    static func validationPairs(_ runs: [SettingRuns<LossRun>]) -> [(SettingRuns<LossRun>, SettingRuns<LossRun>)] {
        let byLabel = Dictionary(uniqueKeysWithValues: runs.map { ($0.label, $0) })
        func arm(_ rate: Float, _ correction: Bool, warmUp: Int = 0) -> SettingRuns<LossRun> {
            byLabel[Setting(rate: rate, correction: correction, warmUp: warmUp).label]!
        }
        return [
            (arm(0.001, false), arm(0.001, true)), (arm(0.01, false), arm(0.01, true)),
            (arm(0.002, true), arm(0.001, false)), (arm(0.005, true), arm(0.001, false)),
            (arm(0.002, true, warmUp: warmUpSteps), arm(0.002, true)),
        ]
    }
}
