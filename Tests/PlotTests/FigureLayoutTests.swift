import XCTest
@testable import Plot

final class FigureLayoutTests: XCTestCase {
    func panels(_ count: Int) -> [Panel] {
        (0..<count).map {
            Panel(title: "panel \($0)", series: [.line("y", x: [0, 1], y: [Double($0), Double($0) + 1])])
        }
    }

    /// The sizes the documentation table gives; a change here changes every figure of a kind.
    func testEveryLayoutHasItsDocumentedSize() {
        let expected: [String: (columns: Int, width: Int, height: Int)] = [
            "single": (1, 880, 480), "stacked": (1, 880, 360), "pair": (2, 640, 460), "surface": (2, 640, 560),
            "triple": (3, 480, 440), "smallMultiples": (3, 420, 320), "strip": (2, 440, 130),
        ]
        XCTAssertEqual(Set(FigureLayout.all.map(\.name)), Set(expected.keys))
        for (name, layout) in FigureLayout.all {
            let size = expected[name]!
            XCTAssertEqual(layout.columns, size.columns, name)
            XCTAssertEqual(layout.panelWidth, size.width, name)
            XCTAssertEqual(layout.panelHeight, size.height, name)
        }
    }

    /// Each panel shows 880 / columns px wide on GitHub's page; every figure is at least that
    /// wide, so that the font (scaled with the width) is never drawn below its 10 px.
    func testEveryLayoutFillsTheColumnGitHubShows() {
        for (name, layout) in FigureLayout.all {
            XCTAssertGreaterThanOrEqual(layout.size(panels: layout.columns).width, 880, name)
        }
        XCTAssertEqual(FigureLayout.triple.size(panels: 3).width, 1440)
        XCTAssertEqual(FigureLayout.smallMultiples.size(panels: 9).height, 960)
    }

    func testAFigureFromALayoutWritesThatTerminalSize() {
        let figure = Figure(name: "pair", panels: panels(2), layout: .pair)
        XCTAssertEqual(figure.columns, 2)
        XCTAssertEqual(figure.panelSize.width, 640)
        XCTAssertEqual(figure.panelSize.height, 460)
        let script = GnuplotScript(figure).script
        XCTAssertTrue(script.contains("set terminal pngcairo noenhanced size 1280,460 font 'DejaVu Sans,15'"), script)
        XCTAssertTrue(script.contains("set terminal svg noenhanced size 1280,460"))
        XCTAssertTrue(script.contains("set multiplot layout 1,2"))
    }

    func testRowsGrowWithThePanelsAndATitleAddsItsLine() {
        let script = GnuplotScript(
            Figure(name: "grid", title: "nine methods", panels: panels(9), layout: .smallMultiples)
        ).script
        XCTAssertTrue(script.contains("size 1260,990 "), "3 rows of 320 px and 30 px of title")
        XCTAssertTrue(script.contains("set multiplot layout 3,3"))
        let stacked = GnuplotScript(Figure(name: "stack", panels: panels(3), layout: .stacked)).script
        XCTAssertTrue(stacked.contains("size 880,1080 font 'DejaVu Sans,10'"))
        XCTAssertTrue(stacked.contains("set multiplot layout 3,1"))
    }

    /// A figure with fewer panels than the layout has columns uses only the columns it fills.
    func testFewerPanelsThanColumnsLeaveNoEmptyCell() {
        let figure = Figure(name: "two", panels: panels(2), layout: .triple)
        XCTAssertEqual(figure.columns, 2)
        XCTAssertEqual(FigureLayout.triple.size(panels: 2).width, 960)
        XCTAssertTrue(GnuplotScript(figure).script.contains("size 960,440 "))
    }

    func testSharedYRangeCoversEveryPanel() {
        let figure = Figure(
            name: "shared",
            panels: [
                Panel(series: [.line("a", x: [0, 1], y: [0, 10])]),
                Panel(series: [
                    .band(nil, x: [0, 1], lower: [-10, -5], upper: [5, 20]), .line("b", x: [0, 1], y: [1, 2]),
                ]),
            ], layout: .pair
        ).sharingYRange()
        let ranges = figure.panels.map(\.yRange)
        XCTAssertEqual(ranges[0], ranges[1])
        XCTAssertEqual(ranges[0]!.lowerBound, -10 - 0.9, accuracy: 1e-12)
        XCTAssertEqual(ranges[0]!.upperBound, 20 + 0.9, accuracy: 1e-12)

        let log = [
            Panel(yScale: .log, series: [.line("a", x: [0, 1], y: [0, 1e-3])]),
            Panel(yScale: .log, series: [.line("b", x: [0, 1], y: [10, 100])]),
        ].sharingYRange()
        XCTAssertEqual(log[0].yRange!.lowerBound, 1e-3 / 1.15, accuracy: 1e-15, "zero is left off a log axis")
        XCTAssertEqual(log[1].yRange!.upperBound, 115, accuracy: 1e-9)
    }
}
