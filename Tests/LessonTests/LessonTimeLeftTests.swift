import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

final class LessonTimeLeftTests: XCTestCase {
    /// The status line shows the whole lesson's time left once a run of the same budget has
    /// left its results file (with the epochs it trained in all) in the output folder, and
    /// not before; the estimate comes from this run's pace.
    func testWholeLessonEstimateNeedsAnEarlierRunsEpochCount() throws {
        final class Capture: @unchecked Sendable { var text = "" }
        let folder = try TemporaryFolder("time-left")
        defer { folder.remove() }
        func lesson() throws -> String {
            let capture = Capture()
            let options = try LessonOptions.parse([
                "--seeds", "2", "--threads", "1", "--no-render", "--output", folder.path,
            ])
            let context = try LessonContext(
                lesson: "probe", options: options,
                console: Console(isTerminal: true, width: { 200 }, output: { capture.text += $0 }))
            let data = Synthetic.blobs(count: 100, random: Random(seed: 1))
            _ = try context.overSeeds([0] as [Int], label: { _ in "probe" }) { _, run in
                let model = Sequential.mlp([2, 4, 2], random: run.random(.weights))
                return RunResult(
                    history: try run.fit(
                        model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                        train: data, options: TrainingOptions(epochs: 2, batchSize: 10)))
            }
            try context.finish()
            return capture.text
        }
        XCTAssertFalse(try lesson().contains("(lesson ~"), "no earlier run to go by")
        XCTAssertEqual(try LessonResults.read(folder.file(LessonResults.fileName(lesson: "probe"))).epochsTrained, 4)
        XCTAssertTrue(try lesson().contains("(lesson ~"))
    }
}
