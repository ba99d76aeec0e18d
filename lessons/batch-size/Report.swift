import Engine
import Foundation
import LessonKit

extension BatchSizeLesson {
    /// What the lecture reports (MNIST, 100 epochs, on a GPU), for the summary.
    static let lecture: [Int: String] = [
        64: "98.50 / 97.65 / 97.18, 5.59 min", 1024: "98.45 / 97.67 / 97.08, 4.38 min",
    ]

    /// The table over arms, each arm against the first size, the wall time, and the noise
    /// measurements against the laws that predict them.
    func reportSummary(_ context: LessonContext, _ report: Report, epochs: Int) {
        let k = Self.lastK, runs = report.runs
        let arms = Dictionary(uniqueKeysWithValues: zip(runs.map(\.label), report.arms))
        context.report(
            SummaryTable(
                title:
                    "After \(epochs) epochs; accuracy in %, mean ± std over \(context.seeds.count) seeds; last \(k) = mean of the last \(k) epochs; test at best = test accuracy at the best-validation epoch (lecture: MNIST, 100 epochs, GPU, one run)",
                settings: runs,
                columns: [
                    TableColumn("steps") { "\(($0.runs.first?.history.batchesPerEpoch ?? 0) * epochs)" },
                    .measure(.lastEpochs(k, .trainAccuracy, "train")),
                    .measure(.lastEpochs(k, .validationAccuracy, "validation")), .measure(.finalTest),
                    .estimate("test at best") { $0.atBestValidation(.testAccuracy) },
                    .stillImproving(budget: epochs),
                    .estimate("minibatch loss std", decimals: 4) { $0.estimate(\.lossStdLastEpoch) },
                    .estimate("validation jitter") { $0.estimate(\.validationJitter) },
                    TableColumn("lecture: train / validation / test, time") { setting in
                        let arm = arms[setting.label]!
                        return arm.scaling == .same ? Self.lecture[arm.batchSize] ?? "–" : "–"
                    },
                ], settingHeader: "arm"))
        context.report(
            "steps = optimizer steps in all; minibatch loss std = over the last epoch; validation jitter = std of the epoch-to-epoch change of validation accuracy over the last \(k) epochs (points); the ∝B arm's rate climbs from \(learningRate.value) over its first epochs (Goyal et al.'s warm-up, stepped per epoch)"
        )
        guard runs.count >= 2 else { return }
        let reference = runs[0]
        let others = Array(runs.dropFirst())
        context.report()
        context.report("Each arm against \(reference.label), paired over seeds, Holm over the \(others.count) arms:")
        let againstReference = ComparisonsAgainstReference(
            others, against: reference, measures: [Self.finalTest, Self.testAtBest])
        for line in againstReference.verdicts(caveatsByMeasure: Self.budgetNotes(reference, epochs: epochs)) {
            context.report(line)
        }
        reportScaling(context, report, epochs: epochs, lastK: k)

        context.report()
        var time = SummaryTable(
            title:
                "Wall time per epoch on this machine (training plus the evaluation passes, as the lecture's times include; \(context.options.workerThreads) runs at a time), mean ± std over seeds",
            header: ["arm", "seconds per epoch", "relative to \(reference.label)"])
        let referenceSeconds = reference.estimate(\.secondsPerEpoch)
        for setting in runs {
            // Three decimals: the spread over seeds is a few thousandths of a second.
            let seconds = setting.estimate(\.secondsPerEpoch)
            time.add([
                setting.label, seconds.formatted(decimals: 3),
                String(format: "%.2f", seconds.mean / referenceSeconds.mean),
            ])
        }
        context.report(time)
        context.report("The lecture (GPU, 100 epochs): batch 64 5.59 min, batch 1024 4.38 min, a ratio of 0.78.")
        reportTimingCheck(context, report)

        context.report()
        let sizes = report.frozenSizes
        let pair = [report.arms[0].batchSize, report.arms[1].batchSize]
        let predicted = (Double(pair[1]) / Double(pair[0])).squareRoot()
        let ratio = Estimate(
            zip(runs[0].estimate(\.lossStdLastEpoch).values, runs[1].estimate(\.lossStdLastEpoch).values).map {
                $0 / $1
            })
        context.report(
            String(
                format:
                    "Minibatch-loss std ratio, %@ / %@, last epoch of training: %@ over seeds; averaging predicts √(%d/%d) = %.2f.",
                runs[0].label, runs[1].label, ratio.formatted(), pair[1], pair[0], predicted))
        let frozenColumns = NoiseRun.frozenColumns(sizes)
        if let small = sizes.firstIndex(of: pair[0]), let large = sizes.firstIndex(of: pair[1]) {
            let frozen = Estimate(
                runs.flatMap { setting in
                    zip(
                        setting.estimate(column: frozenColumns[small]).values,
                        setting.estimate(column: frozenColumns[large]).values
                    ).map { $0 / $1 }
                })
            context.report(
                String(
                    format:
                        "The same ratio with no learning at all (each trained network frozen, fresh random batches of %d and %d): %@ over all %d trained networks (every arm, every seed).",
                    pair[0], pair[1], frozen.formatted(), frozen.count))
        }
        let fit = Self.frozenSlope(runs, sizes: sizes)
        context.report(
            String(
                format:
                    "Frozen networks over batch sizes %d…%d: log(std) against log(B) has slope %@ over the %d networks (averaging predicts −0.5).",
                sizes.first!, sizes.last!, fit.formatted(), fit.count))
        let initial = runs[0].estimate(\.initialGradientNoiseScale)
        context.report(
            String(
                format:
                    "Gradient-noise scale B_noise = tr Σ / ‖G‖² (McCandlish et al. 2018; straight-line fit of the mean ‖g_B‖² against 1/B over B = %@, network frozen in training mode): at the initial weights %@ (%d of %d seeds resolve ‖G‖² > 0).",
                Self.gradientSizes.map(String.init).joined(separator: ", "), initial.formatted(decimals: 0),
                initial.count, context.seeds.count))
        // After training ‖G‖² is small against the noise; the fit resolves it on few
        // networks, so the count is the finding and the median only a rough size.
        let trained = Estimate(runs.flatMap { $0.runs.compactMap(\.gradientNoiseScale) })
        let networks = runs.reduce(0) { $0 + $1.runs.count }
        let sorted = trained.values.sorted()
        let median =
            sorted.isEmpty
            ? "–"
            : String(
                format: "%.0f",
                sorted.count % 2 == 1
                    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
        let beyond =
            2 * trained.count < networks
            ? ": on most trained networks the noise scale lies beyond what batches up to \(Self.gradientSizes.last!) resolve"
            : ""
        context.report(
            "After training the same fit resolves ‖G‖² > 0 on \(trained.count) of \(networks) networks (median B_noise of those: \(median))\(beyond)."
        )
    }

    static var secondsPerEpoch: Measure<NoiseRun> {
        Measure("seconds per epoch", quantity: "Seconds per epoch", unit: " s", decimals: 3) {
            $0.estimate(\.secondsPerEpoch)
        }
    }

    /// What the seconds column can tell: the first larger batch at the same rate against the
    /// first size (a saving from the batch size would show here), and the linearly scaled arm
    /// against it. The two larger-batch arms run the same matrix products per step, so any
    /// difference between them is an artefact of the timing, and its size bounds what the
    /// column can say about the batch size.
    func reportTimingCheck(_ context: LessonContext, _ report: Report) {
        let byArm = Array(zip(report.arms, report.runs))
        guard let reference = report.runs.first,
            let same = byArm.dropFirst().first(where: { $0.0.scaling == .same }),
            let linear = byArm.first(where: { $0.0.batchSize == same.0.batchSize && $0.0.scaling == .linear })
        else { return }
        context.report(Self.secondsPerEpoch.verdict(same.1, against: reference))
        context.report(
            Self.secondsPerEpoch.verdict(
                linear.1, against: same.1,
                caveats: ["the same work per step: a difference here is the timing's, not the batch's"]))
    }

    static var finalTest: Measure<NoiseRun> { Measure("test, final", quantity: "Test, final") { $0.testAccuracy } }
    static var testAtBest: Measure<NoiseRun> {
        Measure("test at best", quantity: "Test at the best-validation epoch") { $0.atBestValidation(.testAccuracy) }
    }

    /// The caveats of a comparison with `reference` on `[finalTest, testAtBest]`: the "not
    /// converged" notes of either arm, beside both measures (a run whose best validation epoch
    /// falls at the end of the budget might have found a later, better one).
    static func budgetNotes(
        _ reference: SettingRuns<NoiseRun>, epochs: Int
    ) -> (SettingRuns<NoiseRun>, Int) -> [String] {
        { setting, _ in [reference, setting].compactMap { $0.convergenceNote(budget: epochs) } }
    }

    /// Whether scaling the rate recovers part of what the larger batch loses: at each larger
    /// size, the scaled arms against the same-rate arm (Holm over the scaled arms, per
    /// measure), and the linear rule's validation jitter against the square-root rule's.
    func reportScaling(_ context: LessonContext, _ report: Report, epochs: Int, lastK k: Int) {
        let byArm = Array(zip(report.arms, report.runs))
        var sizes: [Int] = []
        for arm in report.arms.dropFirst() where !sizes.contains(arm.batchSize) { sizes.append(arm.batchSize) }
        for size in sizes {
            let atSize = byArm.filter { $0.0.batchSize == size }
            guard let same = atSize.first(where: { $0.0.scaling == .same })?.1 else { continue }
            let scaled = atSize.filter { $0.0.scaling != .same }
            guard !scaled.isEmpty else { continue }
            context.report()
            context.report(
                "Each scaled arm against \(same.label), paired over seeds, Holm over the \(scaled.count) scaled arms:")
            let comparisons = ComparisonsAgainstReference(
                scaled.map(\.1), against: same, measures: [Self.finalTest, Self.testAtBest])
            for line in comparisons.verdicts(caveatsByMeasure: Self.budgetNotes(same, epochs: epochs)) {
                context.report(line)
            }
            let rule = { (scaling: Scaling) in scaled.first { $0.0.scaling == scaling }?.1 }
            if let linear = rule(.linear), let squareRoot = rule(.squareRoot) {
                let jitter = Measure<NoiseRun>(
                    "validation jitter", quantity: "Validation jitter (last \(k) epochs)"
                ) { $0.estimate(\.validationJitter) }
                context.report(jitter.verdict(linear, against: squareRoot))
            }
        }
    }

    /// Per trained network, the least-squares slope of log(frozen loss std) against log(B).
    static func frozenSlope(_ runs: [SettingRuns<NoiseRun>], sizes: [Int]) -> Estimate {
        let x = sizes.map { log(Double($0)) }
        let meanX = x.reduce(0, +) / Double(x.count)
        return Estimate(
            runs.flatMap(\.runs).map { run in
                let y = run.frozenLossStd.map(log)
                let meanY = y.reduce(0, +) / Double(y.count)
                return zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
                    / x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
            })
    }
}
