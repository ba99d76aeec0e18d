import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

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
