import Engine
import Foundation
import LabMath
import LessonKit

extension HyperparametersLesson {
    /// Step 4: the strategies against each other, each difference against its noise.
    func reportSummary(
        _ context: LessonContext, runs: [SettingRuns<SearchRun>], searches: [Strategy: [Search]],
        repeated: SettingRuns<TrialRun>,
        posteriors: [Posterior], budget: Budget, data: DataSplits
    ) {
        let t = budget.trials, checkpoints = Array(Set([max(1, t / 3), max(1, 2 * t / 3), t])).sorted()
        var table = SummaryTable(
            title:
                "\(context.seeds.count) repeated searches per strategy, \(t) trials each (mean ± std over searches); a trial: \(budget.epochs) epoch\(budget.epochs == 1 ? "" : "s") on \(data.train.count) images, validation accuracy (%) on \(data.validation.count)",
            header: ["search"] + checkpoints.map { "best after \($0)" } + [
                "chosen setting, retrained: test %", "learning rates tried",
            ])
        for setting in runs {
            table.add(
                [.text(setting.label)] + checkpoints.map { .estimate(Self.bestAfter($0, setting)) } + [
                    .estimate(setting.estimate(\.retestedAccuracy)),
                    .estimate(setting.estimate(\.distinctLearningRates), decimals: 0),
                ])
        }
        context.report(table)
        context.report()
        let (grid, random, bayes) = (runs[0], runs[1], runs[2])
        // Each strategy draws its own points and training noise, but under one seed all three
        // search the same data split: paired over seeds, three comparisons per quantity.
        let pairs = [(random, grid), (bayes, random), (bayes, grid)]
        let best = Holm(pairs.map { Difference(Self.bestAfter(t, $0), Self.bestAfter(t, $1)) })
        for (index, (a, b)) in pairs.enumerated() {
            context.report(best.verdict(index, a.label, b.label, quantity: "Best validation after \(t) trials"))
        }
        let retested = Holm(pairs.map { Difference($0.estimate(\.retestedAccuracy), $1.estimate(\.retestedAccuracy)) })
        for (index, (a, b)) in pairs.enumerated() {
            context.report(retested.verdict(index, a.label, b.label, quantity: "Chosen setting retrained, test"))
        }
        context.report()
        let trialNoise = repeated.estimate(\.validationAccuracy)
        context.report(
            "One trial is noisy: \(repeated.label) scored \(trialNoise.formatted()) % over \(trialNoise.count) seeds (std \(String(format: "%.2f", trialNoise.std)) points)."
        )
        let fitted = bayes.estimate(\.fittedNoise)
        if fitted.count > 0 {
            context.report(
                "The Gaussian process's noise, fitted by marginal likelihood on the trials of each Bayesian search: std \(fitted.formatted()) points, to compare with the one trial's spread over seeds above."
            )
        }
        context.report()
        let names = ["learning rate", "width", "dropout"]
        var scales = SummaryTable(
            title:
                "The Gaussian process's length scales (on the unit cube; longer = the accuracy depends less on that hyperparameter; the grid ends at \(String(format: "%.1f", GaussianProcess.lengthScaleGrid.last!)))",
            header: ["fit"] + names)
        for posterior in posteriors {
            scales.add(
                ["first search, after \(posterior.trials) trials"]
                    + posterior.surrogate.lengthScales.map { String(format: "%.2f", $0) })
        }
        let final = SearchRun.lengthScaleColumns.map { bayes.estimate(column: $0) }
        if final[0].count > 0 {
            scales.add("every search, last fit (\(final[0].count) searches)", estimates: final)
        }
        context.report(scales)
    }
}
