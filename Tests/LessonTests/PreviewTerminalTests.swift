import Engine
import EngineData
import Foundation
import LessonKit
import Plot
import TestSupport
import XCTest

final class PreviewTerminalTests: XCTestCase {
    func testTerminalChoice() {
        XCTAssertEqual(
            LessonContext.previewTerminal(width: 100, height: 60, colors: false, environment: [:]), "dumb size 99,39")
        XCTAssertEqual(
            LessonContext.previewTerminal(width: 100, height: 60, colors: true, environment: ["TERM": "xterm"]),
            "dumb size 99,39 ansi")
        XCTAssertEqual(
            LessonContext.previewTerminal(width: 80, height: 24, colors: false, environment: [:]), "dumb size 79,22",
            "no taller than the terminal")
        XCTAssertTrue(
            LessonContext.previewTerminal(width: 100, colors: true, environment: ["TERM_PROGRAM": "WezTerm"]).hasPrefix(
                "sixelgd"))
        XCTAssertTrue(
            LessonContext.previewTerminal(width: 100, colors: true, environment: ["TRAINING_LAB_PREVIEW": "sixel"])
                .hasPrefix("sixelgd"))
        XCTAssertTrue(
            LessonContext.previewTerminal(
                width: 100, colors: true,
                environment: ["TRAINING_LAB_PREVIEW": "text", "TERM_PROGRAM": "WezTerm"]
            ).hasPrefix("dumb"))
    }

    /// The sixel terminal as gnuplot receives it through the renderer draws a figure (the
    /// font's name once lost its quotes, which gnuplot rejects as an unknown option).
    func testSixelPreviewRendersThroughTheRenderer() throws {
        let folder = try TemporaryFolder("sixel")
        defer { folder.remove() }
        let renderer = FigureRenderer(directory: folder.path, renderImages: false)
        try XCTSkipIf(renderer.gnuplot == nil, "gnuplot is not installed")
        let figure = try renderer.write(
            Figure(
                name: "probe",
                panels: [
                    Panel(
                        title: "probe", xLabel: "x", yLabel: "y", series: [.line("line", x: [0, 1, 2], y: [1, 0, 1])])
                ]))
        let terminal = LessonContext.previewTerminal(
            width: 100, colors: true, environment: ["TRAINING_LAB_PREVIEW": "sixel"])
        let printed = try renderer.preview(figure, terminal: terminal)
        XCTAssertTrue(printed.hasPrefix("\u{1B}P"), "a sixel image: \(printed.prefix(40))")
    }
}
