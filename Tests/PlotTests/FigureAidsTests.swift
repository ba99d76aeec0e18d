import XCTest

@testable import Plot

/// The helpers figures use to stay readable: chosen x ticks, ringed markers, one x-range for
/// compared panels, and a running mean that neither lags nor bends.
final class FigureAidsTests: XCTestCase {
    func script(_ panel: Panel) -> String {
        GnuplotScript(Figure(name: "aids", panels: [panel], layout: .single)).script
    }

    func testXTicksAreWrittenAtTheirValues() {
        var panel = Panel(xScale: .log, series: [.line("f", x: [0.1, 2], y: [1, 2])])
        XCTAssertFalse(script(panel).contains("set xtics ("), "without ticks gnuplot chooses")
        panel.xTicks = AxisTick.values([0.1, 0.2, 0.5, 1, 2])
        XCTAssertTrue(script(panel).contains("set xtics ('0.1' 0.1, '0.2' 0.2, '0.5' 0.5, '1' 1.0, '2' 2.0)"))
    }

    func testAMarkerIsADotWithARingAndOneLegendEntry() {
        let text = script(Panel(series: [.line("best", x: [1], y: [2], style: .marker, color: 4)]))
        let items = text.components(separatedBy: "data index 0 using 1:2")
        XCTAssertEqual(items.count, 3, "drawn twice from one data block: \(text)")
        XCTAssertTrue(items[1].contains("pt 7") && items[1].contains("title 'best'"))
        XCTAssertTrue(items[2].contains("pt 6") && items[2].contains("#000000") && items[2].contains("notitle"))
    }

    func testComparedPanelsShareTheXRangeOfWhatTheyDraw() {
        let panels = [
            Panel(series: [.line(nil, x: [-4, 1], y: [0, 0])]),
            Panel(series: [.band(nil, x: [0, 6], lower: [0, 0], upper: [1, 1])]),
        ].sharingXRange()
        XCTAssertEqual(panels[0].xRange, panels[1].xRange)
        XCTAssertEqual(panels[0].xRange?.lowerBound ?? 0, -4.3, accuracy: 1e-12)
        XCTAssertEqual(panels[0].xRange?.upperBound ?? 0, 6.3, accuracy: 1e-12)
    }

    /// Panels over one another align only with one left margin: wide enough for the longest
    /// named tick, or the allowance for gnuplot's numbers, and two more for a y-axis title.
    func testPanelsSharingALeftMarginGetTheWidestOnesMargin() {
        var named = Panel(series: [.line(nil, x: [0, 1], y: [0, 1])])
        named.yTicks = [AxisTick("a label of 20 chars.", at: 0), AxisTick("short", at: 1)]
        let numbered = Panel(yLabel: "loss", series: [.line(nil, x: [0, 1], y: [0, 1])])
        XCTAssertEqual([named, numbered].sharingLeftMargin().map(\.leftMargin), [22, 22])
        XCTAssertEqual([numbered].sharingLeftMargin(numericLabelCharacters: 6).map(\.leftMargin), [10])
        XCTAssertFalse(script(numbered).contains("set lmargin"), "without a margin gnuplot fits its own")
        XCTAssertTrue(script([numbered].sharingLeftMargin()[0]).contains("set lmargin 10.0\n"))
        var below = numbered
        below.bottomMargin = 7
        XCTAssertTrue(script(below).contains("set bmargin 7.0\n"))
    }

    /// A region on a colour map is filled solid, so that it looks as its key swatch does; a
    /// spread stays see-through over what it shades.
    func testAnOpaqueBandIsFilledSolid() {
        let spread = script(Panel(series: [.band("spread", x: [0, 1], lower: [0, 0], upper: [1, 1])]))
        let region = script(Panel(series: [.band("region", x: [0, 1], lower: [0, 0], upper: [1, 1], opaque: true)]))
        XCTAssertTrue(spread.contains("fs transparent solid 0.25"))
        XCTAssertTrue(region.contains("fs solid 1 noborder"))
        XCTAssertFalse(region.contains("transparent"))
    }

    func testCentredMeanFollowsARampWithoutLag() {
        let ramp = (0..<50).map { 2.0 * Double($0) + 1 }
        XCTAssertEqual(Series.centredMean(ramp, window: 9), ramp, "a centred mean of a line is the line, ends included")
    }

    func testALineSmoothedKeepsItsXAndTakesTheNewTitleAndColour() {
        let smooth = Series.line("raw", x: [1, 2, 3], y: [0, 3, 0], color: 5).centredMean(
            window: 3, title: "mean", color: 1)
        guard case let .line(x, y, style) = smooth.content else { return XCTFail("a line") }
        XCTAssertEqual(x, [1, 2, 3])
        XCTAssertEqual(y, [0, 1, 0])
        XCTAssertEqual(style, .lines)
        XCTAssertEqual(smooth.title, "mean")
        XCTAssertEqual(smooth.color, 1)
    }

    func testALineSmoothedOverFullWindowsOnlyEndsWhereTheFullWindowEnds() {
        let smooth = Series.line("raw", x: [1, 2, 3, 4, 5], y: [6, 0, 0, 0, 3], color: 5).centredMean(
            window: 3, title: "mean", color: 1, fullWindowsOnly: true)
        guard case let .line(x, y, _) = smooth.content else { return XCTFail("a line") }
        XCTAssertEqual(x, [2, 3, 4])
        XCTAssertEqual(y, [2, 0, 1])
        let short = Series.line("raw", x: [1, 2], y: [1, 5], color: 5).centredMean(
            window: 5, title: nil, color: nil, fullWindowsOnly: true)
        guard case let .line(shortX, _, _) = short.content else { return XCTFail("a line") }
        XCTAssertEqual(shortX, [], "no point has a full window")
    }

    func testCentredMeanNarrowsSymmetricallyAtTheEnds() {
        XCTAssertEqual(Series.centredMean([0, 0, 3, 0, 0], window: 3), [0, 1, 1, 1, 0])
        XCTAssertEqual(Series.centredMean([6, 0, 0, 0, 3], window: 5), [6, 2, 1.8, 1, 3])
        XCTAssertEqual(Series.centredMean([1, 5], window: 1), [1, 5])
    }
}
