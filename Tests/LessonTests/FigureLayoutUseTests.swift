import Foundation
import XCTest

/// Lessons size their figures by kind (`Plot.FigureLayout`), not in pixels of their own, so
/// that the same kind of figure looks the same in every lesson.
final class FigureLayoutUseTests: XCTestCase {
    func testEveryLessonFigureIsSizedByALayout() throws {
        let root = RegenerateFiguresTests.root
        let folders = try FileManager.default.contentsOfDirectory(atPath: root + "/lessons").filter {
            !$0.hasSuffix(".md")
        }
        var files = try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: "\(root)/lessons/\(folder)")
                .filter { $0.hasSuffix(".swift") }.map { "\(root)/lessons/\(folder)/\($0)" }
        }
        files += try FileManager.default.contentsOfDirectory(atPath: root + "/Sources/LessonKit")
            .filter { $0.hasSuffix(".swift") }.map { "\(root)/Sources/LessonKit/\($0)" }
        var figures = 0
        for file in files {
            // Without whitespace, so that a call broken over lines by the formatter still counts.
            let source = try String(contentsOfFile: file, encoding: .utf8).filter { !$0.isWhitespace }
            XCTAssertFalse(source.contains("panelSize:"), "\(file) passes a pixel size; use a FigureLayout")
            let calls = source.components(separatedBy: "Figure(name:").count - 1
            let layouts = source.components(separatedBy: "layout:.").count - 1
            XCTAssertEqual(calls, layouts, "\(file): every Figure(name:…) names its layout")
            figures += calls
        }
        XCTAssertGreaterThan(figures, 40, "the lessons' figures were found")
    }
}
