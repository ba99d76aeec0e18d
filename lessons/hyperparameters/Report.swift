import Engine
import Foundation
import LabMath
import LessonKit

extension HyperparametersLesson {
    /// Step 4: the strategies against each other, each difference against its noise.
    func reportSummary(
        _ context: LessonContext, runs: [SettingRuns<SearchRun>], searches: [Strategy: [Search]],
        repeated: SettingRuns<TrialRun>, trials: [SettingRuns<TrialRecord>],
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
        let bayes = runs[2]
        let comparisons = StrategyComparisons(runs, trials: t)
        for (index, (a, b)) in comparisons.pairs.enumerated() {
            context.report(
                comparisons.best.verdict(index, a.label, b.label, quantity: "Best validation after \(t) trials"))
        }
        for (index, (a, b)) in comparisons.pairs.enumerated() {
            context.report(
                comparisons.retested.verdict(index, a.label, b.label, quantity: "Chosen setting retrained, test"))
        }
        reportWinnersCurse(context, runs, trials: t)
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
            reportFittedNoise(context, bayes, measured: trialNoise.std)
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
        context.report()
        reportWidthAndDropout(
            context, TrialSample(trials.filter { $0.label.hasPrefix(Strategy.random.rawValue + ",") }))
        let chosenWidths = bayes.estimate(\.chosenWidth).values.sorted().map { String(format: "%.0f", $0) }
        context.report("The Bayesian searches' chosen widths, smallest first: \(chosenWidths.joined(separator: ", ")).")
    }

    /// The winner's curse, search by search: the chosen setting's test score after retraining
    /// against the best validation score that chose it.
    func reportWinnersCurse(_ context: LessonContext, _ runs: [SettingRuns<SearchRun>], trials: Int) {
        var lower = 0, equal: [String] = [], higher: [String] = []
        for setting in runs {
            let best = Self.bestAfter(trials, setting).values, test = setting.estimate(\.retestedAccuracy).values
            for (seed, (best, test)) in zip(setting.seeds, zip(best, test)) {
                if test < best {
                    lower += 1
                } else if test == best {
                    equal.append("\(setting.label) seed \(seed)")
                } else {
                    higher.append("\(setting.label) seed \(seed)")
                }
            }
        }
        let exceptions = [("equal", equal), ("higher", higher)].filter { !$1.isEmpty }.map {
            "\($0): \($1.joined(separator: ", "))"
        }
        context.report(
            "Retrained and scored on test, the chosen setting scored below its search's best validation in \(lower) of \(runs.map(\.runs.count).reduce(0, +)) searches"
                + (exceptions.isEmpty ? "." : " (\(exceptions.joined(separator: "; ")))."))
    }

    /// The fitted noise of each Bayesian search against the noise measured by repeating one
    /// trial: the searches whose fit is more than ten times smaller, by seed.
    func reportFittedNoise(_ context: LessonContext, _ bayes: SettingRuns<SearchRun>, measured: Double) {
        // The values as the per-run data hold them, with the seeds of the searches that fitted one.
        let seeds = zip(bayes.seeds, bayes.runs).filter { $1.fittedNoise != nil }.map(\.0)
        let fitted = zip(seeds, bayes.estimate(\.fittedNoise).values).map { (seed: $0, noise: $1) }
        let tooSmall = fitted.filter { $0.noise * 10 < measured }
        let agreeing = fitted.filter { $0.noise * 10 >= measured && $0.noise <= measured * 10 }
        context.report(
            String(
                format:
                    "Fitted noise against the measured %.2f: within a factor of ten in %d of %d searches (the fitted value larger in %d)",
                measured, agreeing.count, fitted.count, agreeing.filter { $0.noise > measured }.count)
                + (tooSmall.isEmpty
                    ? "."
                    : "; more than ten times smaller in \(tooSmall.count): "
                        + tooSmall.map { String(format: "seed %d %.2f", $0.seed, $0.noise) }.joined(separator: ", ")
                        + "."))
    }

    /// What the random-search trials say about width and dropout beside the learning rate:
    /// least-squares fits with the learning rate as a polynomial of two degrees (the evidence on
    /// dropout depends on it), and within the band of good learning rates, how validation
    /// accuracy rises with width.
    func reportWidthAndDropout(_ context: LessonContext, _ sample: TrialSample) {
        context.report(
            "The \(sample.count) random-search trials' validation accuracy (%) fitted by least squares on a polynomial in log₁₀ learning rate plus log₂ width plus dropout (95 % intervals):"
        )
        for degree in [4, 2] {
            guard let fit = sample.fit(learningRateDegree: degree) else {
                context.report("  learning rate of degree \(degree): too few trials to fit")
                continue
            }
            let (width, dropout) = (fit[fit.count - 2], fit[fit.count - 1])
            context.report(
                "  learning rate of degree \(degree): width \(Self.signed(width.coefficient)) ± \(String(format: "%.2f", width.margin)) points per doubling, dropout \(Self.signed(dropout.coefficient)) ± \(String(format: "%.2f", dropout.margin)) points per unit (\(Self.signed(Self.dropoutRange * dropout.coefficient)) from 0 to \(Self.dropoutRange))"
            )
        }
        let band = sample.filter(learningRate: {
            $0 > Self.goodLearningRates.lowerBound && $0 < Self.goodLearningRates.upperBound
        })
        guard band.count >= 3 else { return }
        let thirds = band.meanValidationByWidthThird
        let correlation = SpearmanCorrelation(band.width, band.validation)
        context.report(
            "  Within \(Self.goodLearningRates.lowerBound) < lr < \(Self.goodLearningRates.upperBound) (\(band.count) trials), mean validation by thirds of the trials sorted by width: "
                + thirds.map {
                    String(format: "%.2f (widths %.0f–%.0f)", $0.mean, $0.widths.lowerBound, $0.widths.upperBound)
                }
                .joined(separator: ", ")
                + String(
                    format: "; Spearman ρ(width, validation) = %.2f, p = %.3f.", correlation.rho, correlation.pValue))
    }

    /// "+1.90", "−5.21": a coefficient with its sign, a true minus.
    static func signed(_ value: Double) -> String {
        (value < 0 ? "−" : "+") + String(format: "%.2f", abs(value))
    }

    /// The strategies against each other, for the report's verdicts and the differences figure.
    /// Each strategy draws its own points and training noise, but under one seed all three
    /// search the same data split: paired over seeds, three comparisons per quantity, each
    /// quantity one Holm family.
    struct StrategyComparisons {
        let pairs: [(SettingRuns<SearchRun>, SettingRuns<SearchRun>)]
        /// The best validation score after every trial.
        let best: Holm
        /// The chosen setting, retrained, on test.
        let retested: Holm

        init(_ runs: [SettingRuns<SearchRun>], trials: Int) {
            let (grid, random, bayes) = (runs[0], runs[1], runs[2])
            pairs = [(random, grid), (bayes, random), (bayes, grid)]
            best = Holm(
                pairs.map {
                    Difference(HyperparametersLesson.bestAfter(trials, $0), HyperparametersLesson.bestAfter(trials, $1))
                })
            retested = Holm(pairs.map { Difference($0.estimate(\.retestedAccuracy), $1.estimate(\.retestedAccuracy)) })
        }

        var labels: [String] { pairs.map { "\($0.0.label) − \($0.1.label)" } }
    }
}
