import Foundation
import Plot
import TestSupport
import XCTest

final class PreviewTests: XCTestCase {
    /// A written figure drawn on gnuplot's text terminal: a plot that fits the width asked
    /// for, with the figure's title, and no image files touched.
    func testDumbPreviewFitsTheWidth() throws {
        let folder = try TemporaryFolder("preview")
        defer { folder.remove() }
        let renderer = FigureRenderer(directory: folder.path)
        try XCTSkipIf(renderer.gnuplot == nil, "gnuplot is not installed")
        let figure = Figure(
            name: "probe", title: "probe title",
            panels: [
                Panel(title: "a", xLabel: "x", series: [.line("square", x: [0, 1, 2, 3], y: [0, 1, 4, 9])]),
                Panel(
                    title: "b",
                    series: [
                        .band(nil, x: [0, 1], lower: [0, 1], upper: [1, 2]), .line("line", values: [1.0, 2.0]),
                    ]),
            ])
        let written = try renderer.write(figure)
        let pngBefore = try Data(contentsOf: URL(fileURLWithPath: written.png))
        let text = try renderer.preview(written, terminal: "dumb size 60,20")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertGreaterThanOrEqual(lines.count, 18, text)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 60 }, text)
        XCTAssertTrue(text.contains("probe title"), text)
        XCTAssertTrue(text.contains("square"), text)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: written.png)), pngBefore)
    }
}
