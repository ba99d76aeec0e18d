import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

final class DataCheckTests: XCTestCase {
    final class Capture: @unchecked Sendable { var text = "" }

    /// A run with a per-run value beside its history.
    struct ProbeRun: RunRecord {
        var history: History
        var test: Evaluation?
        var firstWeight: Double
        static let columns = [RunColumn("first_weight", \Self.firstWeight)]
    }

    /// A small lesson: two learning rates of one network on synthetic blobs, over seeds,
    /// into `folder`, with `reportMore` after its verdicts; its printed output.
    @discardableResult
    func probe(
        into folder: String, arguments: [String] = [], reference: String? = nil,
        reportMore: (LessonContext, [SettingRuns<ProbeRun>]) -> Void = { _, _ in }
    ) throws -> String {
        let capture = Capture()
        let options = try LessonOptions.parse(
            ["--seeds", "5", "--threads", "1", "--no-render", "--output", folder] + arguments)
        let context = try LessonContext(
            lesson: "probe", options: options, console: Console(isTerminal: false, output: { capture.text += $0 }),
            referenceFolder: reference ?? folder)
        let data = Synthetic.blobs(count: 200, classes: 3, random: Random(seed: 9))
        let runs = try context.overSeeds(
            [0.05, 0.2] as [Float], label: { "lr \($0)" }, columns: { ["learning_rate": SettingValue($0)] }
        ) { rate, run in
            let model = Sequential.mlp([2, 16, 3], random: run.random(.weights))
            let first = Double(model.parameters[0].value.storage[0])
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: rate),
                train: data, validation: data, options: TrainingOptions(epochs: 4, batchSize: 20))
            return ProbeRun(
                history: history, test: Evaluation(of: model, loss: CrossEntropyLoss(), on: data), firstWeight: first)
        }
        context.report("Validation, last epochs: \(runs[1].lastEpochs(10, .validationAccuracy))")
        context.report(
            Difference(runs[1].final(.trainLoss), runs[0].final(.trainLoss))
                .verdict("lr 0.2", "lr 0.05", quantity: "Final training loss", unit: "", decimals: 4))
        let test = Holm(runs, against: runs[0]) { $0.testAccuracy }
        context.report(test.verdict(1, "lr 0.2", "lr 0.05", quantity: "Test accuracy", caveats: ["as run"]))
        context.report(
            Difference(runs[1].atBestValidation(.gap), runs[0].lastEpochs(2, .gap), paired: false)
                .verdict("lr 0.2", "lr 0.05", quantity: "Gap"))
        reportMore(context, runs)
        try context.finish()
        return capture.text
    }

    func edit(_ path: String, row: Int, column: String, _ change: (Double) -> Double) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let index = try XCTUnwrap(lines[0].firstIndex(of: column), column)
        lines[row][index] = "\(change(try XCTUnwrap(Double(lines[row][index]))))"
        try lines.map { $0.joined(separator: ",") }.joined(separator: "\n").appending("\n").write(
            toFile: path, atomically: true, encoding: .utf8)
    }

    /// The data files are tidy, every summary is recomputed from them, and changing one
    /// number a summary rests on (in either file) makes the check fail, naming the summary.
    func testCheckRecomputesEverySummaryAndCatchesAChangedNumber() throws {
        let folder = try TemporaryFolder("data-check")
        defer { folder.remove() }
        try probe(into: folder.path)
        let runs = try String(contentsOfFile: folder.file("probe-runs.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(
            runs[0],
            "experiment,setting,learning_rate,seed,epoch,epoch_learning_rate,train_loss,train_accuracy_pct,validation_loss,validation_accuracy_pct"
        )
        XCTAssertEqual(runs.count, 1 + 2 * 5 * 4, "one row per setting, seed and epoch")
        XCTAssertTrue(runs[1].hasPrefix("main,lr 0.05,0.05,123,1,0.05,"), String(runs[1]))
        let perRun = try String(contentsOfFile: folder.file("probe-per-run.csv"), encoding: .utf8).split(
            separator: "\n")
        XCTAssertEqual(perRun[0], "experiment,setting,learning_rate,seed,test_accuracy_pct,test_loss,first_weight")
        XCTAssertEqual(perRun.count, 1 + 2 * 5)
        XCTAssertEqual(DataCheck.problems(lesson: "probe", folder: folder.path), [])

        // The last epoch of the first setting's first seed: its final validation accuracy.
        try edit(folder.file("probe-runs.csv"), row: 4, column: "validation_accuracy_pct") { $0 - 1 }
        let problems = DataCheck.problems(lesson: "probe", folder: folder.path)
        XCTAssertTrue(problems.contains { $0.contains("main / lr 0.05, validation_accuracy_pct final") }, "\(problems)")
        XCTAssertThrowsError(
            try DataCheck.run(["probe"], folder: folder.path, console: Console(isTerminal: false, quiet: true)))

        try edit(folder.file("probe-runs.csv"), row: 4, column: "validation_accuracy_pct") { $0 + 1 }
        XCTAssertEqual(DataCheck.problems(lesson: "probe", folder: folder.path), [], "restored")
        try edit(folder.file("probe-per-run.csv"), row: 2, column: "first_weight") { $0 + 0.5 }
        XCTAssertTrue(DataCheck.problems(lesson: "probe", folder: folder.path).contains { $0.contains("first_weight") })
    }

    /// Every verdict line the probe reports (plain, Holm-corrected, Welch; from runs.csv and
    /// per-run.csv) is recorded with its sources and recomputed from the data files equal to
    /// the report's line; the line with a number the check does not derive is counted.
    func testVerdictLinesAreRecomputedFromTheDataFiles() throws {
        let folder = try TemporaryFolder("verdict-check")
        defer { folder.remove() }
        try probe(into: folder.path)
        let results = try LessonResults.read(folder.file("probe-results.json"))
        let verdicts = try XCTUnwrap(results.verdicts)
        XCTAssertEqual(verdicts.map(\.reportIndex), [1, 2, 3])
        XCTAssertEqual(verdicts.map(\.line), Array(results.report[1...3]))
        XCTAssertEqual(
            verdicts[1].comparison.a,
            Estimate.Source(experiment: "main", setting: "lr 0.2", column: "test_accuracy_pct", summary: .perRun))
        XCTAssertEqual(verdicts[1].holm?.comparisons.count, 2)
        XCTAssertEqual(verdicts[2].comparison.b?.summary, .lastK)
        XCTAssertFalse(verdicts[2].comparison.paired)
        let outcome = DataCheck.check(lesson: "probe", folder: folder.path)
        XCTAssertEqual(outcome.problems, [])
        XCTAssertEqual(outcome.recomputedVerdicts, 3)
        XCTAssertEqual(outcome.underivedLines, 1, "the line typed from an estimate: \(results.report[0])")
    }

    /// A verdict on a window of epochs (how much a run gained late) is recorded as a
    /// `window` source (first epoch and length) and recomputed from the data files: a changed
    /// number inside the window fails it.
    func testAWindowVerdictRestsOnItsEpochsOnly() throws {
        let folder = try TemporaryFolder("window-check")
        defer { folder.remove() }
        try probe(into: folder.path) { context, runs in
            context.report(
                Difference(runs[1].window(3...4, .trainLoss), runs[1].window(1...2, .trainLoss))
                    .verdict("epochs 3–4", "epochs 1–2", quantity: "Late change", unit: "", decimals: 4))
            context.report(
                Difference(runs[1].lowest(.validationLoss), runs[0].lowest(.validationLoss))
                    .verdict("lr 0.2", "lr 0.05", quantity: "Lowest validation loss", unit: "", decimals: 4))
        }
        let verdicts = try XCTUnwrap(LessonResults.read(folder.file("probe-results.json")).verdicts)
        XCTAssertEqual(verdicts.last?.comparison.b?.summary, .lowest)
        let verdict = verdicts[verdicts.count - 2]
        XCTAssertEqual(
            verdict.comparison.a,
            Estimate.Source(
                experiment: "main", setting: "lr 0.2", column: "train_loss", summary: .window, k: 2, epoch: 3))
        XCTAssertEqual(DataCheck.problems(lesson: "probe", folder: folder.path), [])
        // Rows 21–24 are lr 0.2's first seed, epochs 1–4 (after lr 0.05's 5 seeds × 4 epochs).
        try edit(folder.file("probe-runs.csv"), row: 24, column: "train_loss") { $0 + 0.5 }
        XCTAssertTrue(
            DataCheck.problems(lesson: "probe", folder: folder.path).contains { $0.contains("Late change") },
            "epoch 4 is in the window")
        try edit(folder.file("probe-runs.csv"), row: 24, column: "train_loss") { $0 - 0.5 }
        XCTAssertEqual(DataCheck.problems(lesson: "probe", folder: folder.path), [], "restored")
    }

    /// One number a verdict rests on changed in per-run.csv: the check names that verdict line
    /// and shows what the data files now give.
    func testAChangedNumberFailsTheVerdictItFeeds() throws {
        let folder = try TemporaryFolder("verdict-change")
        defer { folder.remove() }
        try probe(into: folder.path)
        let line = try XCTUnwrap(LessonResults.read(folder.file("probe-results.json")).report[2])
        // Row 6 is lr 0.2's first seed: a point more test accuracy moves the mean difference.
        try edit(folder.file("probe-per-run.csv"), row: 6, column: "test_accuracy_pct") { $0 + 1 }
        let problems = DataCheck.problems(lesson: "probe", folder: folder.path)
        XCTAssertTrue(
            problems.contains { $0.hasPrefix("probe: report line 3 reads \"\(line)\", the data files give") },
            "\(problems)")
        XCTAssertFalse(
            problems.contains { $0.contains("report line 2") || $0.contains("report line 4") }, "\(problems)")
    }

    /// A Holm verdict is recomputed over its whole family: the same line from the same
    /// estimates, and a different note when only another member's data change.
    func testHolmVerdictRecomputesItsFamily() throws {
        func source(_ setting: String) -> Estimate.Source {
            .init(experiment: "main", setting: setting, column: "test_accuracy_pct", summary: .perRun)
        }
        let base = [80.0, 80, 80, 80, 80]
        var estimates: [String: [Double]] = [
            "base": base,
            // p ≈ 0.03: survives Holm over three only while it has the largest p-value.
            "marginal": zip(base, [1, 0.2, 1.8, 0.5, 1.5]).map(+),
            "strong": zip(base, [3, 3.1, 2.9, 3.05, 2.95]).map(+),
            "other": zip(base, [2, 2.1, 1.9, 2.05, 1.95]).map(+),
        ]
        func estimate(_ source: Estimate.Source) -> Estimate? {
            estimates[source.setting].map { Estimate($0, source: source) }
        }
        let family = Holm(
            ["marginal", "strong", "other"].map { Difference(estimate(source($0))!, estimate(source("base"))!) })
        let verdict = family.verdict(0, "marginal", "base", quantity: "Test accuracy")
        XCTAssertTrue(verdict.line.hasSuffix("survives Holm over 3 comparisons"), verdict.line)
        XCTAssertEqual(verdict.recomputed(estimate), verdict.line)
        estimates["other"] = zip(base, [3, -2, 1, -1, 0]).map(+)
        let changed = try XCTUnwrap(verdict.recomputed(estimate))
        XCTAssertTrue(changed.hasSuffix("not after Holm over 3 comparisons"), changed)
        XCTAssertEqual(
            changed.replacingOccurrences(of: "not after", with: "survives"), verdict.line,
            "only the family's note depends on the other member")
        estimates["strong"] = nil
        XCTAssertNil(verdict.recomputed(estimate), "a member missing from the data: not recomputed")
    }

    /// A second run that changes only the seeds agrees with the first within noise, and
    /// the block says so for every setting; the reference run itself prints no such block.
    func testYourRunAgainstTheReferenceAgreesWithinNoiseForANewSeed() throws {
        let reference = try TemporaryFolder("reference"), mine = try TemporaryFolder("mine")
        defer { reference.remove(); mine.remove() }
        XCTAssertFalse(try probe(into: reference.path, arguments: ["--reference"]).contains("Your run vs"))
        let output = try probe(into: mine.path, arguments: ["--seed", "1000"], reference: reference.path)
        let block = output.split(separator: "\n").drop { !$0.hasPrefix("Your run vs the committed reference") }
        let rows = block.dropFirst().prefix { $0.hasPrefix("  ") }
        XCTAssertEqual(rows.count, 2, output)
        for line in rows {
            XCTAssertTrue(line.hasSuffix("agrees within noise"), String(line))
            XCTAssertTrue(line.contains("test accuracy %: yours "), String(line))
        }
    }

    /// The verdict of "your run vs the reference": within noise, beyond it, and equal on
    /// every seed.
    func testComparisonVerdicts() {
        func results(_ accuracies: [Double]) -> LessonResults {
            var results = LessonResults(lesson: "probe", command: "", seeds: [], quick: false, blasKernel: "")
            results.settings = [
                .init(
                    experiment: "main", label: "a", columns: [:], epochs: [:],
                    perRun: [("test_accuracy_pct", accuracies)], lastK: 10)
            ]
            return results
        }
        func verdict(_ yours: [Double], _ reference: [Double]) -> String? {
            ReferenceComparison(yours: results(yours), reference: results(reference)).rows.first?.verdict
        }
        XCTAssertEqual(verdict([80, 81, 82], [80.5, 81.5, 81]), "agrees within noise")
        XCTAssertEqual(verdict([90, 90.2, 90.1], [80, 80.1, 80.2])?.hasPrefix("differs beyond noise"), true)
        XCTAssertEqual(verdict([80, 80], [80, 80]), "agrees within noise")
        XCTAssertEqual(verdict([80], [81]), "one seed a side: no noise estimate to judge by")
        var quick = results([80, 81])
        quick.quick = true
        XCTAssertTrue(ReferenceComparison(yours: quick, reference: results([80, 81])).rows.isEmpty)
    }

    /// The committed figures/ hold what regenerate-figures --check demands (CI runs this):
    /// rows, unique keys, no empty column, and every summary recomputed from the data.
    func testCommittedFiguresMatchTheirData() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        for entry in try LessonRegistry.load(root: root) {
            XCTAssertEqual(DataCheck.problems(lesson: entry.name, folder: root + "/figures"), [], entry.name)
        }
    }
}
