import ArgumentParser
import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_parameter_count

final class ParameterCountTests: XCTestCase {
    func testTheLecturesNetworkHas16210Parameters() {
        let model = ParameterCount.model(ParameterCount.lectureSizes, random: Random(seed: 1))
        XCTAssertEqual(model.parameterCount, 16210)
        let table = ParameterCount.table(for: model)
        XCTAssertEqual(table.rows.map { Array($0[1...]) }, [
            ["5,000", "100", "5,100"], ["10,000", "100", "10,100"], ["1,000", "10", "1,010"], ["", "", "16,210"],
        ])
    }

    func testOtherArchitectures() {
        let random = Random(seed: 1)
        // The batch-size lesson's network: BatchNorm replaces the hidden biases with γ and β.
        let batchNorm = ParameterCount.model([784, 75, 45, 10], batchNorm: true, random: random)
        XCTAssertEqual(batchNorm.parameterSummary().map(\.total), [784 * 75, 2 * 75, 75 * 45, 2 * 45, 45 * 10 + 10])
        XCTAssertEqual(ParameterCount.model([784, 75, 45, 10], bias: false, random: random).parameterCount, 784 * 75 + 75 * 45 + 45 * 10)
        XCTAssertEqual(ParameterCount.total([784, 100, 100, 10], random: random), 89_610)
    }

    func testLayerOption() throws {
        XCTAssertEqual(try ParameterCount.parse(["--layers", "784, 75,45,10"]).layers.values, [784, 75, 45, 10])
        for bad in ["", "784", "784,,10", "784,0,10", "784,-5,10", "a,b"] {
            XCTAssertThrowsError(try ParameterCount.parse(["--layers", bad]), bad)
        }
        XCTAssertThrowsError(try ParameterCount.parseAsRoot(["--threads", "0"]))
    }

    /// The whole lesson, as `swift run lesson-parameter-count --output DIR` runs it.
    func testRunWritesItsFigures() throws {
        let temporary = try TemporaryFolder("lesson")
        defer { temporary.remove() }
        let folder = temporary.path
        let command = try XCTUnwrap(try ParameterCount.parseAsRoot(["--output", folder, "--quick"]) as? ParameterCount)
        try command.run()
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        for figure in ["per-layer", "growth"] {
            for suffix in ["gp", "dat", "png", "svg"] {
                XCTAssertTrue(files.contains("parameter-count-\(figure).\(suffix)"), "\(figure).\(suffix)")
            }
        }
        let bars = try String(contentsOfFile: folder + "/parameter-count-per-layer.dat", encoding: .utf8)
        XCTAssertTrue(bars.contains("\"layer 2 (100→100)\" 10000.0"), bars)
    }

    func testUnwritableOutputIsAnError() throws {
        let temporary = try TemporaryFolder("lesson")
        defer { temporary.remove() }
        let file = temporary.file("not-a-folder")
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data()))
        let command = try XCTUnwrap(try ParameterCount.parseAsRoot(["--output", file]) as? ParameterCount)
        XCTAssertThrowsError(try command.run()) { XCTAssertEqual("\($0)", "cannot write \(file): it is a file, not a folder") }
    }
}
