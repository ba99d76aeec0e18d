import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

final class QuickOutputTests: XCTestCase {
    /// A user's run (quick or not) gets a folder of its own; figures/ only with --reference.
    func testUserRunsNeverNameTheReferenceFolder() throws {
        XCTAssertNil(try LessonOptions.parse([]).chosenOutput)
        XCTAssertNil(try LessonOptions.parse(["--quick"]).chosenOutput)
        XCTAssertEqual(try LessonOptions.parse(["--quick", "--output", "x"]).chosenOutput, "x")
        XCTAssertEqual(try LessonOptions.parse(["--reference"]).chosenOutput, "figures")
        XCTAssertThrowsError(try LessonOptions.parse(["--output", ""]))
        for reference in ["figures", "./figures", "figures/", "lessons/../figures"] {
            XCTAssertThrowsError(try LessonOptions.parse(["--output", reference]), reference) { error in
                XCTAssertTrue(
                    LessonOptions.message(for: error).contains("--reference"), LessonOptions.message(for: error))
            }
        }
        XCTAssertEqual(try LessonOptions.parse(["--output", "figures", "--reference"]).chosenOutput, "figures")
        XCTAssertTrue(
            LessonOptions.quickOutput.hasSuffix("training-lab-quick-\(getuid())"), "one scratch folder per user")
    }

    /// Runs started in the same second get distinct folders, each created exclusively.
    func testRunFoldersAreNeverShared() throws {
        let folder = try TemporaryFolder("run-folders")
        defer { folder.remove() }
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder.path))
        defer { XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(previous)) }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try RunFolder.create(lesson: "probe", now: now),
            second = try RunFolder.create(lesson: "probe", now: now)
        XCTAssertEqual(first, "runs/probe/2027-01-15-080000")
        XCTAssertEqual(second, first + "-2")
    }

    /// A second run into a folder another run is writing stops with a clear error.
    func testTwoRunsIntoOneFolderAtOnce() throws {
        let folder = try TemporaryFolder("locked")
        defer { folder.remove() }
        let options = try LessonOptions.parse(["--no-render", "--quiet", "--output", folder.path])
        let first = try LessonContext(lesson: "probe", options: options)
        XCTAssertThrowsError(try LessonContext(lesson: "probe", options: options)) { error in
            XCTAssertTrue("\(error)".contains("being written by another run"), "\(error)")
        }
        try first.finish()
    }

    /// The recorded command keeps what changes the numbers and drops where they go.
    func testRecordedCommand() {
        XCTAssertEqual(
            LessonContext.command(
                lesson: "dropout",
                arguments: ["--quick", "--output", "x", "--seed", "5", "--threads=2", "--p", "0.3", "--quiet"]),
            "swift run lesson-dropout --quick --seed 5 --p 0.3")
        XCTAssertEqual(
            LessonContext.command(lesson: "dropout", arguments: ["--data", "my data"]),
            "swift run lesson-dropout --data 'my data'")
    }
}
