import LessonKit
@testable import Plot
import XCTest

/// A forest plot whose differences are of very different sizes is split into panels of rows of
/// like size, so that a 2-point interval is not squeezed beside a 70-point one.
final class ForestPanelsTests: XCTestCase {
    /// Differences of about `mean` points over five paired seeds, with a spread of about one point.
    func difference(_ mean: Double) -> Difference {
        Difference(Estimate([50, 51.5, 49, 50.5, 50.2].map { $0 + mean }), Estimate([50, 50, 50, 50, 50]))
    }

    func testRowsOfLikeSizeShareAPanelInTheirOrderWithTheKeyOnce() throws {
        let differences = [difference(1.5), difference(70), difference(3), difference(72), difference(-0.1)]
        let labels = ["a", "b", "c", "d", "e"]
        let panels = StandardPanels.differenceForests(
            labels, differences, title: "title", xLabel: "difference (points)")
        XCTAssertEqual(panels.count, 2)
        // The panel of the first row comes first; rows keep their order within each panel.
        XCTAssertEqual(panels[0].yTicks.map { String($0.label.prefix(1)) }, ["a", "c", "e"])
        XCTAssertEqual(panels[1].yTicks.map { String($0.label.prefix(1)) }, ["b", "d"])
        XCTAssertEqual(panels[0].title, "title")
        XCTAssertEqual(
            panels[1].title, "the same comparison, rows with larger differences on an x-axis of their own")
        // Each x-axis holds zero and its own rows only: the small rows' axis ends near 3 points.
        let smallRange = try XCTUnwrap(panels[0].xRange)
        XCTAssertTrue(smallRange.contains(0) && smallRange.upperBound < 10, "\(smallRange)")
        XCTAssertTrue(try XCTUnwrap(panels[1].xRange).contains(75))
        // One key, under the last panel, for the verdicts of every row (the within-noise row is
        // in the first panel).
        XCTAssertEqual(panels[0].legend, .hidden)
        XCTAssertTrue(panels[0].series.allSatisfy { $0.title == nil })
        XCTAssertEqual(panels[1].series.compactMap(\.title), ["interval excludes 0", "within noise"])
        // One left margin, so that the panels' plot areas are one above the other.
        XCTAssertNotNil(panels[0].leftMargin)
        XCTAssertEqual(panels[0].leftMargin, panels[1].leftMargin)
    }

    func testRowsOfLikeSizeStayInOnePanelAsTheSingleForest() {
        let differences = [difference(2), difference(8), difference(-5)]
        let panels = StandardPanels.differenceForests(
            ["a", "b", "c"], differences, title: "title", xLabel: "difference (points)")
        let single = StandardPanels.differenceForest(
            ["a", "b", "c"], differences, title: "title", xLabel: "difference (points)")
        XCTAssertEqual(panels.count, 1)
        XCTAssertEqual(panels[0].yTicks.map(\.label), single.yTicks.map(\.label))
        XCTAssertEqual(panels[0].xRange, single.xRange)
        XCTAssertEqual(panels[0].series.compactMap(\.title), single.series.compactMap(\.title))
        XCTAssertNil(panels[0].leftMargin)
        XCTAssertEqual(
            StandardPanels.differenceForests([], [], title: "none", xLabel: "difference").map(\.yTicks.count), [0],
            "no rows: one empty panel, as a figure needs one")
    }
}
