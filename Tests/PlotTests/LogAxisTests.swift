import XCTest
@testable import Plot

/// Log axes: minor ticks only where gnuplot can space them.
final class LogAxisTests: XCTestCase {
    func script(decades: Double, range: ClosedRange<Double>? = nil) -> String {
        let x = (0...10).map(Double.init)
        let panel = Panel(
            yScale: .log, yRange: range, series: [.line("f", x: x, y: x.map { pow(10, -decades * $0 / 10) })])
        return GnuplotScript(Figure(name: "log", panels: [panel], layout: .single)).script
    }

    /// Twenty decades: gnuplot's majors are decades apart, so its per-decade minor ticks would
    /// clump under each one; they are turned off.
    func testManyDecadesDrawNoMinorTicks() {
        XCTAssertTrue(script(decades: 20).contains("set mytics 1"))
        XCTAssertTrue(
            script(decades: 2, range: 1e-12...10).contains("set mytics 1"), "the range set, not the data, decides")
    }

    func testAFewDecadesKeepTheMinorTicks() {
        XCTAssertFalse(script(decades: 3).contains("mytics"))
    }

    /// 1, 2 and 5 per decade (and 1.5, 3, 7 under two decades), inside the range only, printed
    /// without binary noise.
    func testLogarithmicTicksLabelOneTwoFivePerDecade() {
        XCTAssertEqual(AxisTick.logarithmic(1...500).map(\.position), [1, 2, 5, 10, 20, 50, 100, 200, 500])
        XCTAssertEqual(
            AxisTick.logarithmic(0.15...300).map(\.label),
            ["0.2", "0.5", "1", "2", "5", "10", "20", "50", "100", "200"])
        XCTAssertEqual(
            AxisTick.logarithmic(0.05...200).map(\.label),
            ["0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100", "200"])
        // Under two decades, 1.5, 3 and 7 too: 1, 2 and 5 would leave a few labels.
        XCTAssertEqual(AxisTick.logarithmic(0.54...2.7).map(\.label), ["0.7", "1", "1.5", "2"])
        XCTAssertEqual(AxisTick.logarithmic(1e-5...1.5e-5).map(\.label), ["1e-05"])
    }

    /// Named x ticks replace gnuplot's, which on a log axis of one or two decades label only 1 and 10.
    func testXTicksReachTheScript() {
        var panel = Panel(xScale: .log, series: [.line("f", x: [1, 50], y: [1, 2])])
        panel.xTicks = AxisTick.logarithmic(1...500)
        let script = GnuplotScript(Figure(name: "log", panels: [panel], layout: .single)).script
        XCTAssertTrue(
            script.contains(
                "set xtics ('1' 1.0, '2' 2.0, '5' 5.0, '10' 10.0, '20' 20.0, '50' 50.0, '100' 100.0, '200' 200.0, '500' 500.0)"
            ), script)
        XCTAssertFalse(
            GnuplotScript(Figure(name: "log", panels: [Panel(series: [])], layout: .single)).script.contains(
                "set xtics ("))
    }

    /// A panel fitted to its values then labelled 1-2-5 over that range; without a range, no ticks.
    func testLabellingLogYRangeFollowsTheFittedRange() throws {
        let panel = [Panel(yScale: .log, series: [.line("f", x: [1, 2, 3], y: [25, 100, 300])])].sharingYRange()[0]
        XCTAssertEqual(panel.labellingLogYRange().yTicks.map(\.position), [30, 50, 70, 100, 150, 200, 300])
        XCTAssertEqual(try XCTUnwrap(panel.yRange).lowerBound, 25 / 1.15, accuracy: 1e-9)
        XCTAssertTrue(Panel(yScale: .log, series: []).labellingLogYRange().yTicks.isEmpty)
    }
}
