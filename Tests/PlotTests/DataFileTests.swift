import FileIO
import Foundation
import XCTest
@testable import Plot
import TestSupport

final class DataFileTests: XCTestCase {
    /// Every block names its columns, and values keep the precision they have.
    func testColumnsAndPrecision() {
        let figure = Figure(
            name: "probe",
            panels: [
                Panel(series: [
                    .line("accuracy", x: [1, 2], y: [Double(Float(32.68)), 0.1]),
                    .band(nil, x: [1], lower: [0], upper: [1]),
                ])
            ])
        let data = GnuplotScript(figure).data
        XCTAssertTrue(data.contains("# block 1: accuracy\n# columns: x y\n"), data)
        XCTAssertTrue(data.contains("# columns: x lower upper\n"), data)
        XCTAssertTrue(data.contains("2.0 0.1\n"), data)
        XCTAssertTrue(data.contains("1.0 32.68\n"), "a Float's shortest decimal: \(data)")
        XCTAssertFalse(data.contains("32.67999"), data)
    }
}
