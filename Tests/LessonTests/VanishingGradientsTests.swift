import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_vanishing_gradients

final class VanishingGradientsTests: XCTestCase {
    func testQuickRunMeasuresVanishingAndExplodingGradients() throws {
        let folder = try TemporaryFolder("vanishing")
        defer { folder.remove() }
        let report = try VanishingGradientsLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        let (sigmoid, tanh, relu) = (report.outcomes[0], report.outcomes[1], report.outcomes[2])
        XCTAssertEqual(sigmoid.atInitialization.count, 11)
        // Through ten sigmoid layers the first layer's gradient is orders of magnitude smaller
        // than the last one's (the 0.25¹⁰ bound at work); tanh with Xavier and ReLU with He keep
        // it within an order of magnitude.
        XCTAssertLessThan(sigmoid.attenuation, 1e-4)
        for outcome in [tanh, relu] { XCTAssertTrue((0.1...10).contains(outcome.attenuation), "\(outcome.attenuation)") }
        // The sigmoid network barely learns; the others do.
        XCTAssertLessThan(sigmoid.history.last!.validationAccuracy!, 0.2)
        XCTAssertGreaterThan(tanh.history.last!.validationAccuracy!, 0.5)
        // Scaling the weights scales the gradients by orders of magnitude, down or up.
        let layerOne = report.scaled.map { $0.norms[0] }
        XCTAssertEqual(layerOne, layerOne.sorted())
        XCTAssertLessThan(layerOne[0], layerOne[1] / 100)
        XCTAssertGreaterThan(layerOne[3], layerOne[1] * 100)
        XCTAssertEqual(VanishingGradientsLesson.sigmoidDerivative(0), 0.25)
        for figure in ["sigmoid", "gradients", "training", "exploding"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("vanishing-gradients-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--depth", "0"], ["--width", "0"], ["--learning-rate", "0"]] {
            XCTAssertThrowsError(try VanishingGradientsLesson.parse(bad), "\(bad)")
        }
    }
}
