import ArgumentParser
import Engine
import EngineData
import LessonKit
import TestSupport
import XCTest

final class ProgressTests: XCTestCase {
    final class Capture: @unchecked Sendable {
        var text = ""
    }

    /// Two settings × two seeds through the lesson's worker pool, with its progress display.
    func train(terminal: Bool, width: Int = 200) throws -> String {
        let capture = Capture()
        let folder = try TemporaryFolder("progress")
        defer { folder.remove() }
        let options = try LessonOptions.parse([
            "--seeds", "2", "--threads", "1", "--no-render", "--output", folder.path,
        ])
        let context = try LessonContext(
            lesson: "probe", options: options,
            console: Console(isTerminal: terminal, width: { width }, output: { capture.text += $0 }))
        let data = Synthetic.blobs(count: 200, random: Random(seed: 1))
        _ = try context.overSeeds(["a", "b"], label: { "probe \($0)" }) { _, run in
            let model = Sequential.mlp([2, 8, 2], random: run.random(.weights))
            return RunResult(
                history: try run.fit(
                    model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                    train: data, validation: data, options: TrainingOptions(epochs: 2, batchSize: 10)))
        }
        return capture.text
    }

    /// Piped: exactly one plain line per finished run, with its numbers and time.
    func testPipedOutputIsOneLinePerRun() throws {
        let lines = try train(terminal: false).split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[0].hasPrefix("[1/4] probe a, seed 1: 2 epochs "), String(lines[0]))
        for part in ["train ", "validation ", " s)"] { XCTAssertTrue(lines[3].contains(part), part) }
        XCTAssertFalse(lines.joined().contains("\u{1B}"))
    }

    /// On a terminal a status line (runs, current epoch, time left) is redrawn in place
    /// (carriage return, erase line) and then replaced by each run's line.
    func testTerminalOutputRedrawsAStatusLine() throws {
        let text = try train(terminal: true)
        XCTAssertTrue(text.contains(" left · run 1–1 of 4 · probe a seed 1 epoch 1/2"), text)
        XCTAssertTrue(text.contains("\r\u{1B}[2K~"), "the time left comes first: \(text)")
        XCTAssertEqual(text.components(separatedBy: "\n").count - 1, 4)
    }

    /// At 80 columns the status line fits and starts with the time left, so a long run name
    /// is what gets cut.
    func testStatusLineAt80ColumnsStartsWithTheTimeLeft() throws {
        let statuses = try train(terminal: true, width: 80).components(separatedBy: "\r\u{1B}[2K").dropFirst()
            .map { $0.split(separator: "\n").first.map(String.init) ?? "" }.filter { !$0.isEmpty && !$0.hasPrefix("[") }
        XCTAssertFalse(statuses.isEmpty)
        for status in statuses {
            XCTAssertLessThanOrEqual(status.count, 79, status)
            XCTAssertTrue(status.hasPrefix("~") && status.contains(" left"), status)
        }
    }
}
