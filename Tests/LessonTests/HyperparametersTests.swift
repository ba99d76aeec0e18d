import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_hyperparameters

final class HyperparametersTests: XCTestCase {
    func testQuickRunRepeatsEverySearch() throws {
        let folder = try TemporaryFolder("hyperparameters")
        defer { folder.remove() }
        let report = try HyperparametersLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(report.runs.map(\.label), ["grid", "random", "Bayesian"])
        for strategy in HyperparametersLesson.Strategy.allCases {
            let searches = try XCTUnwrap(report.searches[strategy])
            XCTAssertEqual(searches.count, 2, "two repeated searches with --quick")
            for search in searches {
                XCTAssertEqual(search.trials.count, 8)
                // Best-so-far never decreases, and every search finds something well above chance.
                XCTAssertEqual(search.bestSoFar, search.bestSoFar.sorted(), strategy.rawValue)
                XCTAssertGreaterThan(search.best.accuracy, 0.25, strategy.rawValue)
            }
        }
        // The grid visits each of its 2 × 2 × 2 points once, in an order that differs between
        // searches, and so tries only 2 learning rates; random search tries 8.
        let grids = report.searches[.grid]!
        for grid in grids {
            XCTAssertEqual(Set(grid.trials.map { $0.setting.point.description }).count, 8)
            XCTAssertEqual(Set(grid.trials.map(\.setting.learningRate)).count, 2)
        }
        XCTAssertNotEqual(grids[0].trials.map { $0.setting.point }, grids[1].trials.map { $0.setting.point })
        for search in report.searches[.random]! {
            XCTAssertEqual(Set(search.trials.map(\.setting.learningRate)).count, 8)
        }
        // The searches differ from seed to seed: the spread the comparison is judged against.
        XCTAssertNotEqual(
            report.searches[.random]![0].trials.map(\.accuracy), report.searches[.random]![1].trials.map(\.accuracy))
        // Each strategy has its own stream: random and Bayesian search start at different points.
        for (random, bayes) in zip(report.searches[.random]!, report.searches[.bayesian]!) {
            XCTAssertNotEqual(random.trials[0].setting.point, bayes.trials[0].setting.point)
        }
        // The Bayesian searches record their surrogate's length scales, one per hyperparameter.
        XCTAssertTrue(report.searches[.bayesian]!.allSatisfy { $0.fittedLengthScales?.count == 3 })
        // Every trial of every search is a row of the per-run data: its strategy, trial number,
        // seed, hyperparameters and validation accuracy, so that the searches can be recomputed.
        let strategies = HyperparametersLesson.Strategy.allCases
        XCTAssertEqual(report.trials.count, strategies.count * 8)
        let lines = try String(contentsOfFile: folder.file("hyperparameters-per-run.csv"), encoding: .utf8)
            .split(separator: "\n")
        // The labels ("grid, trial 1") are quoted; the columns after them hold no comma.
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).map(String.init)
        let rows = lines.filter { $0.hasPrefix("trials,") }.map { line in
            Dictionary(
                uniqueKeysWithValues: zip(
                    header,
                    line.components(separatedBy: "\",")[1].split(separator: ",", omittingEmptySubsequences: false).map(
                        String.init))
            )
        }
        guard rows.count == strategies.count * 8 * 2 else { return XCTFail("\(rows.count) trial rows") }
        // Rows in order of strategy, trial, seed.
        for (strategyIndex, strategy) in strategies.enumerated() {
            for (seedIndex, search) in report.searches[strategy]!.enumerated() {
                for (index, trial) in search.trials.enumerated() {
                    let row = rows[(strategyIndex * 8 + index) * 2 + seedIndex]
                    XCTAssertEqual(row["strategy"], strategy.rawValue)
                    XCTAssertEqual(row["trial"], "\(index + 1)")
                    XCTAssertEqual(row["seed"], "\(123 + seedIndex)")
                    XCTAssertEqual(row["width"], "\(trial.setting.width)")
                    XCTAssertEqual(Float(row["learning_rate"] ?? ""), trial.setting.learningRate)
                    XCTAssertEqual(Float(row["dropout_p"] ?? ""), trial.setting.dropout)
                    XCTAssertEqual(
                        Double(row["validation_accuracy_pct"] ?? "") ?? .nan, 100 * Double(trial.accuracy),
                        accuracy: 1e-4)
                }
            }
        }
        // The report fits the random-search trials and counts the winner's curse.
        let results = try LessonResults.read(folder.file("hyperparameters-results.json"))
        XCTAssertTrue(results.report.contains { $0.hasPrefix("  learning rate of degree 4: width ") })
        XCTAssertTrue(results.report.contains { $0.hasPrefix("Retrained and scored on test, the chosen setting") })
        XCTAssertEqual(DataCheck.problems(lesson: "hyperparameters", folder: folder.path), [])
        // One setting trained under two seeds scores differently: a trial is a noisy measurement.
        XCTAssertGreaterThan(report.repeated.estimate(\.validationAccuracy).std, 0)
        // The rule of thumb: small batches zig-zag more.
        func spread(_ history: History) -> Float {
            TensorStatistics(Matrix(rows: history.minibatchLosses.count, cols: 1, history.minibatchLosses)).std
        }
        XCTAssertGreaterThan(spread(report.zigzag[0].history), spread(report.zigzag[1].history))
        for figure in ["search-space", "progress", "posterior", "marginals", "zigzag", "differences"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("hyperparameters-\(figure).png")), figure)
        }
        // The x axis of the progress figure ends at the last trial.
        let script = try String(contentsOfFile: folder.file("hyperparameters-progress.gp"), encoding: .utf8)
        XCTAssertTrue(script.contains("set xrange [1.0:8.0]"), script)
    }

    /// The searches run on worker threads; their results do not depend on how many.
    func testResultsDoNotDependOnThreads() throws {
        let folder = try TemporaryFolder("hyperparameters-threads")
        defer { folder.remove() }
        for threads in ["1", "2"] {
            _ = try HyperparametersLesson.parse([
                "--quick", "--quiet", "--no-render", "--threads", threads, "--output", folder.file(threads),
            ]).perform()
        }
        for figure in ["search-space", "progress", "marginals"] {
            let one = FileManager.default.contents(atPath: folder.file("1/hyperparameters-\(figure).dat"))
            XCTAssertNotNil(one)
            XCTAssertEqual(
                one, FileManager.default.contents(atPath: folder.file("2/hyperparameters-\(figure).dat")), figure)
        }
    }

    /// The surrogate along the learning rate: on trials whose accuracy depends only on the
    /// learning rate (peaked at 10⁻¹), the fitted length scale of the learning rate is the
    /// shortest, the posterior mean peaks near 10⁻¹, and the expected improvement is never negative.
    func testPosteriorSeesThatOnlyTheLearningRateMatters() {
        let random = Random(seed: 7, purpose: .dataSubset)
        let trials = (0..<20).map { _ -> HyperparametersLesson.Trial in
            let point = (0..<3).map { _ in Double(random.uniform()) }
            let logRate = -4 + 4 * point[0]
            return HyperparametersLesson.Trial(
                setting: HyperparametersLesson.Setting(point: point),
                accuracy: Float(0.8 - 0.05 * (logRate + 1) * (logRate + 1)))
        }
        let search = HyperparametersLesson.Search(strategy: .bayesian, trials: trials)
        let posteriors = HyperparametersLesson.posteriors(
            search, after: HyperparametersLesson.posteriorCheckpoints(trials: 20))
        XCTAssertEqual(posteriors.map(\.trials), [5, 10, 20])
        let last = posteriors.last!
        XCTAssertLessThan(last.surrogate.lengthScales[0], last.surrogate.lengthScales[1])
        XCTAssertLessThan(last.surrogate.lengthScales[0], last.surrogate.lengthScales[2])
        let logRates = (0...100).map { -4 + 4 * Double($0) / 100 }
        let curve = last.reading(logRates, at: last.incumbent)
        let peak = curve.indices.max { curve[$0].mean < curve[$1].mean }!
        XCTAssertEqual(logRates[peak], -1, accuracy: 0.5)
        XCTAssertTrue(
            posteriors.allSatisfy { $0.reading(logRates, at: last.incumbent).allSatisfy { $0.improvement >= 0 } })
    }

    func testTheSearchSpace() {
        let low = HyperparametersLesson.Setting(point: [0, 0, 0]),
            high = HyperparametersLesson.Setting(point: [1, 1, 1])
        XCTAssertEqual(low.learningRate, 1e-4, accuracy: 1e-9)
        XCTAssertEqual(high.learningRate, 1, accuracy: 1e-6)
        XCTAssertEqual([low.width, high.width], [16, 512])
        XCTAssertEqual(high.dropout, 0.7, accuracy: 1e-6)
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--epochs", "0"], ["--epochs", "-1"], ["--epochs", "nan"], ["--epochs", "99999999999"], ["--seeds", "0"],
            ["--seeds", "101"], ["--threads", "0"], ["--threads", "4294967296"], ["--jobs", "2"],
            ["--trial", "0.5,2,0.1"],
        ] {
            XCTAssertThrowsError(try HyperparametersLesson.parse(bad), "\(bad)")
        }
    }
}
