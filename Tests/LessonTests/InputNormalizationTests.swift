import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_input_normalization

final class InputNormalizationTests: XCTestCase {
    func testQuickRunShowsTheNarrowValley() throws {
        let folder = try TemporaryFolder("input-normalization")
        defer { folder.remove() }
        let report = try InputNormalizationLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        // Standardized features allow a much larger stable step and get there far sooner;
        // centring alone or scaling alone leaves the valley narrower than standardizing both.
        let (rawFeatures, centred, scaled, normalized) = (
            report.features[0], report.features[1], report.features[2], report.features[3]
        )
        XCTAssertGreaterThan(normalized.descent.learningRate, 10 * rawFeatures.descent.learningRate)
        let normalizedSteps = try XCTUnwrap(normalized.steps)
        XCTAssertLessThan(normalizedSteps * 10, rawFeatures.steps ?? Int.max)
        XCTAssertLessThan(normalized.curvature.conditionNumber, 2)
        XCTAssertGreaterThan(rawFeatures.curvature.conditionNumber, 100)
        XCTAssertGreaterThan(centred.curvature.conditionNumber, 5 * scaled.curvature.conditionNumber)
        XCTAssertGreaterThan(scaled.curvature.conditionNumber, 2 * normalized.curvature.conditionNumber)
        // The curvature bounds the measured steps of every preparation, and the bound is
        // within a factor 3 (it is tight when the initial error lies along the slowest direction).
        for feature in report.features {
            let measured = Double(try XCTUnwrap(feature.steps, feature.preparation.label))
            let bound = try XCTUnwrap(feature.stepBound)
            XCTAssertLessThanOrEqual(measured, bound.rounded(.up), feature.preparation.label)
            XCTAssertLessThan(bound, 3 * max(measured, 1), feature.preparation.label)
        }
        // On images, over both seeds: at one learning rate raw pixels stay at chance while
        // [0, 1] and standardized pixels learn.
        XCTAssertEqual(report.imageRuns.map(\.runs.count), [2, 2, 2])
        let accuracy = report.imageRuns.map { $0.lastEpochs(3, .validationAccuracy) }
        XCTAssertLessThan(accuracy[0].max, 20)
        XCTAssertGreaterThan(accuracy[1].min, 40)
        XCTAssertGreaterThan(accuracy[2].min, 40)
        // At its own best learning rate (chosen on validation), raw input learns too, on the
        // test images the choice never saw: its failure above is a learning-rate effect, and
        // its best rate is over 100 times smaller.
        let raw = report.best("raw 0–255"), standardized = report.best("standardized")
        XCTAssertGreaterThan(raw.choice.test.min, 40)
        XCTAssertEqual(raw.choice.test.count, 2)
        XCTAssertLessThan(raw.rate * 100, standardized.rate)
        // Each scaling whose chosen rate is the grid's largest is compared with the grid's next
        // rate in a verdict that --check recomputes from the data files.
        let results = try LessonResults.read(folder.file("input-normalization-results.json"))
        let largest = try XCTUnwrap(report.gridRates.max())
        let next = try XCTUnwrap(report.gridRates.filter { $0 < largest }.max())
        for scaling in ["raw 0–255", "scaled to [0, 1]", "standardized"] where report.best(scaling).rate == largest {
            XCTAssertTrue(
                results.verdicts?.contains {
                    $0.wording.a == "\(scaling), lr \(largest)" && $0.wording.b == "\(scaling), lr \(next)"
                        && $0.isDerivable
                } ?? false, scaling)
        }
        // The best-rate test verdicts are at the grid's short budget: an arm still improving
        // there has its "not converged" note beside every verdict it is in.
        let gridEpochs = min(InputNormalizationLesson.gridEpochs, 2)
        for scaling in ["raw 0–255", "scaled to [0, 1]", "standardized"] {
            guard
                let note = report.gridRuns(scaling)[report.best(scaling).choice.index].convergenceNote(
                    budget: gridEpochs)
            else { continue }
            let verdicts = results.report.filter { $0.hasPrefix("Test: ") && $0.contains(scaling) }
            XCTAssertEqual(verdicts.count, 2, scaling)
            XCTAssertTrue(verdicts.allSatisfy { $0.contains(note) }, scaling)
        }
        XCTAssertTrue(results.report.contains { $0.contains("1/std² = ") })
        XCTAssertEqual(DataCheck.problems(lesson: "input-normalization", folder: folder.path), [])
        for file in [
            "surface.png", "excess-loss.png", "fashion-mnist.png", "learning-rates.png", "results.json", "runs.csv",
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("input-normalization-\(file)")), file)
        }
    }

    /// A scale ratio at the top of its range still finds a stable rate for the raw features.
    func testLargestScaleRatio() throws {
        let data = InputNormalizationLesson.problem(count: 200, scale: 10_000, random: Random(seed: 3))
        let descent = try InputNormalizationLesson.bestDescent(data, steps: 20)
        XCTAssertLessThan(descent.learningRate, 1e-7)
        XCTAssertTrue(descent.losses.allSatisfy(\.isFinite))
    }

    func testStandardizationCentresAndScalesEachFeature() {
        let data = InputNormalizationLesson.FeaturePreparation.all[3].apply(
            InputNormalizationLesson.problem(count: 500, scale: 10, random: Random(seed: 1)))
        for c in 0..<2 {
            let column = TensorStatistics(Matrix(rows: 500, cols: 1, (0..<500).map { data.inputs[$0, c] }))
            XCTAssertEqual(column.mean, 0, accuracy: 1e-4)
            XCTAssertEqual(column.std, 1, accuracy: 1e-3)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--scale-ratio", "0.5"], ["--scale-ratio", "inf"], ["--scale-ratio", "nan"], ["--scale-ratio", "-2"],
            ["--scale-ratio", "1e30"],
            ["--steps", "3"], ["--steps", "20001"], ["--steps", "2000000000"], ["--learning-rate", "0"],
            ["--learning-rate", "inf"], ["--rates", "0.1,nan"],
            ["--rates", ""], ["--epochs", "0"], ["--seeds", "0"], ["--threads", "4294967296"],
        ] {
            XCTAssertThrowsError(try InputNormalizationLesson.parse(bad), "\(bad)")
        }
    }
}

extension InputNormalizationTests {
    func testFewImages() throws {
        try withFewImages(enough: (12, 2), tooFew: (1, 1), extra: ["--steps", "10", "--rates", "0.01"]) {
            enough, tooFew in
            XCTAssertNoThrow(try InputNormalizationLesson.parse(enough).perform())
            XCTAssertThrowsError(try InputNormalizationLesson.parse(tooFew).perform()) { error in
                XCTAssertTrue("\(error)".contains("needs at least"), "\(error)")
            }
        }
    }
}
