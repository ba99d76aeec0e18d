import Foundation
@testable import Plot
import TestSupport
import XCTest

final class FigureDescriptionTests: FolderTestCase {
    /// Titles that differ in one number form a sweep, in the order of the values, with the
    /// validation and training curves of a setting together; other numbers do not.
    func testSweepsFromTitles() {
        let series: [Series] = [
            .line("momentum 0.9", values: [1.0, 2.0]), .line("gradient descent", values: [1.0, 2.0]),
            .line("momentum 0.5", values: [1.0, 2.0]), .line("momentum 0.9", values: [3.0, 4.0], style: .dashed),
            .band(nil, x: [1, 2], lower: [0, 1], upper: [2, 3]),
            .line("λ = 1e-4, train", values: [1.0]), .line("λ = 0.01, train", values: [1.0]),
            .line("β2 only", values: [1.0]),
        ]
        XCTAssertEqual(
            FigureDescription.sweeps(series),
            [
                .init(name: "momentum #", values: [0.5, 0.9], members: [[2], [0, 3]]),
                .init(name: "λ = #, train", values: [0.0001, 0.01], members: [[5], [6]]),
            ])
        XCTAssertEqual(FigureDescription.splitFirstNumber("shift −0.5 px")?.value, -0.5)
        XCTAssertEqual(FigureDescription.splitFirstNumber("shift −0.5 px")?.template, "shift # px")
        XCTAssertNil(FigureDescription.splitFirstNumber("layer k1"), "a digit inside a word is a name")
    }

    /// What a figure writes beside its script: JSON whose numbers are the data file's, with
    /// each series in the colour its script gives it, and null where the data has NaN.
    func testDescriptionMatchesScriptAndData() throws {
        let figure = Figure(
            name: "probe", title: "a </script> title",
            panels: [
                Panel(
                    title: "left", xLabel: "epoch", yScale: .log,
                    series: [
                        .band(nil, x: [1, 2, 3], lower: [0.5, 0.25, 0.125], upper: [1.5, 0.75, 0.375], color: 2),
                        .line("first", x: [1, 2, 3], y: [1, 0.5, .nan], color: 2),
                        .line("second", x: [1, 2, 3], y: [2, 1, 0.1], color: 4),
                    ]),
                Panel(series: [.bars("counts", labels: ["a", "b"], values: [3, 4])]),
            ])
        let written = try FigureRenderer(directory: folder, renderImages: false).write(figure)
        let text = try String(contentsOfFile: folder + "/probe.json", encoding: .utf8)
        XCTAssertFalse(text.contains("</"), "JSON embedded in a page must not close its script")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(json["title"] as? String, "a </script> title")
        let panels = try XCTUnwrap(json["panels"] as? [[String: Any]])
        XCTAssertEqual(panels.count, 2)
        XCTAssertEqual(panels[0]["yScale"] as? String, "log")
        let series = try XCTUnwrap(panels[0]["series"] as? [[String: Any]])
        XCTAssertEqual(series.map { $0["kind"] as? String }, ["band", "line", "line"])
        let firstY = try XCTUnwrap(series[1]["y"] as? [Any])
        XCTAssertEqual(firstY.prefix(2).compactMap { ($0 as? NSNumber)?.doubleValue }, [1, 0.5])
        XCTAssertTrue(firstY.last is NSNull, "NaN is written as null")
        let script = try String(contentsOfFile: written.script, encoding: .utf8)
        for item in series {
            let color = try XCTUnwrap(item["color"] as? String)
            if let title = item["title"] as? String {
                XCTAssertTrue(script.contains("lc rgb '\(color)' title '\(title)'"), "\(title) drawn in \(color)")
            }
        }
        XCTAssertEqual(
            series.map { $0["color"] as? String },
            [GnuplotScript.palette[2], GnuplotScript.palette[2], GnuplotScript.palette[4]])
        let data = try String(contentsOfFile: written.data, encoding: .utf8)
        XCTAssertTrue(data.contains("3.0 0.1"), "the data file holds the value the description gives")
        XCTAssertEqual((series[2]["y"] as? [Double])?.last, 0.1)
        XCTAssertEqual((panels[1]["series"] as? [[String: Any]])?.first?["labels"] as? [String], ["a", "b"])
    }

    /// A forest plot's rows are named on its y axis: the description carries the names, so a
    /// viewer can label the rows as the image does.
    func testNamedYTicksAreDescribed() throws {
        var panel = Panel(series: [.line("difference", x: [-1, 1], y: [0, 1], style: .points)])
        panel.yTicks = [AxisTick("dropout 0.5", at: 0), AxisTick("L2, λ = 0.1", at: 1)]
        try FigureRenderer(directory: folder, renderImages: false).write(Figure(name: "forest", panels: [panel]))
        let text = try String(contentsOfFile: folder + "/forest.json", encoding: .utf8)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let ticks = try XCTUnwrap((json["panels"] as? [[String: Any]])?.first?["yTicks"] as? [[String: Any]])
        XCTAssertEqual(ticks.compactMap { $0["label"] as? String }, ["dropout 0.5", "L2, λ = 0.1"])
        XCTAssertEqual(ticks.compactMap { ($0["y"] as? NSNumber)?.doubleValue }, [0, 1])
    }

    /// Markers are drawn larger than points in the image and ringed in black, and described as
    /// points, the drawing a viewer knows.
    func testMarkersAreLargePointsDescribedAsPoints() throws {
        let figure = Figure(
            name: "marks",
            panels: [
                Panel(series: [
                    .line("each seed", x: [1, 2], y: [3, 4], style: .marker),
                    .line("curve", x: [1, 2], y: [3, 4], style: .points),
                ])
            ])
        let script = GnuplotScript(figure).script
        XCTAssertTrue(script.contains("with points pt 7 ps 1.6 lc rgb '#0072B2' title 'each seed'"), script)
        XCTAssertTrue(script.contains("with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle"), script)
        XCTAssertTrue(script.contains("with points pt 7 ps 0.6 lc rgb '#D55E00' title 'curve'"), script)
        let json = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(FigureDescription(figure).json.utf8)) as? [String: Any])
        let series = try XCTUnwrap((json["panels"] as? [[String: Any]])?.first?["series"] as? [[String: Any]])
        XCTAssertEqual(series.compactMap { $0["style"] as? String }, ["points", "points"])
    }
}
