import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

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
