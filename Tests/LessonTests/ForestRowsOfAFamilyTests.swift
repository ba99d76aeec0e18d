import LessonKit
@testable import Plot
import XCTest

/// A forest of some rows of one Holm family colours each row by the correction over the whole
/// family, not over the rows it shows.
final class ForestRowsOfAFamilyTests: XCTestCase {
    /// Differences of about `mean` points over five paired seeds, with a spread of about one point.
    func difference(_ mean: Double) -> Difference {
        Difference(Estimate([50, 51.5, 49, 50.5, 50.2].map { $0 + mean }), Estimate([50, 50, 50, 50, 50]))
    }

    func testRowsOfAFamilyKeepTheFamilysHolmVerdict() throws {
        // Alone, the first row's interval excludes zero (p ≈ 0.02); over three comparisons, it
        // does not survive Holm (3p > 0.05).
        let family = Holm([difference(1.2), difference(-0.2), difference(0.1)])
        XCTAssertTrue(family.differences[0].isResolved)
        XCTAssertFalse(family.survives(0))
        let labels = ["a", "b", "c"]
        let shown = StandardPanels.differenceForests(
            rows: [0], of: family, labels: labels, title: "title", xLabel: "difference (points)")
        XCTAssertEqual(shown.count, 1)
        XCTAssertEqual(shown[0].yTicks.map { String($0.label.prefix(1)) }, ["a"])
        // (The row is borderline too: its key also says what a dashed bar means.)
        XCTAssertEqual(shown[0].series.compactMap(\.title).first, "not after Holm")
        let alone = StandardPanels.differenceForest(
            ["a"], [family.differences[0]], holm: Holm([family.differences[0]]), title: "title",
            xLabel: "difference (points)")
        XCTAssertEqual(alone.series.compactMap(\.title).first, "survives Holm", "a family of one would say otherwise")
        // Rows many times apart go to panels of their own, in the rows' order, with one key.
        let wide = Holm([difference(1.2), difference(70), difference(3)])
        let split = StandardPanels.differenceForests(
            rows: [2, 1], of: wide, labels: labels, title: "title", xLabel: "difference (points)")
        XCTAssertEqual(split.map { $0.yTicks.map { String($0.label.prefix(1)) } }, [["c"], ["b"]])
        XCTAssertEqual(split[0].legend, .hidden)
        XCTAssertEqual(split[0].leftMargin, split[1].leftMargin)
        // Rows many times apart in size whose intervals still span a twelfth of one axis
        // (about 2.2 points of about 21) share it.
        let readable = Holm([difference(1.2), difference(20)])
        let shared = StandardPanels.differenceForests(
            rows: [0, 1], of: readable, labels: ["a", "b"], title: "title", xLabel: "difference (points)")
        XCTAssertEqual(shared.map { $0.yTicks.map { String($0.label.prefix(1)) } }, [["a", "b"]])
    }
}
