import Foundation
import LessonKit

extension BatchNormLesson {
    /// The mean and standard deviation of what enters each ReLU on the first seed's probe
    /// batch, before and after training: the numbers in the pre-activation figure's legend.
    func reportPreActivations(_ context: LessonContext, _ captured: Captured) {
        let images = captured.before.values.first?.first?.output.rows ?? 0
        var table = SummaryTable(
            title:
                "What enters each ReLU on one batch of \(images) training images (first seed): mean and standard deviation per hidden layer",
            header: ["network", "layer 1 mean / std", "layer 2 mean / std"])
        for label in ["no BatchNorm", "BatchNorm"] {
            for (moment, layers) in [
                ("at initialization", captured.before[label]), ("after training", captured.after[label]),
            ] {
                guard let layers else { continue }
                table.add(
                    ["\(label), \(moment)"]
                        + layers.map { String(format: "%.2f / %.2f", $0.activation.mean, $0.activation.std) })
            }
        }
        context.report(table)
        // How far the 85th percentile of the BatchNorm unit sits from a standard normal's +1.04
        // once training has settled: the figure's second half, as numbers.
        if let tracker = captured.percentiles["BatchNorm"], let lastStep = tracker.steps.last {
            let secondHalf = zip(tracker.steps, tracker.percentiles[2]).filter { $0.0 > lastStep / 2 }.map(\.1)
            if let low = secondHalf.min(), let high = secondHalf.max() {
                context.report(
                    String(
                        format:
                            "85th percentile of the BatchNorm unit's ReLU input (percentile figure, first seed) over the second half of training (steps %.0f–%.0f): mean %.2f, range %.2f to %.2f",
                        lastStep / 2, lastStep, secondHalf.reduce(0, +) / Double(secondHalf.count), low, high))
            }
        }
    }

    /// Step 4: the tables, and every comparison against its seed-to-seed noise.
    func reportSummary(_ context: LessonContext, _ report: Report, epochs: Int, trainCount: Int, testCount: Int) {
        let k = Self.lastK, seeds = context.seeds.count
        context.report()
        let afterFirstEpoch = Measure<NormRun>(
            "validation, epoch 1", quantity: "Validation accuracy after epoch 1"
        ) { $0.atEpoch(1, .validationAccuracy) }
        let lastValidation = Measure<NormRun>.validationAccuracy(lastEpochs: k)
        context.report(
            SummaryTable(
                title:
                    "784→128→64→10, dropout \(dropout.value), SGD lr \(learningRate.value), batch \(Self.batchSize), \(trainCount) training images, \(epochs) epochs, \(seeds) seeds (accuracy in %, mean ± std; last \(k) = mean of the last \(k) epochs)",
                settings: report.runs,
                columns: [
                    .measure(afterFirstEpoch), .measure(.lastEpochs(k, .trainAccuracy, "train")),
                    .measure(lastValidation),
                    .measure(.bestValidation),
                    .measure(.finalTest), .stillImproving(budget: epochs),
                    TableColumn("steps to loss < 2") { setting in
                        let escape = setting.estimate(\.stepsToEscape)
                        return escape.count == setting.runs.count
                            ? escape.formatted(decimals: 1) : "\(escape.count) of \(setting.runs.count) seeds"
                    },
                ], settingHeader: "network"))
        for (a, b) in [
            ("BatchNorm", "no BatchNorm"), ("BatchNorm, N(0, 0.001²) init", "no BatchNorm, N(0, 0.001²) init"),
            ("BatchNorm", "BatchNorm, N(0, 0.001²) init"),
        ] {
            let (runsA, runsB) = (report.run(a), report.run(b))
            context.report(afterFirstEpoch.verdict(runsA, against: runsB))
            // The end-of-budget verdicts say which arm was still improving when the budget ran out.
            let notConverged = [runsA, runsB].compactMap { $0.convergenceNote(budget: epochs) }
            for measure in [lastValidation, .finalTest] {
                context.report(measure.verdict(runsA, against: runsB, caveats: notConverged))
            }
        }
        // BatchNorm widens the gap between training and validation accuracy.
        context.report(
            Measure<NormRun>.lastEpochs(k, .gap, "gap").verdict(
                report.run("BatchNorm"), against: report.run("no BatchNorm")))
        let escape =
            "steps until the mean loss of the last \(Self.lossWindow) steps (counted from step \(Self.lossWindow) on) falls below \(Self.escapeLoss)"
        let steps = { report.run($0).estimate(\.stepsToEscape) }
        // Differences of a few steps get one decimal; the tiny-init stall is counted in whole steps.
        for (a, b, first, second, quantity, decimals) in [
            ("no BatchNorm", "BatchNorm", "no BatchNorm", "BatchNorm", "From the default init, ", 1),
            (
                "no BatchNorm, N(0, 0.001²) init", "BatchNorm, N(0, 0.001²) init", "no BatchNorm", "BatchNorm",
                "From N(0, 0.001²), ", 0
            ),
            (
                "BatchNorm, N(0, 0.001²) init", "BatchNorm", "N(0, 0.001²) init", "the default init",
                "With BatchNorm, ", 1
            ),
        ] where steps(a).count == seeds && steps(b).count == seeds {
            context.report(
                Difference(steps(a), steps(b)).verdict(
                    first, second, quantity: quantity + escape, unit: " steps", decimals: decimals))
        }

        context.report()
        reportPreActivations(context, report.captured)

        context.report()
        var sweep = SummaryTable(
            title:
                "Learning-rate sweep: validation accuracy (%) after \(Self.sweepEpochs) epochs, \(seeds) seeds (a diverged run counts as 10 %)",
            header: ["learning rate", "no BatchNorm", "BatchNorm", "diverged without / with BN"])
        for rate in report.sweepRates {
            let (without, with) = (report.sweepRun(rate, batchNorm: false), report.sweepRun(rate, batchNorm: true))
            sweep.add([
                "\(rate)", without.estimate(\.finalValidation).formatted(),
                with.estimate(\.finalValidation).formatted(),
                "\(without.estimate(\.divergedEpoch).count) / \(with.estimate(\.divergedEpoch).count)",
            ])
        }
        context.report(sweep)
        let sweepHolm = report.sweepComparisons
        context.report("Holm-corrected over the \(report.sweepRates.count) learning rates:")
        for (index, rate) in report.sweepRates.enumerated() {
            // A network still improving at the end of the short sweep budget is noted beside its rate.
            let notConverged = [true, false].compactMap {
                report.sweepRun(rate, batchNorm: $0).convergenceNote(budget: Self.sweepEpochs)
            }
            context.report(
                sweepHolm.verdict(
                    index, "BatchNorm", "no BatchNorm",
                    quantity: "Learning rate \(rate), validation after \(Self.sweepEpochs) epochs",
                    caveats: notConverged))
        }
        context.report()
        var norms = SummaryTable(
            title:
                "BatchNorm networks of the sweep: ‖W‖ of the Linear feeding each BatchNorm and the effective step η/‖W‖², at the start → after \(Self.sweepEpochs) epochs (mean ± std over the seeds that did not diverge)",
            header: ["learning rate", "‖W₁‖", "η/‖W₁‖²", "‖W₂‖", "η/‖W₂‖²"])
        for rate in report.sweepRates {
            let runs = report.sweepRun(rate, batchNorm: true).runs.filter { $0.endNorms != nil }
            guard !runs.isEmpty else { norms.add(["\(rate)", "diverged", "–", "–", "–"]); continue }
            norms.add(
                ["\(rate)"]
                    + [0, 1].flatMap { layer -> [String] in
                        let start = Estimate(runs.map { $0.startNorms[layer] }),
                            end = Estimate(runs.map { $0.endNorms![layer] })
                        let step = { (norm: Estimate) in Estimate(norm.values.map { Double(rate) / ($0 * $0) }) }
                        return [
                            "\(start.formatted(decimals: 1)) → \(end.formatted(decimals: 1))",
                            "\(step(start).formatted(decimals: 4)) → \(step(end).formatted(decimals: 4))",
                        ]
                    })
        }
        context.report(norms)

        context.report()
        let batchNorm = report.run("BatchNorm")
        var inference = SummaryTable(
            title:
                "Test accuracy (%) of the trained BatchNorm networks by evaluation batch size (\(testCount) test images, \(seeds) seeds)",
            header: ["batch size", "batch statistics (training mode)", "running estimates (evaluation mode)"])
        for size in Self.inferenceBatchSizes where size <= testCount {
            inference.add([
                "\(size)", Estimate(batchNorm.runs.compactMap { $0.batchStatisticsAccuracy[size] }).formatted(),
                Estimate(batchNorm.runs.compactMap { $0.runningEstimatesAccuracy[size] }).formatted(),
            ])
        }
        context.report(inference)
        // The mistake pays off at large evaluation batches: batch statistics against the running estimates.
        for size in Self.inferenceBatchSizes.suffix(2) where size <= testCount {
            let column = { (name: String) in
                batchNorm.estimate(
                    column: NormRun.columns.first { $0.name == "test_accuracy_\(name)_batch_\(size)_pct" }!)
            }
            context.report(
                Difference(column("batch_statistics"), column("running_estimates")).verdict(
                    "batch statistics", "running estimates",
                    quantity: "BatchNorm test accuracy at evaluation batch \(size)"))
        }
        var running = SummaryTable(
            title:
                "Running estimates after training vs the statistics of each BatchNorm's input over up to 10,000 training images (\(seeds) seeds)",
            header: [
                "BatchNorm", "mean |error| of the mean (in stds)", "running/actual variance, dropout on",
                "running/actual variance, dropout off",
            ])
        for layer in [1, 2] {
            let checks = batchNorm.runs.compactMap { $0.check(layer) }
            running.add([
                "\(layer)", Estimate(checks.map { Double($0.meanError) }).formatted(decimals: 3),
                Estimate(checks.map { Double($0.varianceRatioTraining) }).formatted(decimals: 3),
                Estimate(checks.map { Double($0.varianceRatioInference) }).formatted(decimals: 3),
            ])
        }
        context.report(running)
    }
}
