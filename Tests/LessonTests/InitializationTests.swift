import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_initialization

final class InitializationTests: XCTestCase {
    func testQuickRunShowsSymmetryScaleAndVariancePreservation() throws {
        let folder = try TemporaryFolder("initialization")
        defer { folder.remove() }
        let lesson = try InitializationLesson.parse(["--quick", "--quiet", "--output", folder.path])
        let report = try lesson.perform()

        // Equal weights stay equal on every seed: no spread across units before, and after
        // training at most 10⁻³ of the weights' size (float rounding differs between CPUs),
        // while a random init's units differ by a spread of order their size.
        let constant = report.symmetry[0], random = report.symmetry[1]
        XCTAssertEqual(constant.runs.count, 2)
        XCTAssertEqual(Estimate(constant.runs.map { $0.spreadBefore[0] }).max, 0)
        XCTAssertEqual(Estimate(constant.runs.map { $0.spreadBefore[1] }).max, 0)
        for layer in [1, 2] {
            XCTAssertLessThanOrEqual(
                Estimate(constant.runs.map { $0.relativeSpreadAfter[layer - 1] }).max,
                InitializationLesson.symmetryTolerance)
            XCTAssertGreaterThan(Estimate(random.runs.map { $0.spreadAfter[layer - 1] }).min, 0.01)
            XCTAssertGreaterThan(Estimate(random.runs.map { $0.relativeSpreadAfter[layer - 1] }).min, 0.3)
        }

        // He keeps a deep ReLU net's activations at scale; PyTorch's default and N(0, 0.001²)
        // let them vanish; N(0, 1) makes them explode: on every seed.
        XCTAssertTrue((0.3...3).contains(report.signalRatio(.relu, "He normal").min))
        XCTAssertTrue((0.3...3).contains(report.signalRatio(.relu, "He normal").max))
        // PyTorch's default draws the biases too: they keep the activations' std up, while the
        // part that depends on the input (the spread over the batch) vanishes.
        XCTAssertGreaterThan(report.signalRatio(.relu, "PyTorch default").min, 0.05)
        XCTAssertLessThan(report.spreadRatio(.relu, "PyTorch default").max, 0.01)
        XCTAssertLessThan(report.signalRatio(.relu, "N(0, 0.001²)").max, 1e-10)
        XCTAssertGreaterThan(report.signalRatio(.relu, "N(0, 1)").min, 1e4)
        XCTAssertTrue((0.2...2).contains(report.signalRatio(.tanh, "Xavier normal").mean))
        // The predicted factor per ReLU layer: measured within a factor 2 of (factor)^(depth−1)
        // (for the default, whose biases are drawn, on the spread over the batch).
        for name in ["Xavier normal", "He normal", "PyTorch default"] {
            let scheme = InitializationLesson.variancePreserving.first { $0.name == name }!
            let predicted = pow(lesson.predictedReLUFactor(scheme)!, 9)
            let ratio = name == "PyTorch default" ? report.spreadRatio(.relu, name) : report.signalRatio(.relu, name)
            for measured in ratio.values {
                XCTAssertTrue(
                    measured > predicted / 2 && measured < predicted * 2, "\(name): \(measured) vs \(predicted)")
            }
        }
        XCTAssertEqual(
            lesson.predictedReLUFactor(InitializationLesson.variancePreserving[1])!, 0.5.squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(
            lesson.predictedReLUFactor(InitializationLesson.variancePreserving[4])!, 1 / 6.0.squareRoot(),
            accuracy: 1e-6)

        let runs = Dictionary(uniqueKeysWithValues: report.runs.map { ($0.label, $0) })
        XCTAssertEqual(runs["N(0, 1)"]!.estimate(\.divergedEpoch).values, [1, 1], "diverges in epoch 1 on every seed")
        XCTAssertLessThan(runs["N(0, 0.001²)"]!.lastEpochs(2, .validationAccuracy).max, 20, "stalls at chance")
        XCTAssertLessThan(runs["PyTorch default"]!.lastEpochs(2, .validationAccuracy).max, 20, "stalls at chance")
        XCTAssertGreaterThan(runs["He normal"]!.lastEpochs(2, .validationAccuracy).min, 30)
        XCTAssertEqual(report.updateRatios.first?.1.count, 30)
        // Slow convergence: on every seed the default init leaves the plateau first, N(0, 0.01²)
        // hundreds of steps later, N(0, 0.001²) later still (not within the quick run).
        let slow = report.slow.map { $0.estimate(\.stepsToEscape) }
        XCTAssertEqual(slow[0].count, 2)
        XCTAssertEqual(slow[1].count, 2)
        XCTAssertLessThan(slow[0].max * 3, slow[1].min)
        XCTAssertTrue(slow[2].count == 0 || slow[2].min > slow[1].max, "\(slow)")
        // The gain sweep: the mean-field prediction of layer 10's std holds within 25 % at every
        // gain; ReLU's signal collapses below √2 and explodes above it, tanh's stays below 1.
        for (index, setting) in report.gainSweep.enumerated() {
            for measured in setting.estimate(\.lastLayerStd).values {
                XCTAssertEqual(measured / report.predictedGainStd[index].last, 1, accuracy: 0.25, setting.label)
            }
        }
        let relu = report.gainSweep.filter { $0.label.hasPrefix("relu") }.map { $0.estimate(\.lastLayerStd).mean }
        XCTAssertLessThan(relu[1], 0.05, "relu, gain 1")
        XCTAssertTrue((0.1...3).contains(relu[2]), "relu, gain √2: \(relu[2])")
        XCTAssertGreaterThan(relu[5], 100, "relu, gain 3")
        // He against Xavier after the first epoch, and tanh's gains √2, 5/3 and 2 against each
        // other: verdicts that --check recomputes from the data files.
        let results = try LessonResults.read(folder.file("initialization-results.json"))
        let verdicts = results.verdicts ?? []
        XCTAssertTrue(
            verdicts.contains {
                $0.wording.quantity == "Validation accuracy after epoch 1" && $0.wording.a == "He normal"
                    && $0.wording.b == "Xavier normal" && $0.isDerivable
            })
        for (a, b) in [("1.67", "1.41"), ("2", "1.41"), ("2", "1.67")] {
            XCTAssertTrue(
                verdicts.contains {
                    $0.wording.a == "tanh, gain \(a)" && $0.wording.b == "tanh, gain \(b)" && $0.isDerivable
                }, "tanh \(a) vs \(b)")
        }
        // The update-to-data figure in numbers: one line per init with layers 1, 6 and 11.
        let updateLines = results.report.filter {
            $0.hasPrefix("  ") && $0.contains("layer 1 ") && $0.contains("layer 11 ")
        }
        XCTAssertEqual(updateLines.count, report.updateRatios.count)
        // The signal figure's columns share one scale only if its four plot areas are equally
        // tall: one key for the figure, and the same room below every panel.
        let signalPanels = lesson.signalFigure(report.profiles[0]).panels
        XCTAssertEqual(signalPanels.filter { $0.legend != .hidden }.count, 1)
        XCTAssertEqual(Set(signalPanels.map(\.bottomMargin)).count, 1)
        XCTAssertNotNil(signalPanels[0].bottomMargin)
        XCTAssertEqual(DataCheck.problems(lesson: "initialization", folder: folder.path), [])
        for file in [
            "signal.png", "xavier-vs-he.png", "histograms.png", "training.png", "update-ratio.png",
            "slow-convergence.png", "gain-sweep.png",
            "results.json", "runs.csv",
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("initialization-\(file)")), file)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--depth", "0"], ["--depth", "51"], ["--width", "1"], ["--width", "1e6"], ["--width", "1000000"],
            ["--width", "1025"], ["--width", "-5"],
            ["--epochs", "-1"], ["--epochs", "0"], ["--seeds", "0"], ["--threads", "4294967296"],
        ] {
            XCTAssertThrowsError(try InitializationLesson.parse(bad), "\(bad)")
        }
    }
}

extension InitializationTests {
    func testFewImages() throws {
        try withFewImages(enough: (100, 5), tooFew: (20, 5)) { enough, tooFew in
            XCTAssertNoThrow(try InitializationLesson.parse(enough).perform())
            XCTAssertThrowsError(try InitializationLesson.parse(tooFew).perform()) { error in
                XCTAssertTrue(
                    "\(error)".contains("lesson-initialization needs at least 72 images in the training file"),
                    "\(error)")
            }
        }
    }
}
