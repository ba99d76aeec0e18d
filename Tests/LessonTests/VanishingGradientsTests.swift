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
        let names = VanishingGradientsLesson.networks.map(\.name)
        let (sigmoid, tanh, relu) = (report.sigmoid, report.setting(names[3]), report.setting(names[4]))
        XCTAssertEqual(report.runs.map(\.runs.count), [2, 2, 2, 2, 2])
        XCTAssertEqual(sigmoid.runs[0].initialNorms.count, 11, "ten hidden layers and the output layer")
        // Every seed: through ten sigmoid layers the first layer's gradient is orders of
        // magnitude smaller than the last one's; tanh + Xavier and ReLU + He keep it within
        // an order of magnitude.
        XCTAssertLessThan(sigmoid.estimate(\.attenuation).max, 1e-5)
        for setting in [tanh, relu] {
            let attenuation = setting.estimate(\.attenuation)
            XCTAssertTrue(attenuation.min > 0.1 && attenuation.max < 10, "\(setting.label): \(attenuation)")
        }
        // Small weights: the sigmoid's factor is close to 0.25·√n·σ_W (1/(4√3) for the default,
        // 1/4 for Xavier gain 1); 4× larger weights saturate σ′ and stay far below 0.25·4 = 1.
        XCTAssertEqual(report.predictedFactors[0], 0.25 / 3.0.squareRoot(), accuracy: 0.01)
        XCTAssertEqual(report.predictedFactors[1], 0.25, accuracy: 0.02)
        XCTAssertTrue((0.55...0.7).contains(report.predictedFactors[2]), "\(report.predictedFactors[2])")
        XCTAssertEqual(report.predictedFactors[4], 1, accuracy: 1e-3, "ReLU + He")
        // Every network's measured factor matches the prediction within 10 % on every seed.
        for (index, setting) in report.runs.enumerated() {
            for factor in setting.estimate(\.factor).values {
                XCTAssertEqual(factor / report.predictedFactors[index], 1, accuracy: 0.1, setting.label)
            }
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
        // Not only shifted but tilted: on every seed the ratio to k¹⁰ grows from the first layer
        // to the last for k = 2 and shrinks for k = 0.5.
        for (scale, tilts) in [(2.0, { $0 > 1.2 }), (0.5, { $0 < 0.9 })] as [(Float, (Double) -> Bool)] {
            let index = VanishingGradientsLesson.scales.firstIndex(of: scale)!
            let first = VanishingGradientsLesson.ratioToPrediction(report.scaled, scaleIndex: index, layer: 0)
            let top = VanishingGradientsLesson.ratioToPrediction(report.scaled, scaleIndex: index, layer: 10)
            for (a, b) in zip(top, first) { XCTAssertTrue(tilts(a / b), "k = \(scale): \(a) / \(b)") }
        }
        XCTAssertEqual(VanishingGradientsLesson.sigmoidDerivative(0), 0.25)
        for file in [
            "sigmoid.png", "gradients.png", "factors.png", "training.png", "exploding.png", "results.json", "runs.csv",
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("vanishing-gradients-\(file)")), file)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--depth", "0"], ["--depth", "51"], ["--width", "0"], ["--width", "1e6"], ["--width", "1000000"],
            ["--width", "1025"],
            ["--width", "-3"], ["--learning-rate", "0"], ["--learning-rate", "nan"], ["--learning-rate", "inf"],
            ["--learning-rate", "-1"], ["--epochs", "0"], ["--seeds", "0"], ["--threads", "4294967296"],
        ] {
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
