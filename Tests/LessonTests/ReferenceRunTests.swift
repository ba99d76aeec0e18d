import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_momentum

final class ReferenceRunTests: XCTestCase {
    /// A real lesson run as the reference (into figures/ of a scratch checkout), then as a
    /// user with another --seed: the user's run goes to a runs/ folder of its own, leaves the
    /// reference alone, and agrees with it within noise on every setting.
    func testASeedOnlyChangeAgreesWithTheReferenceWithinNoise() throws {
        let checkout = try TemporaryFolder("checkout")
        defer { checkout.remove() }
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(checkout.path))
        defer { XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(previous)) }
        let common = ["--quick", "--quiet", "--no-render", "--seeds", "5", "--epochs", "2"]
        _ = try MomentumLesson.parse(common + ["--output", "figures", "--reference"]).perform()
        let referenceFile = "figures/" + LessonResults.fileName(lesson: "momentum")
        let reference = try Data(contentsOf: URL(fileURLWithPath: referenceFile))
        _ = try MomentumLesson.parse(common + ["--seed", "1000"]).perform()
        XCTAssertEqual(
            try Data(contentsOf: URL(fileURLWithPath: referenceFile)), reference, "the reference is untouched")
        let runs = try FileManager.default.contentsOfDirectory(atPath: "runs/momentum")
        XCTAssertEqual(runs.count, 1)
        let yours = try LessonResults.read("runs/momentum/\(runs[0])/" + LessonResults.fileName(lesson: "momentum"))
        XCTAssertEqual(yours.seeds.first, 1000)
        let comparison = ReferenceComparison(yours: yours, reference: try LessonResults.read(referenceFile))
        XCTAssertEqual(comparison.rows.count, 4, comparison.lines.joined(separator: "\n"))
        for row in comparison.rows {
            XCTAssertEqual(row.verdict, "agrees within noise", comparison.lines.joined(separator: "\n"))
        }
    }
}
