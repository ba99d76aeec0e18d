import Engine
import Foundation
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
        let accuracy = report.outcomes.map { $0.history.last!.validationAccuracy! }
        // BatchNorm trains faster, and rescues the tiny initialization that stalls without it.
        XCTAssertGreaterThan(accuracy[1], accuracy[0])
        XCTAssertLessThan(accuracy[2], 0.2)
        XCTAssertGreaterThan(accuracy[3], 0.5)
        // With BatchNorm every pre-activation layer is centred and scaled on the training batch.
        for layer in report.outcomes[1].before {
            XCTAssertEqual(layer.activation.mean, 0, accuracy: 1e-4)
            XCTAssertEqual(layer.activation.std, 1, accuracy: 1e-2)
        }
        // Evaluating with batch statistics on tiny batches costs accuracy; evaluation mode
        // does not depend on the batch size.
        let rows = report.smallBatchAccuracy
        XCTAssertLessThan(rows[0].batchStatistics, rows[0].running - 0.15)
        XCTAssertEqual(Set(rows.map(\.running)).count, 1)
        XCTAssertEqual(report.runningChecks.count, 2)
        for figure in ["curves", "preactivations", "inference"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("batchnorm-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--dropout", "1"], ["--learning-rate", "-1"]] {
            XCTAssertThrowsError(try BatchNormLesson.parse(bad), "\(bad)")
        }
    }
}
