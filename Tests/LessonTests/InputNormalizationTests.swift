import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_input_normalization

final class InputNormalizationTests: XCTestCase {
    func testQuickRunShowsTheNarrowValley() throws {
        let folder = try TemporaryFolder("input-normalization")
        defer { folder.remove() }
        let report = try InputNormalizationLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        // Standardized features allow a much larger stable step and get there far sooner.
        XCTAssertGreaterThan(report.normalized.learningRate, 10 * report.raw.learningRate)
        let normalizedSteps = try XCTUnwrap(report.normalizedSteps)
        XCTAssertLessThan(normalizedSteps * 10, report.rawSteps ?? Int.max)
        // On images: the same learning rate fails on raw pixels and works on normalized ones.
        let accuracy = report.imageRuns.map { $0.history?.last?.validationAccuracy ?? 0 }
        XCTAssertLessThan(accuracy[0], 0.2)
        XCTAssertGreaterThan(accuracy[2], 0.5)
        XCTAssertGreaterThan(accuracy[2], accuracy[1])
        for figure in ["surface", "fashion-mnist"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("input-normalization-\(figure).png")), figure)
        }
    }

    func testStandardizationCentresAndScalesEachFeature() {
        let data = InputNormalizationLesson.standardized(InputNormalizationLesson.problem(count: 500, scale: 10, random: Random(seed: 1)))
        for c in 0..<2 {
            let column = TensorStatistics(Matrix(rows: 500, cols: 1, (0..<500).map { data.inputs[$0, c] }))
            XCTAssertEqual(column.mean, 0, accuracy: 1e-4)
            XCTAssertEqual(column.std, 1, accuracy: 1e-3)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--scale-ratio", "0.5"], ["--steps", "3"]] {
            XCTAssertThrowsError(try InputNormalizationLesson.parse(bad), "\(bad)")
        }
    }
}
