import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_batchnorm

final class BatchNormLessonTests: XCTestCase {
    func testBiasBeforeBatchNormIsRedundant() {
        let (difference, gradient) = BatchNormLesson.biasRedundancy(random: Random(seed: 2))
        XCTAssertLessThan(difference, 1e-5)
        XCTAssertLessThan(gradient, 1e-4)
    }

    func testQuickRunShowsWhatBatchNormChanges() throws {
        let folder = try TemporaryFolder("batchnorm")
        defer { folder.remove() }
        let report = try BatchNormLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(report.runs.map(\.runs.count), [2, 2, 2, 2])
        // From N(0, 0.001²), without BatchNorm every seed is still at chance after 3 short
        // epochs and its loss never leaves the plateau; with BatchNorm every seed learns.
        let tiny = report.run("no BatchNorm, N(0, 0.001²) init"), tinyBN = report.run("BatchNorm, N(0, 0.001²) init")
        XCTAssertLessThan(tiny.lastEpochs(3, .validationAccuracy).max, 20)
        XCTAssertGreaterThan(tinyBN.lastEpochs(3, .validationAccuracy).min, 50)
        XCTAssertTrue(
            Difference(tinyBN.lastEpochs(3, .validationAccuracy), tiny.lastEpochs(3, .validationAccuracy)).isResolved)
        XCTAssertEqual(tiny.estimate(\.stepsToEscape).count, 0)
        XCTAssertEqual(tinyBN.estimate(\.stepsToEscape).count, 2)
        // With BatchNorm every pre-activation layer is centred and scaled on the training batch.
        let before = try XCTUnwrap(report.captured.before["BatchNorm"])
        XCTAssertEqual(before.count, 2)
        for layer in before {
            XCTAssertEqual(layer.activation.mean, 0, accuracy: 1e-4)
            XCTAssertEqual(layer.activation.std, 1, accuracy: 1e-2)
        }
        // The per-step percentiles were recorded for both default-initialized networks.
        for label in ["no BatchNorm", "BatchNorm"] {
            let tracker = try XCTUnwrap(report.captured.percentiles[label])
            XCTAssertGreaterThan(tracker.steps.count, 50)
            XCTAssertTrue(zip(tracker.percentiles[0], tracker.percentiles[2]).allSatisfy { $0 <= $1 })
        }
        // The largest learning rate of the sweep: without BatchNorm training fails, with it every
        // seed learns, by far more than the noise.
        let rate = report.sweepRates.max()!
        let without = report.sweep.first { $0.label == BatchNormLesson.sweepLabel(rate, batchNorm: false) }!.estimate(
            \.finalValidation)
        let with = report.sweep.first { $0.label == BatchNormLesson.sweepLabel(rate, batchNorm: true) }!.estimate(
            \.finalValidation)
        XCTAssertLessThan(without.max, 30)
        XCTAssertGreaterThan(with.min, 50)
        // Evaluating with batch statistics on batches of 2 costs accuracy on every seed;
        // evaluation mode does not depend on the batch size.
        let batchNorm = report.run("BatchNorm")
        for (batch, running) in zip(
            batchNorm.runs.map { $0.batchStatisticsAccuracy[2]! },
            batchNorm.runs.map { $0.runningEstimatesAccuracy[2]! })
        {
            XCTAssertLessThan(batch, running - 15)
        }
        for run in batchNorm.runs {
            XCTAssertEqual(Set(BatchNormLesson.inferenceBatchSizes.map { run.runningEstimatesAccuracy[$0]! }).count, 1)
        }
        XCTAssertEqual(batchNorm.runs.compactMap { $0.check(2) }.count, 2)
        // Switching only the dropout layers off leaves the first BatchNorm's input as it was
        // (no dropout before it): its batch statistics, and so the variance ratio, are the same.
        for run in batchNorm.runs {
            let first = try XCTUnwrap(run.check(1))
            XCTAssertEqual(first.varianceRatioTraining, first.varianceRatioInference)
        }
        // BatchNorm makes the output independent of the scale of the weights before it, so
        // every step grows ‖W‖; the larger the rate, the more it grows, and at the largest
        // rate the effective step η/‖W‖² of every BatchNorm layer ends smaller than it began.
        let smallest = report.sweepRun(report.sweepRates.min()!, batchNorm: true).runs
        let largest = report.sweepRun(rate, batchNorm: true).runs
        for (small, large) in zip(smallest, largest) {
            let (end, start) = (try XCTUnwrap(large.endNorms), large.startNorms)
            for layer in [0, 1] {
                XCTAssertGreaterThan(end[layer], 1.5 * start[layer])
                XCTAssertGreaterThan(
                    end[layer] / start[layer], try XCTUnwrap(small.endNorms)[layer] / small.startNorms[layer])
            }
        }
        // The report prints the pre-activations' mean / std per layer (the figure legend's
        // numbers): with BatchNorm, exactly 0 and 1 at initialization in both layers.
        let results = try LessonResults.read(folder.file("batchnorm-results.json"))
        let preActivations = try XCTUnwrap(results.tables?.first { $0.table.title.hasPrefix("What enters each ReLU") })
        let initialized = try XCTUnwrap(preActivations.table.rows.first { $0[0] == "BatchNorm, at initialization" })
        XCTAssertTrue(initialized.dropFirst().allSatisfy { $0.hasSuffix("0.00 / 1.00") }, "\(initialized)")
        // The escape is judged on full windows only, so no run escapes before the window's last step.
        for setting in report.runs {
            XCTAssertTrue(
                setting.runs.compactMap(\.stepsToEscape).allSatisfy { $0 >= Double(BatchNormLesson.lossWindow) })
        }
        // The steps, the generalization gap, the two initializations with BatchNorm and the
        // batch-statistics mistake at large batches are verdicts the data files give.
        for prefix in [
            "With BatchNorm, steps until", "From the default init, steps until", "Gap (last 3 epochs)",
            "BatchNorm test accuracy at evaluation batch 128", "BatchNorm test accuracy at evaluation batch 1000",
        ] {
            XCTAssertTrue(
                (results.verdicts ?? []).contains { $0.wording.quantity.hasPrefix(prefix) && $0.isDerivable }, prefix)
        }
        XCTAssertTrue(
            (results.verdicts ?? []).contains {
                $0.wording.a == "BatchNorm" && $0.wording.b == "BatchNorm, N(0, 0.001²) init" && $0.isDerivable
            })
        // Every sweep network still improving after the sweep's epochs is noted beside its rate's verdict.
        for rate in report.sweepRates {
            let line = try XCTUnwrap(results.report.first { $0.hasPrefix("Learning rate \(rate), validation") })
            for batchNorm in [true, false] {
                let setting = report.sweepRun(rate, batchNorm: batchNorm)
                if let note = setting.convergenceNote(budget: BatchNormLesson.sweepEpochs) {
                    XCTAssertTrue(line.contains(note), line)
                }
            }
        }
        XCTAssertTrue(results.report.contains { $0.hasPrefix("85th percentile of the BatchNorm unit's ReLU input") })
        XCTAssertEqual(DataCheck.problems(lesson: "batchnorm", folder: folder.path), [])
        for file in [
            "curves.png", "stall.png", "percentiles.png", "preactivations.png", "learning-rates.png", "inference.png",
            "results.json", "runs.csv",
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("batchnorm-\(file)")), file)
        }
    }

    func testRunningAverageOverFullWindowsStartsAtTheWindowsLastStep() {
        let values = [4.0, 2, 3, 1, 0]
        XCTAssertEqual(StandardPanels.runningAverage(values, window: 2), [4, 3, 2.5, 2, 0.5])
        XCTAssertEqual(StandardPanels.runningAverage(values, window: 2, fullWindowsOnly: true), [3, 2.5, 2, 0.5])
        XCTAssertEqual(StandardPanels.runningAverage([1], window: 2, fullWindowsOnly: true), [])
    }

    func testEscapeOverFullWindowsIgnoresAnEarlyLowLoss() {
        // The first loss alone is below the level; the first full window of 3 only at step 5.
        var history = History()
        history.minibatchLosses = [1, 3, 3, 1, 1]
        XCTAssertEqual(StandardPanels.escapeStep(history, window: 3, below: 2), 1)
        XCTAssertEqual(StandardPanels.escapeStep(history, window: 3, below: 2, fullWindowsOnly: true), 5)
        XCTAssertNil(StandardPanels.escapeStep(history, window: 3, below: 1, fullWindowsOnly: true))
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--dropout", "1"], ["--dropout", "nan"], ["--dropout", "-0.1"], ["--learning-rate", "-1"],
            ["--learning-rate", "0"],
            ["--learning-rate", "nan"], ["--learning-rate", "inf"], ["--sweep", "0.1,inf"], ["--sweep", "0"],
            ["--sweep", "x"],
            ["--train-size", "-1"], ["--train-size", "10000000"], ["--epochs", "0"], ["--seeds", "0"],
            ["--threads", "4294967296"],
        ] {
            XCTAssertThrowsError(try BatchNormLesson.parse(bad), "\(bad)")
        }
    }
}
