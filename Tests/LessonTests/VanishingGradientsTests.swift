import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_vanishing_gradients

final class VanishingGradientsTests: XCTestCase {
    func testQuickRunMeasuresVanishingAndExplodingGradients() throws {
        let folder = try TemporaryFolder("vanishing")
        defer { folder.remove() }
        let report = try VanishingGradientsLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        let (sigmoid, tanh, relu) = (report.sigmoid, report.tanh, report.relu)
        XCTAssertEqual(report.runs.map(\.runs.count), [2, 2, 2])
        XCTAssertEqual(sigmoid.runs[0].initialNorms.count, 11, "ten hidden layers and the output layer")
        // Every seed: through ten sigmoid layers the first layer's gradient is orders of
        // magnitude smaller than the last one's; tanh + Xavier and ReLU + He keep it within
        // an order of magnitude.
        XCTAssertLessThan(sigmoid.estimate(\.attenuation).max, 1e-5)
        for setting in [tanh, relu] {
            let attenuation = setting.estimate(\.attenuation)
            XCTAssertTrue(attenuation.min > 0.1 && attenuation.max < 10, "\(setting.label): \(attenuation)")
        }
        // The sigmoid's per-layer factor matches 0.25·√n·σ_W = 1/(4√3) ≈ 1/6.93 within 15 %.
        XCTAssertEqual(report.predictedFactor, 0.25 / 3.0.squareRoot(), accuracy: 1e-6)
        for factor in sigmoid.estimate(\.factor).values {
            XCTAssertEqual(factor / report.predictedFactor, 1, accuracy: 0.15)
        }
        // The sigmoid network stays at chance on every seed; ReLU and tanh learn, by more than the noise.
        XCTAssertLessThan(sigmoid.lastEpochs(3, .validationAccuracy).max, 20)
        XCTAssertGreaterThan(tanh.lastEpochs(3, .validationAccuracy).min, 40)
        XCTAssertGreaterThan(relu.lastEpochs(3, .validationAccuracy).min, 25)
        // Weights × k scale every layer's gradient by k¹⁰ up to a factor of 5 (the softmax).
        for (index, scale) in VanishingGradientsLesson.scales.enumerated() where scale != 1 {
            let ratio = VanishingGradientsLesson.explodingRatios(report.scaled, scaleIndex: index).weights
            let power = pow(Double(scale), 10)
            XCTAssertTrue(ratio.min > power / 5 && ratio.max < power * 5, "k = \(scale): \(ratio) vs \(power)")
        }
        XCTAssertEqual(VanishingGradientsLesson.sigmoidDerivative(0), 0.25)
        for file in ["sigmoid.png", "gradients.png", "training.png", "exploding.png", "results.json", "runs.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("vanishing-gradients-\(file)")), file)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--depth", "0"], ["--depth", "51"], ["--width", "0"], ["--width", "1e6"], ["--width", "1000000"], ["--width", "1025"],
                    ["--width", "-3"], ["--learning-rate", "0"], ["--learning-rate", "nan"], ["--learning-rate", "inf"],
                    ["--learning-rate", "-1"], ["--epochs", "0"], ["--seeds", "0"], ["--threads", "4294967296"]] {
            XCTAssertThrowsError(try VanishingGradientsLesson.parse(bad), "\(bad)")
        }
    }
}

extension VanishingGradientsTests {
    /// Fewer images than the probe batch of 256: the lesson measures on what is there.
    func testFewImages() throws {
        try withFewImages(enough: (30, 5), tooFew: (2, 1)) { enough, tooFew in
            let report = try VanishingGradientsLesson.parse(enough).perform()
            XCTAssertEqual(report.sigmoid.runs.count, 2)
            XCTAssertThrowsError(try VanishingGradientsLesson.parse(tooFew).perform()) { error in
                XCTAssertTrue("\(error)".contains("needs at least"), "\(error)")
            }
        }
    }
}
