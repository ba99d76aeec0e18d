import Foundation
import LessonKit
import TestSupport
import XCTest

@testable import lesson_dropout

/// Summary tables in the results file: every cell that shows an estimate is recorded with its
/// source, and `regenerate-figures --check` renders the table again from the data files.
extension DataCheckTests {
    /// Two tables after the probe's verdicts: one whose every number is an estimate of the
    /// data files (wide enough to print in two blocks), one with a column that is not (the
    /// runs' count).
    func probeWithTables(into folder: String) throws {
        try probe(into: folder) { context, runs in
            context.report(
                SummaryTable(
                    title: "Accuracy (%)", settings: runs,
                    columns: [
                        .measure(.lastEpochs(2, .validationAccuracy, "validation")), .measure(.finalTest),
                        .estimate("first weight", decimals: 4) { $0.estimate(\.firstWeight) }, .bestValidationEpoch,
                    ]))
            context.report(
                SummaryTable(
                    title: "Runs", settings: runs,
                    columns: [.measure(.finalTest), TableColumn("runs") { "\($0.runs.count)" }]))
        }
    }

    /// The recorded tables are the printed lines; rendered again from the data files they are
    /// equal to them, and the check counts the lines and cells it derived.
    func testTablesAreRecomputedFromTheDataFiles() throws {
        let folder = try TemporaryFolder("table-check")
        defer { folder.remove() }
        try probeWithTables(into: folder.path)
        let results = try LessonResults.read(folder.file("probe-results.json"))
        let tables = try XCTUnwrap(results.tables)
        XCTAssertEqual(tables.map(\.reportIndex), [4, 14], "the first, wider than 80 columns, in two blocks")
        for recorded in tables {
            let lines = recorded.table.description.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(lines.map(String.init), Array(results.report[recorded.reportIndex...].prefix(lines.count)))
        }
        XCTAssertEqual(
            tables[0].table.cellSources[1].map { $0?.source.column },
            [nil, "validation_accuracy_pct", "test_accuracy_pct", "first_weight", "validation_accuracy_pct"])
        XCTAssertEqual(tables[0].table.cellSources[1][4]?.source.summary, .bestEpoch)
        XCTAssertEqual(tables[1].table.cellSources[0][2], nil, "the runs' count is no estimate")
        let outcome = DataCheck.check(lesson: "probe", folder: folder.path)
        XCTAssertEqual(outcome.problems, [])
        XCTAssertEqual(outcome.recomputedVerdicts, 3)
        XCTAssertEqual(outcome.recomputedTableLines, 2 * 2, "the first table's two rows in each block")
        XCTAssertEqual(outcome.tableCells, 2 * 4 + 2 * 2)
        XCTAssertEqual(outcome.recomputedTableCells, 2 * 4 + 2)
        // The probe's typed line, the first table's header ("validation, last 2") and the
        // second table's rows.
        XCTAssertEqual(outcome.underivedLines, 1 + 1 + 2, "\(results.report)")
    }

    /// One number a table cell rests on changed in per-run.csv: the check names the table
    /// line that no longer matches and shows what the data files give.
    func testAChangedNumberFailsTheTableLineItFeeds() throws {
        let folder = try TemporaryFolder("table-change")
        defer { folder.remove() }
        try probeWithTables(into: folder.path)
        let results = try LessonResults.read(folder.file("probe-results.json"))
        // Title, header and rule, then lr 0.05's row: its first seed is per-run.csv's row 1.
        let line = tables(results)[0].reportIndex + 3
        try edit(folder.file("probe-per-run.csv"), row: 1, column: "first_weight") { $0 + 0.5 }
        let problems = DataCheck.problems(lesson: "probe", folder: folder.path)
        XCTAssertTrue(
            problems.contains {
                $0.hasPrefix(
                    "probe: report line \(line + 1) (table \"Accuracy (%)\") reads \"\(results.report[line])\"")
            }, "\(problems)")
        XCTAssertFalse(problems.contains { $0.contains("report line \(line + 2) ") }, "lr 0.2's row is unchanged")
    }

    func tables(_ results: LessonResults) -> [LessonResults.ReportedTable] { results.tables ?? [] }

    /// A row built cell by cell: each estimate printed at its own decimals and recorded with
    /// its source; text, and an estimate the data files do not hold, recorded without one.
    func testARowOfTextAndEstimatesRecordsTheEstimatesSources() {
        let source = Estimate.Source(experiment: "main", setting: "a", column: "best_epoch", summary: .perRun)
        var table = SummaryTable(title: "Mixed", header: ["setting", "constant", "epoch", "loss", "unsourced"])
        table.add([
            .text("a"), .text("0.5"), .estimate(Estimate([3, 4], source: source), decimals: 1),
            .estimate(Estimate([0.25, 0.5], source: source), decimals: 4), .estimate(Estimate([1, 2])),
        ])
        XCTAssertEqual(table.rows, [["a", "0.5", "3.5 ± 0.7", "0.3750 ± 0.1768", "1.50 ± 0.71"]])
        XCTAssertEqual(table.cellSources[0].map { $0?.source }, [nil, nil, source, source, nil])
        XCTAssertEqual(table.cellSources[0].map { $0?.decimals }, [nil, nil, 1, 4, nil])
    }

    /// The results file records every option of the lesson's command by its command-line
    /// name: given, defaulted, and optional ones left out (null).
    func testResultsRecordEveryOptionOfTheCommand() throws {
        let folder = try TemporaryFolder("options")
        defer { folder.remove() }
        let lesson = try DropoutLesson.parse(
            ["--quiet", "--no-render", "--output", folder.path, "--epochs", "3", "--p", "0.25", "--seeds", "2"])
        try LessonContext(for: lesson, seeds: 10).finish()
        let options = try XCTUnwrap(LessonResults.read(folder.file("dropout-results.json")).options)
        XCTAssertEqual(options["epochs"], "3")
        XCTAssertEqual(options["p"], "0.25")
        XCTAssertEqual(options["seeds"], "2")
        XCTAssertEqual(options["seed"], "123", "a default")
        XCTAssertEqual(options["train-size"], "5000")
        XCTAssertEqual(options["sweep"], "0.0,0.1,0.2,0.3,0.5,0.7")
        XCTAssertEqual(options["no-render"], "true")
        XCTAssertEqual(options["quick"], "false")
        XCTAssertEqual(options["batch-size"], .some(nil), "an optional option left out")
        XCTAssertEqual(options["output"], folder.path)
        let help = DropoutLesson.helpMessage(columns: 1000)
        let names = Set(
            help.matches(of: /--([a-z][a-z-]*)/).map { String($0.output.1) }.filter {
                !["help", "version"].contains($0)
            })
        XCTAssertEqual(Set(options.keys), names, "every option of --help, and no other")
    }
}
