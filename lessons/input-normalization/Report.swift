import Foundation
import LessonKit

extension InputNormalizationLesson {
    /// Part 1's table: per preparation of the two features, the curvature of its loss, the rate
    /// used and the steps it took against the bound the curvature sets.
    func reportFeatures(_ context: LessonContext, _ features: [FeatureDescent]) {
        var table = SummaryTable(
            title:
                "Two features (scales 1 and \(Int(scaleRatio.value))), linear model, full-batch gradient descent from w = 0 at the best stable rate of a grid; λ: eigenvalues of the MSE's Hessian over (w₁, w₂, b); steps until the loss is within 1 % of its minimum",
            header: ["features", "λ_max", "λ_min", "κ", "2/λ_max", "rate", "steps", "≤ bound", "ideal"])
        for feature in features {
            let curvature = feature.curvature
            let measured: [Double] = [
                curvature.eigenvalues.first!, curvature.eigenvalues.last!, curvature.conditionNumber,
                curvature.largestStableRate, Double(feature.descent.learningRate),
            ]
            let steps: [String] = [
                feature.steps.map(String.init) ?? "> \(self.steps)",
                feature.stepBound.map { String(format: "%.0f", $0) } ?? "–",
                feature.idealStepBound.map { String(format: "%.1f", $0) } ?? "–",
            ]
            table.add([feature.preparation.label] + measured.map { $0.formatted(significantDigits: 3) } + steps)
        }
        context.report(table)
        context.report(
            "Bound: at most ln ε / (2 ln r) steps, r = max |1 − η·λᵢ| (the slowest direction's shrink per step at the rate used), ε the share of the initial excess loss left at the target; ideal: the same at the best single rate 2/(λ_max + λ_min), about (κ/4)·ln(1/ε)."
        )
    }

    func reportImages(
        _ context: LessonContext, _ report: Report, scalings: [String], epochs: Int, trainCount: Int, testCount: Int
    ) {
        let k = Self.lastK, seeds = context.seeds.count
        let validation = Measure<ScaledRun>.validationAccuracy(lastEpochs: k)
        context.report(
            SummaryTable(
                title:
                    "784→128→10, SGD lr \(learningRate.value), batch 64, \(epochs) epochs on \(trainCount) images, \(seeds) seeds (accuracy in %; last \(k) = mean of the last \(k) epochs)",
                settings: report.imageRuns,
                columns: [
                    // A run that diverged in its first epoch has no epoch to summarize.
                    .measureOrDash(.lastEpochs(k, .trainAccuracy, "train")),
                    .measureOrDash(validation), .measureOrDash(.bestValidation),
                    TableColumn("diverged") { "\($0.estimate(\.divergedEpoch).count) of \($0.runs.count)" },
                ], settingHeader: "inputs"))
        for (a, b) in report.imagePairs {
            guard validation.summary(a).count == a.runs.count, validation.summary(b).count == b.runs.count else {
                context.report("\(validation.quantity): \(a.label) vs \(b.label) not compared: runs diverged.")
                continue
            }
            context.report(validation.verdict(a, against: b))
        }
        context.report()
        let gridEpochs = min(Self.gridEpochs, epochs)
        var grid = SummaryTable(
            title:
                "Validation accuracy (%) after \(gridEpochs) epochs by learning rate, \(seeds) seeds (a diverged run counts as 10 %)",
            header: ["learning rate"] + scalings)
        for (index, rate) in report.gridRates.enumerated() {
            grid.add(
                ["\(rate)"]
                    + scalings.map { scaling in
                        let runs = report.gridRuns(scaling)[index]
                        let diverged = runs.estimate(\.divergedEpoch).count
                        return runs.estimate(\.finalValidation).formatted()
                            + (diverged > 0 ? " (\(diverged) diverged)" : "")
                    })
        }
        context.report(grid)
        for scaling in scalings {
            let best = report.best(scaling)
            let validation = report.gridRuns(scaling)[best.choice.index].estimate(\.finalValidation)
            context.report(
                "Best learning rate on validation for \(scaling): \(best.rate) (validation \(validation.formatted()) %); test at that rate \(best.choice.test.formatted()) %; each seed choosing its own rate: test \(best.choice.perSeedTest.formatted()) %."
            )
        }
        // The rate is chosen on validation, so the comparison is scored on the test images,
        // which played no part in the choice; three pairs of scalings, Holm-corrected.
        let pairs = Report.bestRatePairs
        let holm = report.bestRateComparisons(scalings)
        context.report(
            "Each scaling at its own best learning rate (chosen on validation), scored on the \(testCount) test images after \(gridEpochs) epochs, Holm over the 3 pairs:"
        )
        // A best rate at the grid's largest may still be rising there: such a scaling's difference
        // may be only where the grid stops, not what its best rate would give.
        let atGridEdge = scalings.map { report.best($0).rate == report.gridRates.max() }
        // An arm still improving at the end of the short grid budget is compared at that budget,
        // not at its best.
        let convergence = scalings.map { scaling in
            report.gridRuns(scaling)[report.best(scaling).choice.index].convergenceNote(budget: gridEpochs)
        }
        for (index, (a, b)) in pairs.enumerated() {
            let caveats =
                [a, b].filter { atGridEdge[$0] }.map { "\(scalings[$0])'s chosen rate is the grid's largest" }
                + [a, b].compactMap { convergence[$0] }
            context.report(holm.verdict(index, scalings[a], scalings[b], quantity: "Test", caveats: caveats))
        }
        reportGridEdge(
            context, report, scalings: scalings.indices.filter { atGridEdge[$0] }.map { scalings[$0] },
            gridEpochs: gridEpochs)
        context.report(
            "Normalizing the inputs only helps the first layer: the inputs of every later layer drift as the weights change. Batch normalization (lesson-batchnorm) normalizes those too."
        )
    }

    /// A scaling whose chosen rate is the grid's largest may still be rising there: its
    /// validation at that rate against the grid's next rate says whether the grid stopped it.
    /// Paired over seeds, Holm over the scalings at the edge.
    func reportGridEdge(_ context: LessonContext, _ report: Report, scalings: [String], gridEpochs: Int) {
        let rates = report.gridRates
        guard let largest = rates.max(), let next = rates.filter({ $0 < largest }).max(), !scalings.isEmpty else {
            return
        }
        let arms = scalings.map { scaling in
            let runs = report.gridRuns(scaling)
            return (runs[rates.firstIndex(of: largest)!], runs[rates.firstIndex(of: next)!])
        }
        context.report(
            "Is validation still rising at the grid's edge? Each scaling whose chosen rate is the grid's largest, \(largest) against the next rate, \(next), Holm over \(arms.count):"
        )
        let holm = Holm(arms.map { Difference($0.estimate(\.finalValidation), $1.estimate(\.finalValidation)) })
        for (index, (edge, below)) in arms.enumerated() {
            context.report(
                holm.verdict(index, edge.label, below.label, quantity: "Validation accuracy after \(gridEpochs) epochs")
            )
        }
    }
}
