import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

final class EstimateTests: XCTestCase {
    func testMeanStdAndStandardError() {
        let estimate = Estimate([1, 2, 3, 4])
        XCTAssertEqual(estimate.mean, 2.5)
        XCTAssertEqual(estimate.std, (5.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(estimate.standardError, estimate.std / 2, accuracy: 1e-12)
        XCTAssertEqual(estimate.formatted(), "2.50 ± 1.29")
        XCTAssertEqual(Estimate([7]).formatted(), "7.00", "one seed has no spread to show")
    }

    /// Paired differences: a constant offset under the same seeds is resolved however noisy
    /// each setting is; the same numbers unpaired are within noise.
    func testPairedDifferenceSeesThroughSharedNoise() {
        let a = Estimate([80, 85, 90, 75, 88]), b = Estimate([79, 84, 89, 74, 87])
        let paired = Difference(a, b)
        XCTAssertTrue(paired.paired)
        XCTAssertEqual(paired.mean, 1, accuracy: 1e-12)
        XCTAssertEqual(paired.standardError, 0, accuracy: 1e-12)
        XCTAssertTrue(paired.isResolved)
        XCTAssertTrue(paired.verdict("a", "b", quantity: "x").contains("a is higher than b by 1.00"))
        let unpaired = Difference(a, b, paired: false)
        XCTAssertFalse(unpaired.isResolved)
        XCTAssertTrue(unpaired.verdict("a", "b", quantity: "x").hasSuffix("within noise"))
    }

    /// The t bound: 4 paired differences with mean 1 and std 1 give t = 2 < 3.182 (df 3).
    func testStudentBound() {
        let d = Difference(Estimate([1, 2, 3, 2]), Estimate([0, 0, 3, 1]))
        XCTAssertEqual(d.mean, 1)
        XCTAssertEqual(d.margin, 3.182 * d.standardError, accuracy: 1e-9)
        XCTAssertFalse(d.isResolved)
        XCTAssertFalse(Difference(Estimate([1]), Estimate([0])).isResolved, "one seed cannot resolve anything")
        XCTAssertFalse(Difference(Estimate([1, 2]), Estimate([0, 1])).isResolved, "two equal differences estimate no noise")
    }
}

final class SeedRunTests: XCTestCase {
    /// Trains two settings over three seeds with one and with two workers: the histories are
    /// identical, each seed's runs of the two settings share their initial weights, and
    /// different seeds differ.
    func testRunsDoNotDependOnTheNumberOfWorkers() throws {
        func runs(threads: Int) throws -> [SettingRuns] {
            let folder = try TemporaryFolder("seeds")
            defer { folder.remove() }
            var options = try LessonOptions.parse(["--seeds", "3", "--threads", "\(threads)", "--no-render", "--quiet", "--output", folder.path])
            options.quick = false
            let context = try LessonContext(lesson: "probe", options: options, console: Console(isTerminal: false, quiet: true))
            let data = Synthetic.blobs(count: 300, classes: 3, random: Random(seed: 9))
            return try context.overSeeds([0, 0.3] as [Float], label: { "p=\($0)" }) { p, run in
                let model = Sequential.mlp([2, 32, 3], dropout: p, random: run.random(.weights), masks: run.random(.noise))
                let firstWeight = Double(model.parameters[0].value.storage[0])
                let history = try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                                          train: data, validation: data, options: TrainingOptions(epochs: 3, batchSize: 16))
                return RunResult(history: history, extras: ["first weight": firstWeight])
            }
        }
        let one = try runs(threads: 1), two = try runs(threads: 2)
        XCTAssertEqual(one.map(\.label), ["p=0.0", "p=0.3"])
        for (a, b) in zip(one, two) {
            XCTAssertEqual(a.runs.map { $0.history.epochs.map(\.trainLoss) }, b.runs.map { $0.history.epochs.map(\.trainLoss) })
        }
        XCTAssertEqual(one[0].extra("first weight").values, one[1].extra("first weight").values, "same seed, same weights")
        XCTAssertEqual(Set(one[0].extra("first weight").values).count, 3, "different seeds, different weights")
    }
}

final class ReadmeBlockTests: XCTestCase {
    func testFillReplacesOnlyTheBlock() throws {
        let results = LessonResults(lesson: "probe", command: "swift run lesson-probe", seeds: [123, 124], quick: false,
                                    blasKernel: "Haswell", lastK: 10, report: ["a 1.00 ± 0.10"])
        let readme = "# Probe\n\nprose\n\n<!-- results:begin -->\nold\n<!-- results:end -->\n\nmore prose\n"
        let filled = try XCTUnwrap(ReadmeBlock.fill(readme, with: results))
        XCTAssertTrue(filled.hasPrefix("# Probe\n\nprose\n\n<!-- results:begin"))
        XCTAssertTrue(filled.hasSuffix("<!-- results:end -->\n\nmore prose\n"))
        XCTAssertTrue(filled.contains("over 2 seeds (123…124)"))
        XCTAssertTrue(filled.contains("a 1.00 ± 0.10"))
        XCTAssertFalse(filled.contains("old"))
        XCTAssertEqual(ReadmeBlock.fill(filled, with: results), filled, "filling twice changes nothing")
        XCTAssertNil(ReadmeBlock.fill("no markers", with: results))
    }
}

final class ConsoleWidthTests: XCTestCase {
    /// A status line longer than the terminal is cut to fit, so it is redrawn in place.
    func testStatusLineFitsTheTerminal() {
        final class Capture: @unchecked Sendable { var text = "" }
        let capture = Capture()
        let console = Console(isTerminal: true, width: { 40 }, output: { capture.text += $0 })
        console.status(String(repeating: "x", count: 100))
        let shown = capture.text.replacingOccurrences(of: "\r\u{1B}[2K", with: "")
        XCTAssertEqual(shown.count, 39)
        XCTAssertTrue(shown.hasSuffix("…"))
    }
}

final class QuickOutputTests: XCTestCase {
    /// `--quick` never writes the committed figures folder unless asked to.
    func testQuickRunsWriteToAScratchFolder() throws {
        XCTAssertEqual(try LessonOptions.parse([]).outputDirectory, "figures")
        XCTAssertEqual(try LessonOptions.parse(["--quick"]).outputDirectory, LessonOptions.quickOutput)
        XCTAssertEqual(try LessonOptions.parse(["--quick", "--output", "x"]).outputDirectory, "x")
        XCTAssertThrowsError(try LessonOptions.parse(["--output", ""]))
    }
}

final class PreviewTerminalTests: XCTestCase {
    func testTerminalChoice() {
        XCTAssertEqual(LessonContext.previewTerminal(width: 100, colors: false, environment: [:]), "dumb size 99,39")
        XCTAssertEqual(LessonContext.previewTerminal(width: 100, colors: true, environment: ["TERM": "xterm"]), "dumb size 99,39 ansi")
        XCTAssertTrue(LessonContext.previewTerminal(width: 100, colors: true, environment: ["TERM_PROGRAM": "WezTerm"]).hasPrefix("sixelgd"))
        XCTAssertTrue(LessonContext.previewTerminal(width: 100, colors: true, environment: ["TRAINING_LAB_PREVIEW": "sixel"]).hasPrefix("sixelgd"))
        XCTAssertTrue(LessonContext.previewTerminal(width: 100, colors: true,
                                                    environment: ["TRAINING_LAB_PREVIEW": "text", "TERM_PROGRAM": "WezTerm"]).hasPrefix("dumb"))
    }
}

final class LessonTimeLeftTests: XCTestCase {
    /// The status line shows the whole lesson's time left once a comparable run has left its
    /// results file in the output folder, and not before.
    func testWholeLessonEstimateComesFromTheLastRun() throws {
        final class Capture: @unchecked Sendable { var text = "" }
        let folder = try TemporaryFolder("time-left")
        defer { folder.remove() }
        func lesson() throws -> String {
            let capture = Capture()
            let options = try LessonOptions.parse(["--seeds", "2", "--threads", "1", "--no-render", "--output", folder.path])
            let context = try LessonContext(lesson: "probe", options: options,
                                            console: Console(isTerminal: true, width: { 200 }, output: { capture.text += $0 }))
            let data = Synthetic.blobs(count: 100, random: Random(seed: 1))
            _ = try context.overSeeds([0] as [Int], label: { _ in "probe" }) { _, run in
                let model = Sequential.mlp([2, 4, 2], random: run.random(.weights))
                return RunResult(history: try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                                                      train: data, options: TrainingOptions(epochs: 2, batchSize: 10)))
            }
            try context.finish()
            return capture.text
        }
        XCTAssertFalse(try lesson().contains(", lesson ~"), "no earlier run to go by")
        XCTAssertTrue(try lesson().contains(", lesson ~"))
    }
}
