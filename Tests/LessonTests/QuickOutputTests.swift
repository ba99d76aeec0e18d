import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

final class QuickOutputTests: XCTestCase {
    /// `--quick` never writes the committed figures folder unless asked to.
    func testQuickRunsWriteToAScratchFolder() throws {
        XCTAssertEqual(try LessonOptions.parse([]).outputDirectory, "figures")
        XCTAssertEqual(try LessonOptions.parse(["--quick"]).outputDirectory, LessonOptions.quickOutput)
        XCTAssertEqual(try LessonOptions.parse(["--quick", "--output", "x"]).outputDirectory, "x")
        XCTAssertThrowsError(try LessonOptions.parse(["--output", ""]))
    }
}
