import ArgumentParser
import Engine
import EngineData
import LessonKit
import TestSupport
import XCTest

final class LessonKitTests: XCTestCase {
    struct Probe: ParsableCommand {
        @OptionGroup var lesson: LessonOptions
        @OptionGroup var training: TrainingRunOptions
    }

    func testSharedOptions() throws {
        let probe = try Probe.parse(["--seed", "7", "--quick", "--epochs", "3", "--data", "/x", "--threads", "2"])
        XCTAssertEqual(probe.lesson.seed, 7)
        XCTAssertTrue(probe.lesson.quick)
        XCTAssertEqual(probe.training.epochs(EpochBudget(full: 100, quick: 2), isQuick: true), 3)
        XCTAssertEqual(probe.training.dataDirectory, "/x")
        let defaults = try Probe.parse([])
        XCTAssertNil(defaults.lesson.chosenOutput, "a run folder of its own")
        XCTAssertEqual(
            defaults.lesson.workerThreads, ProcessInfo.processInfo.activeProcessorCount, "seeds on every core")
        XCTAssertNil(defaults.lesson.seeds, "the lesson's own default")
        XCTAssertEqual(defaults.training.epochs(EpochBudget(full: 100, quick: 2), isQuick: false), 100)
        XCTAssertEqual(defaults.training.epochs(EpochBudget(full: 100, quick: 2), isQuick: true), 2)
        for bad in [
            ["--epochs", "-1"], ["--epochs", "0"], ["--epochs", "10001"], ["--threads", "0"],
            ["--threads", "4294967296"],
            ["--seeds", "0"], ["--seeds", "101"], ["--data", ""], ["--output", ""],
            ["--no-render", "--require-render"], ["--seed", "-3"],
        ] {
            XCTAssertThrowsError(try Probe.parse(bad), "\(bad)")
        }
    }

    func testMissingDataIsAOneLineErrorNamingTheFile() throws {
        let context = try LessonContext(
            lesson: "probe", options: LessonOptions.parse(["--no-render", "--output", NSTemporaryDirectory()]))
        XCTAssertThrowsError(try context.loadImages(TrainingRunOptions.parse(["--data", "/nonexistent"]))) { error in
            XCTAssertEqual("\(error)".split(separator: "\n").count, 1)
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/train-images-idx3-ubyte.gz: missing"), "\(error)")
        }
    }

    func testSummaryTable() {
        var table = SummaryTable(title: "T", header: ["layer", "count"])
        table.add(["Linear(50→100)", SummaryTable.grouped(5100)])
        table.add(["all", SummaryTable.grouped(16210)])
        XCTAssertEqual(
            table.description,
            """
            T
            layer            count
            ----------------------
            Linear(50→100)   5,100
            all             16,210
            """)
        XCTAssertEqual(SummaryTable.grouped(1_234_567), "1,234,567")
        // Wider than 80 columns: the title wrapped at words, the columns in blocks that each
        // repeat the row's name.
        var wide = SummaryTable(
            title: String(repeating: "word ", count: 30).trimmingCharacters(in: .whitespaces),
            header: ["setting"] + (1...8).map { "metric number \($0)" })
        wide.add(["p = 0.5"] + (1...8).map { _ in "84.12 ± 0.35" })
        let lines = wide.description.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.allSatisfy { $0.count <= SummaryTable.lineWidth }, wide.description)
        XCTAssertEqual(lines.filter { $0.hasPrefix("p = 0.5") }.count, 2, wide.description)
        XCTAssertEqual(
            lines.filter { $0.contains("metric number") }.flatMap {
                $0.components(separatedBy: "metric number").dropFirst()
            }.count, 8)
        XCTAssertEqual(SummaryTable.grouped(-1000), "-1,000")
        XCTAssertEqual(SummaryTable.grouped(999), "999")
    }
}
