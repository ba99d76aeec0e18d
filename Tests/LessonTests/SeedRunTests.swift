import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

final class SeedRunTests: XCTestCase {
    /// Trains two settings over three seeds with one and with two workers: the histories are
    /// identical, each seed's runs of the two settings share their initial weights, and
    /// different seeds differ.
    func testRunsDoNotDependOnTheNumberOfWorkers() throws {
        struct WeightRun: RunRecord {
            var history: History
            var firstWeight: Double
            static let columns = [RunColumn("first_weight", \Self.firstWeight)]
        }
        func runs(threads: Int) throws -> [SettingRuns<WeightRun>] {
            let folder = try TemporaryFolder("seeds")
            defer { folder.remove() }
            var options = try LessonOptions.parse([
                "--seeds", "3", "--threads", "\(threads)", "--no-render", "--quiet", "--output", folder.path,
            ])
            options.quick = false
            let context = try LessonContext(
                lesson: "probe", options: options, console: Console(isTerminal: false, quiet: true))
            let data = Synthetic.blobs(count: 300, classes: 3, random: Random(seed: 9))
            return try context.overSeeds([0, 0.3] as [Float], label: { "p=\($0)" }) { p, run in
                let model = Sequential.mlp(
                    [2, 32, 3], dropout: p, random: run.random(.weights), masks: run.random(.noise))
                let firstWeight = Double(model.parameters[0].value.storage[0])
                let history = try run.fit(
                    model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                    train: data, validation: data, options: TrainingOptions(epochs: 3, batchSize: 16))
                return WeightRun(history: history, firstWeight: firstWeight)
            }
        }
        let one = try runs(threads: 1), two = try runs(threads: 2)
        XCTAssertEqual(one.map(\.label), ["p=0.0", "p=0.3"])
        for (a, b) in zip(one, two) {
            XCTAssertEqual(
                a.runs.map { $0.history.epochs.map(\.trainLoss) }, b.runs.map { $0.history.epochs.map(\.trainLoss) })
        }
        XCTAssertEqual(
            one[0].estimate(\.firstWeight).values, one[1].estimate(\.firstWeight).values, "same seed, same weights")
        XCTAssertEqual(Set(one[0].estimate(\.firstWeight).values).count, 3, "different seeds, different weights")
    }
}
