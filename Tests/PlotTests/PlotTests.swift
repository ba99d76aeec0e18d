import FileIO
import Foundation
import XCTest
@testable import Plot
import TestSupport

final class PlotTests: FolderTestCase {
    /// One figure using every kind of series.
    var everything: Figure {
        let x = (0..<20).map(Double.init)
        let grid = (0..<15).map { Double($0) / 7 - 1 }
        return Figure(
            name: "everything", title: "loss & accuracy: x_1, it's 10^-6 {ok}",
            panels: [
                Panel(
                    title: "curves_with_bands", xLabel: "epoch", yLabel: "loss", y2Label: "accuracy",
                    yScale: .log, markers: [Marker(x: 5, label: "best epoch")],
                    series: [
                        .band(
                            "mean ± std", x: x, lower: x.map { exp(-$0 / 5) * 0.8 },
                            upper: x.map { exp(-$0 / 5) * 1.2 }, color: 0),
                        .line("train", x: x, y: x.map { exp(-$0 / 5) }, color: 0),
                        .line("validation", values: x.map { 1 - exp(-$0 / 5) }, style: .dashed, onSecondAxis: true),
                    ]),
                Panel(
                    title: "bars",
                    series: [
                        .bars("W", labels: ["layer 1", "layer \"2\""], values: [5000, 10000]),
                        .bars("b", labels: ["layer 1", "layer \"2\""], values: [100, 100]),
                    ]),
                Panel(
                    title: "histogram",
                    series: [.histogram("weights", values: (0..<500).map { Float($0 % 37) / 37 }, bins: 10)]),
                Panel(
                    title: "surface",
                    series: [
                        .contours(
                            x: grid, y: grid, z: grid.map { y in grid.map { x in x * x + 4 * y * y } },
                            levels: [0.1, 0.5, 1, 2]),
                        .line("path", x: [0.9, 0.5, 0.1], y: [0.9, -0.4, 0.05], style: .linesPoints),
                    ]),
                Panel(
                    title: "images",
                    series: [
                        .image(
                            GrayImage.tiled(
                                [[Float](repeating: 0.5, count: 4), [0, 1, 1, 0]],
                                width: 2, height: 2, columns: 2))
                    ]),
                {
                    // A rate map blank where it diverges, with a point over it, on equal axes.
                    var panel = Panel(
                        title: "heat map",
                        series: [
                            .heatMap(
                                x: grid, y: grid,
                                z: grid.map { y in grid.map { x in x + y < 1 ? x * x + y * y : .nan } },
                                valueLabel: "rate per step", valueRange: 0...2),
                            .line("run", x: [0.1], y: [0.2], style: .points),
                        ])
                    panel.equalAspect = true
                    return panel
                }(),
            ])
    }

    func testScriptIsLiteralAboutText() {
        let generated = GnuplotScript(everything)
        XCTAssertTrue(generated.script.contains("noenhanced"))
        XCTAssertTrue(generated.script.contains("title 'loss & accuracy: x_1, it''s 10^-6 {ok}'"))
        XCTAssertTrue(generated.script.contains("set logscale y"))
        XCTAssertTrue(generated.script.contains("axes x1y2"))
        XCTAssertTrue(
            generated.script.contains("data index 0 using 1:(format eq 'preview' ? NaN : $2):3"),
            "band is block 0, left out of a text preview")
        XCTAssertTrue(generated.data.contains("\"layer '2'\" 10000.0"), "quotes in category labels are neutralized")
        // Blocks are separated by two blank lines, the separator gnuplot's `index` counts.
        let blocks = generated.data.components(separatedBy: "\n\n\n").count
        XCTAssertEqual(blocks, 11)
    }

    /// A heat map is drawn as an image in data coordinates beneath the panel's other series,
    /// with a labelled colour bar over a fixed range, and its non-finite cells left blank.
    func testHeatMapAndEqualAspect() {
        let generated = GnuplotScript(everything)
        let heatMapPanel = generated.script.components(separatedBy: "set title 'heat map'")[1]
        XCTAssertTrue(heatMapPanel.contains("set cblabel 'rate per step'"))
        XCTAssertTrue(heatMapPanel.contains("set cbrange [0.0:2.0]"))
        XCTAssertTrue(heatMapPanel.contains("set size ratio -1"))
        let plot = heatMapPanel.components(separatedBy: "\nplot ")[1]
        XCTAssertLessThan(
            plot.range(of: "with image")!.lowerBound, plot.range(of: "with points")!.lowerBound,
            "the map first, so the point stays visible")
        XCTAssertTrue(generated.data.contains(" NaN\n"), "diverged cells are blank")
        XCTAssertFalse(
            generated.script.components(separatedBy: "set title 'images'")[0].contains("set size ratio -1"),
            "other panels keep their shape")
    }

    func testHistogramBinning() {
        let (centers, counts, width) = Series.binned([0, 0.1, 0.5, 0.99, 1, .nan], bins: 2, range: nil)
        XCTAssertEqual(width, 0.5)
        XCTAssertEqual(centers, [0.25, 0.75])
        XCTAssertEqual(counts, [2, 3], "the top edge falls in the last bin; NaN is ignored")
    }

    func testTiledImages() {
        let picture = GrayImage.tiled(
            [[1, 2, 3, 4], [5, 6, 7, 8], [9, 9, 9, 9]], width: 2, height: 2, columns: 2, background: -1)
        XCTAssertEqual(picture.rows, 5)
        XCTAssertEqual(picture.cols, 5)
        XCTAssertEqual(Array(picture.values[0..<5]), [1, 2, -1, 5, 6])
        XCTAssertEqual(picture[3, 0], 9)
        XCTAssertEqual(picture[3, 3], -1)
    }

    /// Script and data written, PNG and SVG rendered; and the script alone redraws them from
    /// another working directory, as the README promises.
    func testRoundTripThroughGnuplot() throws {
        let renderer = FigureRenderer(directory: folder)
        guard let gnuplot = renderer.gnuplot else {
            return XCTFail("gnuplot is not installed (\(FigureRenderer.installHint))")
        }
        let written = try renderer.write(everything)
        XCTAssertTrue(written.rendered)
        let png = try XCTUnwrap(FileManager.default.contents(atPath: written.png))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertGreaterThan(png.count, 10_000)
        let svg = try String(contentsOfFile: written.svg, encoding: .utf8)
        XCTAssertTrue(svg.contains("<svg") && svg.contains("loss &amp; accuracy: x_1"))
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasSuffix(".tmp") })

        try FileManager.default.removeItem(atPath: written.png)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        process.arguments = [written.script]
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: written.png))
    }

    func testWithoutGnuplotOnlyScriptAndDataAreWritten() throws {
        let written = try FigureRenderer(directory: folder, gnuplot: nil).write(everything)
        XCTAssertFalse(written.rendered)
        XCTAssertTrue(FileManager.default.fileExists(atPath: written.script))
        XCTAssertTrue(FileManager.default.fileExists(atPath: written.data))
        XCTAssertFalse(FileManager.default.fileExists(atPath: written.png))
    }

    func testAFailedRenderIsAnErrorAndLeavesNoImage() {
        let renderer = FigureRenderer(directory: folder, gnuplot: "/bin/false")
        XCTAssertThrowsError(try renderer.write(everything)) { XCTAssertTrue("\($0)".contains("gnuplot failed")) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/everything.png"))
    }

    func testUnwritableFolderIsAClearError() {
        XCTAssertThrowsError(try FigureRenderer(directory: folder + "/no/such/folder").write(everything)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot write \(self.folder)/no/such/folder/everything.dat"), "\(error)")
        }
    }
}
