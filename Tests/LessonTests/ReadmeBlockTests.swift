import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

final class ReadmeBlockTests: XCTestCase {
    func testFillReplacesOnlyTheBlock() throws {
        let results = LessonResults(
            lesson: "probe", command: "swift run lesson-probe", seeds: [123, 124], quick: false,
            blasKernel: "Haswell", report: ["a 1.00 ± 0.10"])
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
