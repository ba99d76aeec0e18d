import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_augmentation

final class AugmentationLessonTests: XCTestCase {
    /// The quick run over its two seeds: without augmentation the network memorizes its few
    /// images; with either augmentation every seed's gap (last 20 epochs) is far smaller, and
    /// the network still learns. Each run's test score belongs to its best-validation epoch.
    /// (40 epochs are too few for the validation loss claim of the full run.)
    func testQuickRunShrinksTheGap() throws {
        let folder = try TemporaryFolder("augmentation")
        defer { folder.remove() }
        let runs = try AugmentationLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(runs.map(\.label), ["none", "shift + rotate", "shift + rotate + flip"])
        XCTAssertEqual(runs.map(\.runs.count), [2, 2, 2])
        let none = runs[0]
        XCTAssertGreaterThan(none.lastEpochs(20, .trainAccuracy).min, 93, "memorized")
        XCTAssertGreaterThan(none.lastEpochs(20, .gap).min, 15)
        for augmented in runs.dropFirst() {
            XCTAssertLessThan(
                augmented.lastEpochs(20, .gap).max, none.lastEpochs(20, .gap).min / 2,
                "every seed's gap at least halves")
            XCTAssertGreaterThan(augmented.lastEpochs(20, .validationAccuracy).min, 60, "and still learns")
        }
        for setting in runs {
            for run in setting.runs {
                XCTAssertEqual(run.bestValidationEpoch, Double(Convergence.bestEpoch(run.history)!), setting.label)
                XCTAssertGreaterThan(run.testAtBestValidation, 60, setting.label)
            }
        }
        for file in ["examples.png", "curves.png", "comparison.png", "results.json", "runs.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("augmentation-\(file)")), file)
        }
        // The gap at two thirds of the 40 epochs (26) and over their last tenth (37–40) is a
        // table whose every cell the data files give.
        let results = try LessonResults.read(folder.file("augmentation-results.json"))
        let growth = try XCTUnwrap(results.tables?.first { $0.table.title.hasPrefix("Is the gap still widening?") })
        XCTAssertEqual(growth.table.header, ["augmentation", "gap at epoch 26", "gap, epochs 37–40"])
        XCTAssertEqual(growth.table.rows.map { $0[1] }, runs.map { $0.atEpoch(26, .gap).formatted() })
        XCTAssertTrue(growth.table.cellSources.allSatisfy { $0.dropFirst().allSatisfy { $0 != nil } })
        // Each run's lowest validation loss, wherever it fell, against the other arms': three
        // paired verdicts in one Holm family, each recomputed from the data files.
        let lowest = (results.verdicts ?? []).filter { $0.wording.quantity.hasPrefix("Lowest validation loss") }
        XCTAssertEqual(lowest.count, 3)
        XCTAssertTrue(lowest.allSatisfy { $0.isDerivable && $0.holm?.comparisons.count == 3 })
        XCTAssertTrue(lowest.allSatisfy { $0.comparison.a?.summary == .lowest && $0.comparison.b?.summary == .lowest })
        XCTAssertEqual(DataCheck.problems(lesson: "augmentation", folder: folder.path), [])
    }

    /// Fashion-MNIST's footwear faces one way: nearly every sneaker and ankle boot of the test
    /// set is nearer its class's mean image than to the mirrored mean, and those means are far
    /// from their mirror images, unlike the tops'.
    func testFootwearFacesOneWay() throws {
        let store = try MNISTFormat.load(.test, from: MNISTFormat.directory(explicit: nil))
        let facing = Dictionary(
            uniqueKeysWithValues: AugmentationLesson.facing(ImageDataset(store: store)).map { ($0.name, $0) })
        for shoe in ["Sneaker", "Ankle boot"] {
            XCTAssertGreaterThan(facing[shoe]!.nearerShare, 98, shoe)
            XCTAssertGreaterThan(facing[shoe]!.asymmetry, 3 * facing["T-shirt/top"]!.asymmetry, shoe)
        }
        XCTAssertLessThan(facing["T-shirt/top"]!.nearerShare, 90)
    }

    /// The augmentation draws from its own stream: the trainer asks for the same batches,
    /// in the same order, with and without it.
    func testAugmentationDoesNotChangeTheBatchOrder() throws {
        let store = try MNISTFormat.load(.test, from: MNISTFormat.directory(explicit: nil))
        let data = ImageDataset(store: store).randomSubset(200, random: Random(seed: 1))
        func batchesAsked(augmented: Bool) throws -> [[Int]] {
            let recorder = Recorder(
                augmented ? data.augmented(Augmentation(), random: Random(seed: 7, purpose: .noise)) : data)
            let model = Sequential.mlp([784, 16, 10], random: Random(seed: 7, purpose: .weights))
            let trainer = Trainer(
                model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                random: Random(seed: 7, purpose: .batchOrder))
            _ = try trainer.fit(recorder, options: TrainingOptions(epochs: 3, batchSize: 32))
            return recorder.asked
        }
        let plain = try batchesAsked(augmented: false)
        XCTAssertEqual(plain.count, 3 * 7)
        XCTAssertEqual(plain, try batchesAsked(augmented: true))
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--shift", "-1"], ["--shift", "14"], ["--rotation", "200"], ["--rotation", "nan"], ["--rotation", "inf"],
            ["--rotation", "-1"], ["--flip", "1.5"], ["--flip", "nan"], ["--flip", "-inf"], ["--train-size", "7"],
            ["--train-size", "-5"], ["--train-size", "1e9"], ["--train-size", "99999999999"], ["--epochs", "0"],
            ["--epochs", "nan"], ["--seeds", "0"], ["--seeds", "1000"],
        ] {
            XCTAssertThrowsError(try AugmentationLesson.parse(bad), "\(bad)")
        }
    }
}

/// A dataset that remembers which positions each batch asked for.
private final class Recorder: Dataset {
    let base: ImageDataset
    var asked: [[Int]] = []
    init(_ base: ImageDataset) { self.base = base }
    var count: Int { base.count }
    func batch(_ positions: ArraySlice<Int>) -> (inputs: Matrix, targets: [Int]) {
        asked.append(Array(positions))
        return base.batch(positions)
    }
}
