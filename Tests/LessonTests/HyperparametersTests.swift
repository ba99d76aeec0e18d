import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_hyperparameters

final class HyperparametersTests: XCTestCase {
    func testQuickRunComparesTheSearches() throws {
        let folder = try TemporaryFolder("hyperparameters")
        defer { folder.remove() }
        let report = try HyperparametersLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        let (grid, random, bayes) = (report.searches[0], report.searches[1], report.searches[2])
        XCTAssertEqual([grid.trials.count, random.trials.count, bayes.trials.count], [8, 8, 8])
        // The grid tries only 2 learning rates in 8 trials; random search tries 8.
        XCTAssertEqual(Set(grid.trials.map(\.setting.learningRate)).count, 2)
        XCTAssertEqual(Set(random.trials.map(\.setting.learningRate)).count, 8)
        // Best-so-far never decreases, and every search finds something well above chance.
        for search in report.searches {
            XCTAssertEqual(search.bestSoFar, search.bestSoFar.sorted(), search.name)
            XCTAssertGreaterThan(search.best.accuracy, 0.3, search.name)
        }
        // The rule of thumb: small batches zig-zag more.
        func spread(_ history: History) -> Float { TensorStatistics(Matrix(rows: history.minibatchLosses.count, cols: 1, history.minibatchLosses)).std }
        XCTAssertGreaterThan(spread(report.zigzag[0].history), spread(report.zigzag[1].history))
        for figure in ["search-space", "progress", "marginals", "zigzag"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("hyperparameters-\(figure).png")), figure)
        }
    }

    func testTheSearchSpace() {
        let low = HyperparametersLesson.Setting(point: [0, 0, 0]), high = HyperparametersLesson.Setting(point: [1, 1, 1])
        XCTAssertEqual(low.learningRate, 1e-4, accuracy: 1e-9)
        XCTAssertEqual(high.learningRate, 1, accuracy: 1e-6)
        XCTAssertEqual([low.width, high.width], [16, 512])
        XCTAssertEqual(high.dropout, 0.7, accuracy: 1e-6)
    }

    /// Trials in worker processes (--jobs 2) give exactly the numbers of a single process.
    func testParallelTrialsGiveTheSameResult() throws {
        // The products sit beside the test bundle (.build/<triple>/debug/).
        var products = Bundle(for: Self.self).bundleURL
        if products.pathExtension == "xctest" { products.deleteLastPathComponent() }
        let binary = products.appendingPathComponent("lesson-hyperparameters")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            return XCTFail("the lesson executable was not built at \(binary.path)")
        }
        let folder = try TemporaryFolder("hyperparameters-jobs")
        defer { folder.remove() }
        for (name, jobs) in [("one", "1"), ("two", "2")] {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["--quick", "--no-render", "--jobs", jobs, "--output", folder.file(name)]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
        }
        for figure in ["search-space", "progress", "marginals"] {
            let one = FileManager.default.contents(atPath: folder.file("one/hyperparameters-\(figure).dat"))
            XCTAssertNotNil(one)
            XCTAssertEqual(one, FileManager.default.contents(atPath: folder.file("two/hyperparameters-\(figure).dat")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() throws {
        XCTAssertThrowsError(try HyperparametersLesson.parse(["--jobs", "0"]))
        let lesson = try HyperparametersLesson.parse(["--trial", "0.5,2,0.1"])
        XCTAssertThrowsError(try lesson.run())
    }
}
