import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_initialization

final class InitializationTests: XCTestCase {
    func testQuickRunShowsSymmetryScaleAndVariancePreservation() throws {
        let folder = try TemporaryFolder("initialization")
        defer { folder.remove() }
        let report = try InitializationLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()

        // Equal weights stay equal: no spread across units before or after training.
        let constant = report.symmetry[0], random = report.symmetry[1]
        XCTAssertEqual(constant.spreadBefore, [0, 0])
        XCTAssertTrue(constant.spreadAfter.allSatisfy { $0 < 1e-6 }, "\(constant.spreadAfter)")
        XCTAssertTrue(random.spreadAfter.allSatisfy { $0 > 0.01 })

        func ratio(_ activation: Activation, _ name: String) -> Float {
            let profile = report.profiles.first { $0.activation == activation && $0.scheme.name == name }!
            return profile.layers.last!.activation.std / profile.layers.first!.activation.std
        }
        // He keeps a deep ReLU net's activations at scale; PyTorch's default and N(0, 0.001²)
        // let them vanish; N(0, 1) makes them explode.
        XCTAssertTrue((0.3...3).contains(ratio(.relu, "He normal")))
        XCTAssertLessThan(ratio(.relu, "PyTorch default"), 0.01)
        XCTAssertLessThan(ratio(.relu, "N(0, 0.001²)"), 1e-10)
        XCTAssertGreaterThan(ratio(.relu, "N(0, 1)"), 1e4)
        XCTAssertTrue((0.2...2).contains(ratio(.tanh, "Xavier normal")))

        let runs = Dictionary(uniqueKeysWithValues: report.runs.map { ($0.scheme.name, $0) })
        XCTAssertEqual(runs["N(0, 1)"]?.divergedEpoch, 1)
        XCTAssertLessThan(runs["N(0, 0.001²)"]!.history.last!.validationAccuracy!, 0.2, "stalls at chance")
        XCTAssertGreaterThan(runs["He normal"]!.history.last!.validationAccuracy!, 0.35)
        XCTAssertEqual(report.updateRatios.first?.1.count, 30)
        for figure in ["signal", "histograms", "training", "update-ratio"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("initialization-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--depth", "0"], ["--width", "1"], ["--epochs", "-1"]] {
            XCTAssertThrowsError(try InitializationLesson.parse(bad), "\(bad)")
        }
    }
}
