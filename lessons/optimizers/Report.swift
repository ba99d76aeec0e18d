import Engine
import Foundation
import LabMath
import LessonKit

extension OptimizersLesson {
    /// Step 3: the table, and each optimizer against the best, against the noise.
    func reportSummary(
        _ context: LessonContext, outcomes: [Outcome], comparison: Comparison, epochs: Int, steps: Int, testCount: Int
    ) {
        let k = Self.lastK
        let ranked = Self.ranking(outcomes)
        var table = SummaryTable(
            title:
                "Fashion-MNIST over \(context.seeds.count) seeds (mean ± std), \(epochs) epochs; validation = mean of the last \(k) epochs (%); each optimizer's rate chosen on validation among its usual rate × \(Self.rateFactors.map { String(format: "%g", $0) }.joined(separator: ", ")); test (%) on \(testCount) images at the end; ranked by validation at the chosen rate",
            header: [
                "optimizer", "usual lr", "val. at usual lr", "chosen lr", "val. at chosen lr",
                "test at chosen lr", "test, each seed's own choice", "train loss",
            ])
        for outcome in ranked {
            let usual = outcome.sweep[Self.rateFactors.firstIndex(of: 1)!]
            // Each seed's own choice mixes the rates' runs, so no one setting's column holds it.
            table.add([
                .text(outcome.entry.name), .text(String(format: "%g", outcome.entry.networkRate)),
                .estimate(usual.lastEpochs(k, .validationAccuracy)),
                .text(String(format: "%g", outcome.chosenRate)),
                .estimate(outcome.runs.lastEpochs(k, .validationAccuracy)), .estimate(outcome.choice.test),
                .text(outcome.choice.perSeedTest.formatted()),
                .estimate(outcome.runs.final(.trainLoss), decimals: 3),
            ])
        }
        context.report(table)
        context.report()
        var sensitivity = SummaryTable(
            title:
                "Validation (%, mean of the last \(k) epochs) at every swept rate, as a multiple of the usual rate: the sensitivity figure's points",
            header: ["optimizer"] + Self.rateFactors.map { "× " + String(format: "%g", $0) })
        for outcome in ranked {
            sensitivity.add(outcome.entry.name, estimates: outcome.sweep.map { $0.lastEpochs(k, .validationAccuracy) })
        }
        context.report(sensitivity)
        context.report()
        reportRateChoices(context, ranked: ranked)
        var edges = SummaryTable(
            title: "Chosen rates at an end of the sweep (the best may lie beyond it)",
            header: ["optimizer", "chosen lr", "edge"])
        for outcome in outcomes where outcome.choice.index == 0 || outcome.choice.index == Self.rateFactors.count - 1 {
            edges.add([
                outcome.entry.name, String(format: "%g", outcome.chosenRate),
                outcome.choice.index == 0 ? "smallest" : "largest",
            ])
        }
        if !edges.rows.isEmpty {
            context.report(edges)
            context.report()
        }
        let winner = comparison.winner
        context.report(
            "Best on validation at its chosen rate: \(winner.entry.name) (lr \(String(format: "%g", winner.chosenRate))); each other optimizer at its chosen rate against it, on test:"
        )
        // Test is scored at the final epoch, while the rate was chosen on the last epochs'
        // validation: an arm whose mean validation fell by the end is scored past its best, and
        // an arm still improving at the budget's end has not converged.
        func caveats(_ outcome: Outcome) -> [String] {
            var notes = [outcome.runs.convergenceNote(budget: epochs, quantity: "validation")].compactMap { $0 }
            let curve = (1...epochs).map { epoch in
                outcome.runs.runs.compactMap { run in
                    run.history.epochs.first { $0.epoch == epoch }.flatMap(EpochMetric.validationAccuracy.value)
                }.reduce(0, +) / Double(outcome.runs.runs.count)
            }
            if let best = curve.indices.max(by: { curve[$0] < curve[$1] }), curve[best] - curve[epochs - 1] >= 0.5 {
                notes.append(
                    String(
                        format: "%@ test at epoch %d, past its validation peak (mean %.2f at epoch %d → %.2f)",
                        outcome.entry.name, epochs, curve[best], best + 1, curve[epochs - 1]))
            }
            return notes
        }
        for (index, other) in comparison.others.enumerated() {
            context.report(
                comparison.test.verdict(
                    index, other.entry.name, winner.entry.name, quantity: "Test",
                    caveats: caveats(other) + caveats(winner)))
        }
        context.report()
        var surface = SummaryTable(
            title: "Rosenbrock's valley from (−1.2, 1.2), \(steps) steps (deterministic: no seeds)",
            header: ["optimizer", "lr", "distance to (1, 1)", "f at the end", "known for (lecture)"])
        for outcome in outcomes {
            let end = outcome.path.last!
            surface.add([
                outcome.entry.name, String(format: "%g", outcome.entry.surfaceRate),
                String(format: "%.3g", outcome.surfaceDistance),
                String(format: "%.3g", Surface.rosenbrock.value(end.x, end.y)), outcome.entry.knownFor,
            ])
        }
        context.report(surface)
        context.report()
        reportWalks(context, outcomes: outcomes, steps: steps)
    }

    /// Whether the chosen rate beats the usual one by more than the noise, paired over seeds on
    /// the validation score the choice used: one Holm family over the optimizers whose choice
    /// moved off the usual rate; for those that kept it, the usual rate against the runner-up
    /// (a second family). Each line ends with the rates the seeds pick on their own validation.
    func reportRateChoices(_ context: LessonContext, ranked: [Outcome]) {
        let choices = RateChoices(ranked)
        func seedsChoices(_ outcome: Outcome) -> String {
            let picks = outcome.choice.perSeedChoices
            let counts = Self.rateFactors.indices.filter(picks.contains).map { index in
                "\(RateChoices.rate(outcome, index)) × \(picks.filter { $0 == index }.count)"
            }
            return "the seeds' own choices: " + counts.joined(separator: ", ")
        }
        func report(_ family: RateChoices.Family) {
            for (index, row) in family.rows.enumerated() {
                context.report(
                    family.holm.verdict(
                        index, row.a, row.b, quantity: "Validation", caveats: [seedsChoices(row.outcome)]))
            }
        }
        context.report(
            "The chosen rate against the usual one, on validation (mean of the last \(Self.lastK) epochs), paired over seeds:"
        )
        report(choices.moved)
        if !choices.kept.rows.isEmpty {
            context.report("Those that keep their usual rate, against their runner-up rate:")
            report(choices.kept)
        }
        context.report()
    }

    /// Each optimizer's chosen rate against its usual one (or, where it kept the usual rate,
    /// the usual against the runner-up) on validation, paired over seeds: for the report's
    /// verdicts and the differences figure.
    struct RateChoices {
        struct Row {
            let outcome: Outcome
            /// The two rates compared, "0.00316" and "0.001".
            let rates: (String, String)
            /// "Adam at 0.00316" and "at 0.001": the verdict line's names.
            var a: String { "\(outcome.entry.name) at \(rates.0)" }
            var b: String { "at \(rates.1)" }
            /// "Adam: 0.00316 − 0.001", for the differences figure.
            var label: String { "\(outcome.entry.short): \(rates.0) − \(rates.1)" }
        }

        /// One Holm family of rows.
        struct Family {
            let rows: [Row]
            let holm: Holm
        }

        /// The optimizers whose choice moved off the usual rate: chosen − usual.
        let moved: Family
        /// Those that kept the usual rate: usual − the runner-up (the other rate best on mean validation).
        let kept: Family

        init(_ ranked: [Outcome]) {
            let usual = OptimizersLesson.rateFactors.firstIndex(of: 1)!
            func validation(_ outcome: Outcome, _ index: Int) -> Estimate {
                outcome.sweep[index].lastEpochs(OptimizersLesson.lastK, .validationAccuracy)
            }
            func family(_ outcomes: [Outcome], _ pair: (Outcome) -> (Int, Int)) -> Family {
                let pairs = outcomes.map(pair)
                return Family(
                    rows: zip(outcomes, pairs).map { outcome, pair in
                        Row(outcome: outcome, rates: (Self.rate(outcome, pair.0), Self.rate(outcome, pair.1)))
                    },
                    holm: Holm(zip(outcomes, pairs).map { Difference(validation($0, $1.0), validation($0, $1.1)) }))
            }
            moved = family(ranked.filter { $0.choice.index != usual }) { ($0.choice.index, usual) }
            kept = family(ranked.filter { $0.choice.index == usual }) { outcome in
                let others = OptimizersLesson.rateFactors.indices.filter { $0 != usual }
                return (usual, others.max { validation(outcome, $0).mean < validation(outcome, $1).mean }!)
            }
        }

        static func rate(_ outcome: Outcome, _ index: Int) -> String {
            String(format: "%g", outcome.entry.networkRate * OptimizersLesson.rateFactors[index])
        }
    }

    /// f along each walk on Rosenbrock's valley: the first step, the lowest point, and two late
    /// steps (a 100-step trend, and the step before the last, which shows a period-2 bounce).
    func reportWalks(_ context: LessonContext, outcomes: [Outcome], steps: Int) {
        let late = [max(steps - 100, 0), steps - 1]
        let start = Surface.rosenbrock.value(Self.start.0, Self.start.1)
        var walks = SummaryTable(
            title:
                "f along each walk (the f-per-step figure's curves), from f = \(String(format: "%.3g", start)) at the start",
            header: ["optimizer", "f after step 1", "lowest f", "at step"] + late.map { "f at step \($0)" })
        for outcome in outcomes {
            let f = outcome.path.map { Surface.rosenbrock.value($0.x, $0.y) }
            let lowest = f.indices.min { f[$0] < f[$1] }!
            func value(_ step: Int) -> String { String(format: "%.3g", f[step]) }
            walks.add([outcome.entry.name, value(1), value(lowest), String(lowest)] + late.map(value))
        }
        context.report(walks)
    }
}
