import Foundation

/// `regenerate-figures --check`: every summary and every recorded verdict line of a lesson's
/// results file recomputed from its data files alone, with the files' own rules checked on
/// the way (rows present, unique keys, no column empty for the whole lesson). Summaries are
/// computed by the same definitions (`EpochSummary`), verdict lines by the same code
/// (`Verdict.recomputed`) as when the lesson wrote them.
public enum DataCheck {
    /// What checking one lesson found.
    public struct Outcome: Sendable {
        /// One line per problem; empty when the lesson checks out.
        public var problems: [String] = []
        /// Verdict lines recomputed from the data files (and equal to the report's, unless a
        /// problem says otherwise).
        public var recomputedVerdicts = 0
        /// Report lines with a number that the check does not derive from the data files:
        /// tables and measurements the files do not hold, and verdicts built on them.
        public var underivedLines = 0
        /// Of those, verdict lines built on an estimate the data files do not hold.
        public var underivedVerdicts = 0
        /// Table lines whose every number was rendered again from the data files (and equal
        /// to the report's, unless a problem says otherwise).
        public var recomputedTableLines = 0
        /// Table cells with a number, and how many of them the data files give.
        public var tableCells = 0
        public var recomputedTableCells = 0

        /// "every summary, 4 verdict lines and 6 table lines recomputed from the data files
        /// (30 of 42 table cells); 15 other report lines with numbers not derived from them
        /// (2 of them verdicts)".
        var summary: String {
            func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
            let cells = tableCells > 0 ? " (\(recomputedTableCells) of \(tableCells) table cells)" : ""
            return
                (problems.isEmpty
                ? "every summary, \(counted(recomputedVerdicts, "verdict line")) and "
                    + "\(counted(recomputedTableLines, "table line")) recomputed from the data files\(cells)"
                : counted(problems.count, "problem"))
                + "; \(counted(underivedLines, "other report line")) with numbers not derived from them"
                + (underivedVerdicts > 0 ? " (\(underivedVerdicts) of them verdicts)" : "")
        }
    }

    /// The problems found for `lesson` in `folder`, one line each; empty when it checks out.
    public static func problems(lesson: String, folder: String) -> [String] {
        check(lesson: lesson, folder: folder).problems
    }

    public static func check(lesson: String, folder: String) -> Outcome {
        let path = (folder as NSString).appendingPathComponent(LessonResults.fileName(lesson: lesson))
        let results: LessonResults
        do {
            results = try LessonResults.read(path)
        } catch {
            return Outcome(problems: ["\(path): cannot read (\(error))"])
        }
        var outcome = Outcome()
        let runs = table(
            DataTables.runsFile(lesson: lesson), in: folder, keys: ["experiment", "setting", "seed", "epoch"],
            problems: &outcome.problems)
        let perRun = table(
            DataTables.perRunFile(lesson: lesson), in: folder, keys: ["experiment", "setting", "seed"],
            problems: &outcome.problems)
        let needsRuns = results.settings.contains { !$0.metrics.isEmpty }
        let needsPerRun = results.settings.contains { !$0.perRun.isEmpty }
        if needsRuns && runs == nil {
            outcome.problems.append(
                "\(DataTables.runsFile(lesson: lesson)): missing, but the results file summarizes epochs")
        }
        if needsPerRun && perRun == nil {
            outcome.problems.append(
                "\(DataTables.perRunFile(lesson: lesson)): missing, but the results file has per-run values")
        }
        for summary in results.settings {
            let name = "\(lesson): \(summary.experiment) / \(summary.label)"
            let epochs = runs.map { epochValues($0, summary.experiment, summary.label, seeds: results.seeds) } ?? [:]
            let values = perRun.map { perRunValues($0, summary, seeds: results.seeds) } ?? []
            let recomputed = LessonResults.SettingSummary(
                experiment: summary.experiment, label: summary.label, columns: summary.columns,
                epochs: epochs, perRun: values, lastK: summary.lastK)
            for (metric, kinds) in summary.metrics {
                for (kind, stored) in kinds {
                    compare(
                        stored, recomputed.metrics[metric]?[kind], "\(name), \(metric) \(kind)",
                        into: &outcome.problems)
                }
            }
            for (column, stored) in summary.perRun {
                compare(stored, recomputed.perRun[column], "\(name), \(column)", into: &outcome.problems)
            }
        }
        let estimates = SourcedEstimates(runs: runs, perRun: perRun, seeds: results.seeds)
        var derived = Set<Int>()
        checkVerdicts(results, lesson: lesson, estimate: estimates.estimate, derived: &derived, into: &outcome)
        checkTables(results, lesson: lesson, estimate: estimates.estimate, derived: &derived, into: &outcome)
        outcome.underivedLines =
            results.report.indices.filter { !derived.contains($0) && results.report[$0].contains(where: \.isNumber) }
            .count
        return outcome
    }

    /// The estimate a source names, computed from the data files as `SettingRuns` computed it
    /// from the runs; the epoch columns of a setting are read once.
    final class SourcedEstimates {
        let runs: CSVTable?
        let perRun: CSVTable?
        let seeds: [UInt64]
        private var epochs: [[String]: [String: [[Double?]]]] = [:]

        init(runs: CSVTable?, perRun: CSVTable?, seeds: [UInt64]) {
            self.runs = runs
            self.perRun = perRun
            self.seeds = seeds
        }

        func estimate(_ source: Estimate.Source) -> Estimate? {
            if source.summary == .perRun {
                guard let perRun, let column = perRun.column[source.column] else { return nil }
                return Estimate(
                    seeds.compactMap { seed in
                        rows(perRun, source.experiment, source.setting, seed: seed).first.flatMap { number($0[column]) }
                    })
            }
            guard let runs else { return nil }
            let key = [source.experiment, source.setting]
            if epochs[key] == nil { epochs[key] = epochValues(runs, source.experiment, source.setting, seeds: seeds) }
            guard let values = epochs[key]?[source.column] else { return nil }
            switch source.summary {
            case .final: return EpochSummary.final(values)
            case .lastK: return source.k.map { EpochSummary.lastEpochs($0, values) }
            case .atEpoch: return source.epoch.map { EpochSummary.atEpoch($0, values) }
            case .lowest: return EpochSummary.lowest(values)
            case .window:
                guard let first = source.epoch, let count = source.k else { return nil }
                return EpochSummary.window(from: first, count: count, values)
            case .bestEpoch: return Estimate(EpochSummary.bestEpochs(values).compactMap { $0.map(Double.init) })
            case .atBestValidation:
                let validation = epochs[key]?[EpochMetric.validationAccuracy.key] ?? []
                return EpochSummary.atBest(values, bestEpochs: EpochSummary.bestEpochs(validation))
            case .perRun: return nil
            }
        }
    }

    /// Each recorded verdict computed again from the data files and compared with its report
    /// line; the lines recomputed join `derived`.
    static func checkVerdicts(
        _ results: LessonResults, lesson: String, estimate: (Estimate.Source) -> Estimate?, derived: inout Set<Int>,
        into outcome: inout Outcome
    ) {
        let verdicts = results.verdicts ?? []
        outcome.underivedVerdicts = verdicts.filter { !$0.isDerivable }.count
        for verdict in verdicts where verdict.isDerivable {
            let place = verdict.reportIndex.map { "report line \($0 + 1)" } ?? "a verdict without a report line"
            guard let index = verdict.reportIndex, results.report.indices.contains(index),
                results.report[index] == verdict.line
            else {
                outcome.problems.append("\(lesson): \(place) is not the verdict recorded for it: \(verdict.line)")
                continue
            }
            guard let line = verdict.recomputed(estimate) else {
                outcome.problems.append(
                    "\(lesson): \(place) rests on values missing from the data files: \(verdict.line)")
                continue
            }
            if line == verdict.line {
                derived.insert(index)
                outcome.recomputedVerdicts += 1
            } else {
                outcome.problems.append(
                    "\(lesson): \(place) reads \"\(verdict.line)\", the data files give \"\(line)\"")
            }
        }
    }

    /// Each recorded table rendered again with every sourced cell computed from the data
    /// files; every line must equal its report line. The row lines whose numbers all come
    /// from the data files join `derived`.
    static func checkTables(
        _ results: LessonResults, lesson: String, estimate: (Estimate.Source) -> Estimate?, derived: inout Set<Int>,
        into outcome: inout Outcome
    ) {
        for recorded in results.tables ?? [] {
            let table = recorded.table, lines = table.lines
            let title = "table \"\(table.title.prefix(40))\(table.title.count > 40 ? "…" : "")\""
            let printed = lines.indices.map { recorded.reportIndex + $0 }
            guard printed.allSatisfy(results.report.indices.contains),
                zip(printed, lines).allSatisfy({ results.report[$0] == $1.text })
            else {
                outcome.problems.append(
                    "\(lesson): the report lines from \(recorded.reportIndex + 1) are not the \(title) recorded for them"
                )
                continue
            }
            guard let recomputed = table.recomputed(estimate) else {
                outcome.problems.append("\(lesson): the \(title) rests on values missing from the data files")
                continue
            }
            let cells = table.numberCells
            outcome.tableCells += cells.all
            outcome.recomputedTableCells += cells.sourced
            for ((index, line), again) in zip(zip(printed, lines), recomputed.lines) {
                if line.text != again.text {
                    outcome.problems.append(
                        "\(lesson): report line \(index + 1) (\(title)) reads \"\(line.text)\", the data files give \"\(again.text)\""
                    )
                } else if table.isDerived(line) {
                    derived.insert(index)
                    outcome.recomputedTableLines += 1
                }
            }
        }
    }

    static func compare(_ stored: Estimate, _ recomputed: Estimate?, _ name: String, into problems: inout [String]) {
        guard let recomputed else { return problems.append("\(name): not derivable from the data files") }
        let close =
            stored.values.count == recomputed.values.count
            && zip(stored.values, recomputed.values).allSatisfy { a, b in
                (a.isNaN && b.isNaN) || abs(a - b) <= 1e-4 + DataTables.tolerance * abs(a)
            }
        if !close {
            problems.append(
                "\(name): results file \(stored.values.map(DataTables.cell)), data files give \(recomputed.values.map(DataTables.cell))"
            )
        }
    }

    /// A data file's rows as (header, rows), after checking its keys and columns; nil if absent.
    static func table(_ file: String, in folder: String, keys: [String], problems: inout [String]) -> CSVTable? {
        let path = (folder as NSString).appendingPathComponent(file)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        guard let table = CSVTable(text) else {
            problems.append("\(file): not a CSV table with a header and rows of its width")
            return nil
        }
        if table.rows.isEmpty { problems.append("\(file): no rows") }
        for key in keys where table.column[key] == nil { problems.append("\(file): no column \(key)") }
        let keyColumns =
            Array(table.header.prefix(while: { $0 != "seed" })) + ["seed"] + (keys.contains("epoch") ? ["epoch"] : [])
        var seen = Set<[String]>()
        for row in table.rows {
            let key = keyColumns.compactMap { table.column[$0].map { row[$0] } }
            if !seen.insert(key).inserted {
                problems.append("\(file): key \(key.joined(separator: ", ")) appears twice")
            }
        }
        for (index, name) in table.header.enumerated() where table.rows.allSatisfy({ $0[index].isEmpty }) {
            problems.append("\(file): column \(name) is empty in every row")
        }
        return table
    }

    /// The rows of one setting under one seed.
    static func rows(_ table: CSVTable, _ experiment: String, _ setting: String, seed: UInt64) -> [[String]] {
        let experimentColumn = table.column["experiment"]!, settingColumn = table.column["setting"]!,
            seedColumn = table.column["seed"]!
        return table.rows.filter {
            $0[experimentColumn] == experiment && $0[settingColumn] == setting && $0[seedColumn] == "\(seed)"
        }
    }

    static func number(_ cell: String) -> Double? { cell.isEmpty ? nil : Double(cell) }

    /// Each metric column of one setting, per run (in `seeds` order) and epoch, and the gap.
    static func epochValues(_ table: CSVTable, _ experiment: String, _ setting: String, seeds: [UInt64]) -> [String:
        [[Double?]]]
    {
        let runs = seeds.map { seed in
            rows(table, experiment, setting, seed: seed).sorted {
                (Int($0[table.column["epoch"]!]) ?? 0) < (Int($1[table.column["epoch"]!]) ?? 0)
            }
        }
        func column(_ name: String) -> [[Double?]] {
            guard let index = table.column[name] else { return runs.map { $0.map { _ in nil } } }
            return runs.map { $0.map { number($0[index]) } }
        }
        var epochs: [String: [[Double?]]] = [:]
        for name in DataTables.epochColumns.map(\.name) { epochs[name] = column(name) }
        let train = column(EpochMetric.trainAccuracy.key), validation = column(EpochMetric.validationAccuracy.key)
        epochs[EpochMetric.gap.key] = zip(train, validation).map(EpochSummary.gap)
        return epochs
    }

    static func perRunValues(_ table: CSVTable, _ summary: LessonResults.SettingSummary, seeds: [UInt64]) -> [(
        name: String, values: [Double?]
    )] {
        let firstRows = seeds.map { rows(table, summary.experiment, summary.label, seed: $0).first }
        return summary.perRun.keys.sorted().map { name in
            (name, firstRows.map { row in row.flatMap { row in table.column[name].flatMap { number(row[$0]) } } })
        }
    }
}

/// A CSV text as the data files write it: a header, then rows; fields with a comma, quote
/// or newline are quoted, a quote doubled.
struct CSVTable {
    let header: [String]
    let rows: [[String]]
    let column: [String: Int]

    init?(_ text: String) {
        var records: [[String]] = [], field = "", record: [String] = [], quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\n" {
                record.append(field)
                records.append(record)
                field = ""
                record = []
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first, records.dropFirst().allSatisfy({ $0.count == header.count }) else {
            return nil
        }
        self.header = header
        rows = Array(records.dropFirst())
        column = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension DataCheck {
    /// `regenerate-figures --check`: one line per lesson, every mismatch listed, and an error
    /// naming the lessons that do not match their data files.
    public static func run(_ lessons: [String], folder: String, console: Console) throws {
        var failed: [String] = []
        for lesson in lessons {
            let outcome = check(lesson: lesson, folder: folder)
            let found = outcome.problems
            console.line("\(lesson): " + outcome.summary)
            for problem in found { console.line("  " + problem) }
            if !found.isEmpty { failed.append(lesson) }
        }
        if !failed.isEmpty {
            throw LessonError(
                "\(failed.count) of \(lessons.count) lessons do not match their data files in \(folder): \(failed.joined(separator: ", "))"
            )
        }
    }
}
