import Engine
import Foundation
import LessonKit

extension EarlyStoppingLesson {
    /// How much the unstopped run's test accuracy moves over the last epochs it averages: the
    /// mean absolute change from one epoch to the next per run (its range over the runs) and
    /// the largest span within a run, from the test accuracies of `<lesson>-runs.csv`.
    func reportLateSwings(_ context: LessonContext, _ continued: SettingRuns<StoppingRun>) {
        let k = Self.lastK
        let swings = Self.lateSwings(continued.runs.map(\.history), lastEpochs: k)
        guard let smallest = swings.map(\.meanChange).min(), let largest = swings.map(\.meanChange).max(),
            let span = swings.map(\.span).max()
        else { return }
        context.report(
            String(
                format:
                    "Without stopping, over the last %d epochs the test accuracy changes by %.2f to %.2f points from one epoch to the next (mean absolute change, per run) and spans at most %.2f points within a run.",
                k, smallest, largest, span))
    }

    /// Whether the unstopped run's accuracy is still rising at the end of its budget: its last
    /// `lastK` epochs against the `lastK` epochs that end 20 epochs earlier, paired over seeds,
    /// for validation and test accuracy. A rise says that the accuracy verdict against the
    /// restored weights is at this budget.
    func reportLateGain(_ context: LessonContext, _ continued: SettingRuns<StoppingRun>, epochs: Int) {
        let k = Self.lastK
        let late = (epochs - k + 1)...epochs, earlier = (epochs - k - 19)...(epochs - 20)
        guard earlier.lowerBound >= 1 else { return }
        for (metric, quantity) in [
            (EpochMetric.validationAccuracy, "Validation accuracy without stopping"),
            (.testAccuracy, "Test accuracy without stopping"),
        ] {
            context.report(
                Difference(continued.window(late, metric), continued.window(earlier, metric)).verdict(
                    "epochs \(late.lowerBound)–\(late.upperBound)",
                    "epochs \(earlier.lowerBound)–\(earlier.upperBound)",
                    quantity: quantity))
        }
    }

    /// Per run with at least two test accuracies in its last `k` epochs: the mean absolute
    /// change (points) from one of those epochs to the next, and their largest minus smallest.
    static func lateSwings(_ histories: [History], lastEpochs k: Int) -> [(meanChange: Double, span: Double)] {
        histories.compactMap { history in
            let accuracies = history.epochs.suffix(k).compactMap(EpochMetric.testAccuracy.value)
            guard accuracies.count > 1, let low = accuracies.min(), let high = accuracies.max() else { return nil }
            let changes = zip(accuracies.dropFirst(), accuracies).map { abs($0 - $1) }
            return (changes.reduce(0, +) / Double(changes.count), high - low)
        }
    }

    /// Where the validation loss bottomed out and where patience stopped, the checkpoint
    /// round trip, and the test set under the four sets of weights, with the restored best
    /// weights against the unstopped run's last epochs.
    func reportSummary(_ context: LessonContext, report: Report, testCount: Int) {
        let stopping = report.stopping, continued = report.continued, k = Self.lastK
        let stops = stopping.estimate(\.stoppedEpoch).values.filter { $0 > 0 }.count
        let restoredGap = Estimate(
            zip(stopping.estimate(\.restoredValidationLoss).values, stopping.estimate(\.bestValidationLoss).values).map
            { abs($0 - $1) })
        context.report(
            "Over \(context.seeds.count) seeds (mean ± std): validation loss lowest before the stop after epoch \(stopping.estimate(\.bestEpoch).formatted(decimals: 1)); patience \(patience) ran out in \(stops) of \(stopping.runs.count) runs, stopping after epoch \(stopping.estimate(\.stoppedEpoch).formatted(decimals: 1)) of at most \(report.maximumEpochs)."
        )
        // The run without stopping is the same run up to the stop, so its whole curve shows
        // whether the validation loss would have fallen lower after patience ran out.
        let globalMinima = continued.runs.map {
            Convergence.bestEpoch($0.history, metric: .validationLoss, lowerIsBetter: true) ?? 0
        }
        let early = zip(stopping.runs, globalMinima).filter { run, minimum in (run.stop?.bestEpoch ?? minimum) < minimum
        }.count
        context.report(
            "Patience \(patience) stopped before the run's lowest validation loss over all \(report.maximumEpochs) epochs in \(early) of \(stopping.runs.count) seeds (over all \(stopping.runs.count) seeds, that lowest came after epoch \(Estimate(globalMinima.map(Double.init)).formatted(decimals: 1)))."
        )
        context.report(
            String(
                format:
                    "Best weights saved to a checkpoint file and loaded back: validation loss equals the best epoch's to within %.1e in every run.",
                restoredGap.max))
        context.report(
            "The run without stopping reaches its highest validation *accuracy* after epoch \(Estimate(continued.bestValidationEpochs.compactMap { $0.map(Double.init) }).formatted(decimals: 1)) of \(report.maximumEpochs)."
        )
        // The unstopped run is the stopped one up to the stop, so replaying the rule on its
        // validation accuracy shows where stopping on accuracy, at the same patience, would end.
        let accuracyStops = continued.patienceStopEpochs(.validationAccuracy, patience: patience, higherIsBetter: true)
        context.report(
            "Patience \(patience) on validation accuracy (the same rule replayed on the unstopped runs) would stop after epoch \(Estimate(accuracyStops.map(Double.init)).formatted(decimals: 1))."
        )
        context.report()
        var table = SummaryTable(
            title: "Test set (\(testCount) images), mean ± std over \(context.seeds.count) seeds",
            header: ["weights", "epoch", "test loss", "test accuracy (%)"])
        func add(_ weights: String, epoch: SummaryTable.Cell, loss: Estimate, accuracy: Estimate) {
            table.add([.text(weights), epoch, .estimate(loss, decimals: 4), .estimate(accuracy)])
        }
        add(
            "best (restored from checkpoint)", epoch: .estimate(stopping.estimate(\.bestEpoch), decimals: 1),
            loss: stopping.testLoss, accuracy: stopping.testAccuracy)
        add(
            "last before stopping",
            epoch: .estimate(stopping.estimate(\.epochsTrained), decimals: 1),
            loss: stopping.estimate(\.lastTestLoss), accuracy: stopping.estimate(\.lastTestAccuracy))
        add(
            "no stopping, mean of the last \(k) epochs",
            epoch: .text("\(report.maximumEpochs - k + 1)–\(report.maximumEpochs)"),
            loss: continued.lastEpochs(k, .testLoss), accuracy: continued.lastEpochs(k, .testAccuracy))
        add(
            "no stopping, last epoch only", epoch: .text("\(report.maximumEpochs)"), loss: continued.testLoss,
            accuracy: continued.testAccuracy)
        context.report(table)
        reportLateSwings(context, continued)
        reportLateGain(context, continued, epochs: report.maximumEpochs)
        context.report()
        let a = "restored best weights", b = "no stopping (last \(k) epochs)"
        context.report(
            Difference(stopping.testLoss, continued.lastEpochs(k, .testLoss))
                .verdict(a, b, quantity: "Test loss", unit: "", decimals: 4))
        context.report(
            Difference(stopping.testAccuracy, continued.lastEpochs(k, .testAccuracy))
                .verdict(a, b, quantity: "Test accuracy"))
    }
}
