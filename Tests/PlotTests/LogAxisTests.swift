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
}
