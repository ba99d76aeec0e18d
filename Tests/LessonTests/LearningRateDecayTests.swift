import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_lr_decay

final class LearningRateDecayTests: XCTestCase {
    func testQuickRun() throws {
        let folder = try TemporaryFolder("lr-decay")
        defer { folder.remove() }
        let outcomes = try LearningRateDecayLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        let byLabel = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.label, $0) })
        let constant = byLabel["constant (no decay)"]!, exponential = byLabel["exponential, k = 0.1"]!
        let aggressive = byLabel["too aggressive: exponential, k = 1"]!
        // The recorded rates are the schedule's: η₀·e^(−0.1t).
        for record in exponential.history.epochs {
            XCTAssertEqual(record.learningRate, 0.1 * Float(exp(-0.1 * Double(record.epoch - 1))), accuracy: 1e-7)
        }
        // Decay damps the jumps of the late epochs; decaying too fast stops learning early.
        let step = outcomes.first { $0.label.hasPrefix("step") }!
        XCTAssertLessThan(step.lateValidationSpread, constant.lateValidationSpread)
        XCTAssertLessThan(aggressive.history.last!.validationAccuracy!, constant.history.last!.validationAccuracy! - 0.03)
        XCTAssertLessThan(aggressive.history.last!.learningRate, 0.001)
        for figure in ["schedules", "curves"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("lr-decay-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--learning-rate", "0"], ["--train-size", "10"]] {
            XCTAssertThrowsError(try LearningRateDecayLesson.parse(bad), "\(bad)")
        }
    }
}
