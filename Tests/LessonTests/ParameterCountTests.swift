import ArgumentParser
import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_parameter_count

final class ParameterCountTests: XCTestCase {
    func testTheLecturesNetworkHas16210Parameters() throws {
        let (rows, built) = try ParameterCount.measuredCounts(
            ParameterCount.lectureSizes, bias: true, batchNorm: false, random: Random(seed: 1))
        XCTAssertTrue(built)
        XCTAssertEqual(ParameterCount.model(ParameterCount.lectureSizes, random: Random(seed: 1)).parameterCount, 16210)
        let table = ParameterCount.table(rows, sizes: ParameterCount.lectureSizes)
        XCTAssertEqual(
            table.rows.map { Array($0[1...]) },
            [
                ["5,000", "100", "5,100"], ["10,000", "100", "10,100"], ["1,000", "10", "1,010"], ["", "", "16,210"],
            ])
    }

    /// The arithmetic count agrees with the engine's model, layer by layer and by name.
    func testArithmeticMatchesTheEngine() {
        let random = Random(seed: 1)
        for (sizes, bias, batchNorm) in [
            ([784, 75, 45, 10], true, true), ([784, 75, 45, 10], false, false), ([3, 5, 2], true, false),
            ([784, 100, 100, 10], true, false), ([20, 7, 7, 7, 4], false, true),
        ] {
            let engine = ParameterCount.model(sizes, bias: bias, batchNorm: batchNorm, random: random)
                .parameterSummary()
                .map { ParameterCount.LayerCount(layer: $0.layer, weights: $0.weights, biases: $0.biases) }
            XCTAssertEqual(ParameterCount.layerCounts(sizes, bias: bias, batchNorm: batchNorm), engine, "\(sizes)")
        }
        XCTAssertEqual(
            ParameterCount.count([784, 75, 45, 10], batchNorm: true),
            784 * 75 + 2 * 75 + 75 * 45 + 2 * 45 + 45 * 10 + 10)
        XCTAssertEqual(ParameterCount.count([784, 100, 100, 10]), 89_610)
    }

    /// The README's claim: with 784 inputs, two hidden layers pass the 54,000 training images
    /// at width 63 (w² + 796w + 10 > 54,000), not at every "narrow" width.
    func testCrossingWidth() {
        XCTAssertEqual(ParameterCount.crossingWidth(inputs: 784, classes: 10, examples: 54_000), 63)
        XCTAssertLessThanOrEqual(ParameterCount.count([784, 62, 62, 10])!, 54_000)
        XCTAssertGreaterThan(ParameterCount.count([784, 63, 63, 10])!, 54_000)
        XCTAssertEqual(ParameterCount.crossingWidth(inputs: 784, classes: 10, examples: 60_000), 70)
        let lecture = ParameterCount.crossingWidth(inputs: 50, classes: 10, examples: 54_000)
        XCTAssertGreaterThan(ParameterCount.count([50, lecture, lecture, 10])!, 54_000)
        XCTAssertLessThanOrEqual(ParameterCount.count([50, lecture - 1, lecture - 1, 10])!, 54_000)
    }

    /// Huge networks: counted without allocating, never built; counts that overflow are refused.
    func testHugeNetworks() throws {
        XCTAssertNil(ParameterCount.count([4_294_967_296, 4_294_967_296]))
        XCTAssertNil(ParameterCount.count([Int.max, 2]))
        XCTAssertEqual(ParameterCount.count([100_000, 100_000, 10]), 100_000 * 100_000 + 100_000 + 100_000 * 10 + 10)
        let (rows, built) = try ParameterCount.measuredCounts(
            [100_000, 100_000, 10], bias: true, batchNorm: false, random: Random(seed: 1))
        XCTAssertFalse(built)
        XCTAssertEqual(rows.map(\.total), [100_000 * 100_000 + 100_000, 1_000_010])

        let temporary = try TemporaryFolder("lesson")
        defer { temporary.remove() }
        let command = try XCTUnwrap(
            try ParameterCount.parseAsRoot([
                "--layers", "100000,100000,10", "--quiet", "--no-render",
                "--output", temporary.path,
            ]) as? ParameterCount)
        try command.run()
        let results = try String(contentsOfFile: temporary.file("parameter-count-results.json"), encoding: .utf8)
        XCTAssertTrue(results.contains("10,001,100,010"), results)
    }

    func testLayerOption() throws {
        XCTAssertEqual(try ParameterCount.parse(["--layers", "784, 75,45,10"]).layers.values, [784, 75, 45, 10])
        for bad in [
            "", "784", "784,,10", "784,0,10", "784,-5,10", "a,b", "nan,10", "inf,10", "1e3,10", "4294967296,4294967296",
            "9223372036854775807,9223372036854775807", "99999999999999999999,10",
            Array(repeating: "10", count: 65).joined(separator: ","),
        ] {
            XCTAssertThrowsError(try ParameterCount.parse(["--layers", bad]), bad)
        }
        XCTAssertThrowsError(try ParameterCount.parseAsRoot(["--threads", "0"]))
    }

    /// The whole lesson, as `swift run lesson-parameter-count --output DIR` runs it.
    func testRunWritesItsFigures() throws {
        let temporary = try TemporaryFolder("lesson")
        defer { temporary.remove() }
        let folder = temporary.path
        let command = try XCTUnwrap(
            try ParameterCount.parseAsRoot(["--output", folder, "--quick", "--quiet"]) as? ParameterCount)
        try command.run()
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        for figure in ["per-layer", "growth"] {
            for suffix in ["gp", "dat", "png", "svg"] {
                XCTAssertTrue(files.contains("parameter-count-\(figure).\(suffix)"), "\(figure).\(suffix)")
            }
        }
        XCTAssertTrue(files.contains("parameter-count-results.json"))
        let bars = try String(contentsOfFile: folder + "/parameter-count-per-layer.dat", encoding: .utf8)
        XCTAssertTrue(bars.contains("\"layer 2 (100→100)\" 10000.0"), bars)
        let results = try String(contentsOfFile: folder + "/parameter-count-results.json", encoding: .utf8)
        XCTAssertTrue(results.contains("from w = 63 on"), results)
    }

    func testUnwritableOutputIsAnError() throws {
        let temporary = try TemporaryFolder("lesson")
        defer { temporary.remove() }
        let file = temporary.file("not-a-folder")
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data()))
        let command = try XCTUnwrap(try ParameterCount.parseAsRoot(["--output", file]) as? ParameterCount)
        XCTAssertThrowsError(try command.run()) {
            XCTAssertEqual("\($0)", "cannot write \(file): it is a file, not a folder")
        }
    }
}
