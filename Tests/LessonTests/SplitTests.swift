import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

/// Seeds vary the data too: each seed draws its own training subset and validation split
/// from the training images, the test set is the same for all, and `--split-seed` gives
/// every seed one split.
final class SplitTests: XCTestCase {
    func splits(_ arguments: [String]) throws -> (seeds: [UInt64], splits: SeededSplits) {
        let data = try tinyMNIST(train: 200, test: 40)
        let output = try TemporaryFolder("splits")
        defer { data.remove(); output.remove() }
        let options = try LessonOptions.parse(
            ["--seeds", "3", "--no-render", "--quiet", "--output", output.path] + arguments)
        let context = try LessonContext(
            lesson: "probe", options: options, console: Console(isTerminal: false, quiet: true))
        let training = try TrainingRunOptions.parse(["--data", data.path])
        return (context.seeds, try context.loadSplits(training, trainSize: 50, validationSize: 10, testSize: 20))
    }

    func testEachSeedDrawsItsOwnSplitAndAllShareTheTestSet() throws {
        let (seeds, splits) = try splits([])
        let trains = seeds.map { Set(splits[$0].train.indices) },
            validations = seeds.map { Set(splits[$0].validation.indices) }
        XCTAssertEqual(trains.map(\.count), [50, 50, 50])
        XCTAssertEqual(Set(trains).count, 3, "three seeds, three training subsets")
        XCTAssertEqual(Set(validations).count, 3)
        for (train, validation) in zip(trains, validations) { XCTAssertTrue(train.isDisjoint(with: validation)) }
        XCTAssertEqual(Set(seeds.map { splits[$0].test.indices }).count, 1, "one test set")
        XCTAssertEqual(splits.first.train.indices, splits[seeds[0]].train.indices)
        // Asking again gives the same split: a seed's data is reproducible.
        XCTAssertEqual(try self.splits([]).splits[seeds[1]].train.indices, splits[seeds[1]].train.indices)
    }

    func testSplitSeedGivesEverySeedTheSameSplit() throws {
        let (seeds, splits) = try splits(["--split-seed", "7"])
        XCTAssertEqual(Set(seeds.map { splits[$0].train.indices }).count, 1)
        XCTAssertEqual(Set(seeds.map { splits[$0].validation.indices }).count, 1)
    }
}
