import Engine
import Foundation

// The rules that keep a comparison about its technique: a budget long enough for the arms to
// converge, choices made on validation and scored on test, and verdicts corrected for how
// many of them a lesson states.

/// Holm's step-down correction over a family of comparisons (k settings against one
/// baseline, or a winner picked among k): the i-th smallest of the k p-values is multiplied
/// by k − i + 1, and the adjusted values are made non-decreasing in that order. A verdict
/// survives when its adjusted p-value stays below the level. It controls the chance of any
/// false claim in the family at the level, whatever the dependence between the comparisons.
public struct Holm: Sendable {
    public let differences: [Difference]
    /// Holm-adjusted p-values, in the order of `differences`.
    public let adjusted: [Double]
    public let level: Double

    public init(_ differences: [Difference], level: Double = 0.05) {
        self.differences = differences
        self.adjusted = Self.adjust(differences.map(\.pValue))
        self.level = level
    }

    /// Each setting against one baseline on one measure, paired over seeds: the family of
    /// "every arm − the reference" comparisons a lesson states.
    public init<Run>(
        _ settings: some Sequence<SettingRuns<Run>>, against baseline: SettingRuns<Run>, level: Double = 0.05,
        _ measure: (SettingRuns<Run>) -> Estimate
    ) {
        let reference = measure(baseline)
        self.init(settings.map { Difference(measure($0), reference) }, level: level)
    }

    /// Holm-adjusted p-values of `pValues`, in their order (each at most 1).
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: pValues.count)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(pValues.count - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    public var count: Int { differences.count }

    /// Comparison `index` is resolved and stays so after the correction.
    public func survives(_ index: Int) -> Bool { differences[index].isResolved && adjusted[index] < level }

    /// "survives Holm over 7 comparisons" or "not after Holm over 7 comparisons" for a
    /// resolved comparison; nil for one within noise, which no correction can resolve.
    public func note(_ index: Int) -> String? {
        guard differences[index].isResolved else { return nil }
        return (survives(index) ? "survives" : "not after") + " Holm over \(count) comparisons"
    }

    /// Comparison `index`'s verdict with the family's note, then `caveats`.
    public func verdict(
        _ index: Int, _ a: String, _ b: String, quantity: String, unit: String = " points",
        decimals: Int = 2, caveats: [String] = []
    ) -> Verdict {
        let wording = Verdict.Wording(a: a, b: b, quantity: quantity, unit: unit, decimals: decimals, caveats: caveats)
        return Verdict(
            line: line(index, wording), comparison: differences[index].comparison, wording: wording,
            holm: Verdict.HolmFamily(index: index, level: level, comparisons: differences.map(\.comparison)))
    }

    func line(_ index: Int, _ wording: Verdict.Wording) -> String {
        differences[index].line(wording, notes: [note(index)].compactMap { $0 })
    }
}

/// Whether a setting's runs had stopped improving before the epoch budget ran out: the share
/// of runs whose best-validation epoch falls in the budget's last 10 %. A comparison in which
/// one arm is still improving measures the budget, not the technique.
public struct Convergence: Sendable, Equatable {
    /// Runs whose best-validation epoch lies in the last `lateEpochs` epochs of the budget.
    public let lateRuns: Int
    /// Runs with a validation curve.
    public let runs: Int
    public let budget: Int
    public let lateEpochs: Int

    /// `budget` is the planned number of epochs (a run stopped early by a callback counts
    /// against the plan, not against its own length).
    public init(
        _ histories: [History], budget: Int, metric: EpochMetric = .validationAccuracy, lowerIsBetter: Bool = false
    ) {
        precondition(budget > 0, "an epoch budget is positive")
        let lateEpochs = max(1, Int((0.1 * Double(budget)).rounded(.up)))
        let best = histories.compactMap { Self.bestEpoch($0, metric: metric, lowerIsBetter: lowerIsBetter) }
        self.lateRuns = best.filter { $0 > budget - lateEpochs }.count
        self.runs = best.count
        self.budget = budget
        self.lateEpochs = lateEpochs
    }

    /// The epoch (1-based) with the best value of `metric`, the first on ties; nil when no
    /// epoch measured it.
    public static func bestEpoch(
        _ history: History, metric: EpochMetric = .validationAccuracy, lowerIsBetter: Bool = false
    ) -> Int? {
        var best: (epoch: Int, value: Double)?
        for record in history.epochs {
            guard let value = metric.value(record), value.isFinite else { continue }
            if best == nil || (lowerIsBetter ? value < best!.value : value > best!.value) {
                best = (record.epoch, value)
            }
        }
        return best?.epoch
    }

    public var share: Double { runs > 0 ? Double(lateRuns) / Double(runs) : .nan }

    /// Half the runs or more peaked in the last 10 % of the budget.
    public var isStillImproving: Bool { runs > 0 && share >= 0.5 }

    /// "4/5 runs best in the last 6 of 60 epochs".
    public var summary: String { "\(lateRuns)/\(runs) runs best in the last \(lateEpochs) of \(budget) epochs" }

    /// "not converged: 4/5 runs best in the last 6 of 60 epochs", for beside a verdict of a
    /// setting still improving; nil otherwise.
    public var note: String? { isStillImproving ? "not converged: " + summary : nil }
}

/// Choices made on validation and scored on test, so that no verdict rests on the maximum of
/// a noisy curve measured on the same images it was picked on.
public enum SelectOnValidation {
    /// `score` (test accuracy by default) at the run's best-validation epoch: the checkpoint
    /// early stopping would keep, scored on images the choice never saw. Nil when the run did
    /// not evaluate `score` at that epoch (train with `test:` to evaluate every epoch).
    public static func atBestValidation(
        _ history: History, score: EpochMetric = .testAccuracy,
        by metric: EpochMetric = .validationAccuracy, lowerIsBetter: Bool = false
    ) -> Double? {
        Convergence.bestEpoch(history, metric: metric, lowerIsBetter: lowerIsBetter)
            .flatMap { epoch in history.epochs.first { $0.epoch == epoch } }
            .flatMap(score.value)
    }

    /// `atBestValidation` over every run of a setting; runs without the score are left out.
    public static func atBestValidation(
        _ histories: [History], score: EpochMetric = .testAccuracy,
        by metric: EpochMetric = .validationAccuracy, lowerIsBetter: Bool = false
    ) -> Estimate {
        Estimate(histories.compactMap { atBestValidation($0, score: score, by: metric, lowerIsBetter: lowerIsBetter) })
    }
}

/// A setting (a learning rate, a regularization strength) chosen among several on validation
/// and scored on test. `validation[s]` and `test[s]` are setting s's per-seed values, seeds in
/// the same order for every setting.
public struct ChosenOnValidation: Sendable {
    /// The setting with the best mean validation score.
    public let index: Int
    /// That setting's test values: the score to report for the choice.
    public let test: Estimate
    /// Each seed's own choice (the setting best on that seed's validation) …
    public let perSeedChoices: [Int]
    /// … and its test value under that seed: the whole procedure, choice noise included.
    public let perSeedTest: Estimate

    public init(validation: [Estimate], test: [Estimate], higherIsBetter: Bool = true) {
        precondition(
            !validation.isEmpty && validation.count == test.count, "one validation and one test estimate per setting")
        func better(_ x: Double, _ y: Double) -> Bool { higherIsBetter ? x > y : x < y }
        let settings = validation.indices
        index = settings.reduce(0) { better(validation[$1].mean, validation[$0].mean) ? $1 : $0 }
        self.test = test[index]
        let seeds = 0..<(validation.map(\.count) + test.map(\.count)).min()!
        perSeedChoices = seeds.map { seed in
            settings.reduce(0) { better(validation[$1].values[seed], validation[$0].values[seed]) ? $1 : $0 }
        }
        perSeedTest = Estimate(zip(seeds, perSeedChoices).map { test[$1].values[$0] })
    }
}
