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

    /// A two-panel figure of training (dashed) and validation (solid) curves drawn as text:
    /// both panels' titles and y labels, a key that names every line (the dashed ones after
    /// their solid partner), the bands left out, and no more rows than asked for.
    func testTextPreviewKeepsPanelTitlesAndTellsCurvesApart() throws {
        let folder = try TemporaryFolder("preview-panels")
        defer { folder.remove() }
        let renderer = FigureRenderer(directory: folder.path, renderImages: false)
        try XCTSkipIf(renderer.gnuplot == nil, "gnuplot is not installed")
        let epochs: [Double] = [1, 2, 3, 4, 5]
        func curves(_ name: String, color: Int, offset: Double) -> [Series] {
            [
                .band(
                    nil, x: epochs, lower: epochs.map { 60 + offset + $0 }, upper: epochs.map { 64 + offset + $0 },
                    color: color),
                .line(name, x: epochs, y: epochs.map { 62 + offset + $0 }, color: color),
                .line(nil, x: epochs, y: epochs.map { 70 + offset + 2 * $0 }, style: .dashed, color: color),
            ]
        }
        let figure = Figure(
            name: "panels", title: "two settings over seeds",
            panels: [
                Panel(
                    title: "validation (solid), training (dashed)", xLabel: "epoch", yLabel: "accuracy (%)",
                    series: curves("plain", color: 0, offset: 0) + curves("dropout", color: 1, offset: 5)),
                Panel(
                    title: "generalization gap", xLabel: "epoch", yLabel: "gap (points)",
                    series: [.line("plain gap", x: epochs, y: [1, 2, 3, 4, 5], color: 0)]),
            ])
        let text = try renderer.preview(try renderer.write(figure), terminal: "dumb size 120,30")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertLessThanOrEqual(lines.count, 31, text)
        for expected in [
            "two settings over seeds", "validation (solid), training (dashed)", "generalization gap",
            "y: accuracy (%)", "y: gap (points)", "plain", "dropout", "plain, dashed", "dropout, dashed", "plain gap",
        ] {
            XCTAssertTrue(text.contains(expected), "\(expected) in\n\(text)")
        }
        let keyLines = lines.filter { $0.contains("plain") || $0.contains("dropout") }
        // Each key entry starts with its line's sample: five of the characters drawing it.
        let samples = keyLines.flatMap { line in
            line.matches(of: /(\S)\1{4}(plain|dropout)/).map { String($0.output.1) }
        }
        XCTAssertEqual(Set(samples).count, 5, "every line its own character: \(keyLines)")
        XCTAssertFalse(text.contains("#"), "no band outline drawn:\n\(text)")
    }
}
