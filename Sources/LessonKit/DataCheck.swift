import Foundation

/// `regenerate-figures --check`: every summary of a lesson's results file recomputed from its
/// data files alone, with the files' own rules checked on the way (rows present, unique
/// keys, no column empty for the whole lesson). The summaries are computed by the same
/// definitions (`EpochSummary`) as when the lesson wrote them.
public enum DataCheck {
    /// The problems found for `lesson` in `folder`, one line each; empty when it checks out.
    public static func problems(lesson: String, folder: String) -> [String] {
        let path = (folder as NSString).appendingPathComponent(LessonResults.fileName(lesson: lesson))
        let results: LessonResults
        do {
            results = try LessonResults.read(path)
        } catch {
            return ["\(path): cannot read (\(error))"]
        }
        guard !results.settings.isEmpty else { return [] }
        var problems: [String] = []
        let runs = table(
            DataTables.runsFile(lesson: lesson), in: folder, keys: ["experiment", "setting", "seed", "epoch"],
            problems: &problems)
        let perRun = table(
            DataTables.perRunFile(lesson: lesson), in: folder, keys: ["experiment", "setting", "seed"],
            problems: &problems)
        let needsRuns = results.settings.contains { !$0.metrics.isEmpty }
        let needsPerRun = results.settings.contains { !$0.perRun.isEmpty }
        if needsRuns && runs == nil {
            problems.append("\(DataTables.runsFile(lesson: lesson)): missing, but the results file summarizes epochs")
        }
        if needsPerRun && perRun == nil {
            problems.append(
                "\(DataTables.perRunFile(lesson: lesson)): missing, but the results file has per-run values")
        }
        for summary in results.settings {
            let name = "\(lesson): \(summary.experiment) / \(summary.label)"
            let epochs = runs.map { epochValues($0, summary, seeds: results.seeds) } ?? [:]
            let values = perRun.map { perRunValues($0, summary, seeds: results.seeds) } ?? []
            let recomputed = LessonResults.SettingSummary(
                experiment: summary.experiment, label: summary.label, columns: summary.columns,
                epochs: epochs, perRun: values, lastK: summary.lastK)
            for (metric, kinds) in summary.metrics {
                for (kind, stored) in kinds {
                    compare(stored, recomputed.metrics[metric]?[kind], "\(name), \(metric) \(kind)", into: &problems)
                }
            }
            for (column, stored) in summary.perRun {
                compare(stored, recomputed.perRun[column], "\(name), \(column)", into: &problems)
            }
        }
        return problems
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

    /// The rows of one setting, in the results file's seed order.
    static func rows(_ table: CSVTable, _ summary: LessonResults.SettingSummary, seed: UInt64) -> [[String]] {
        let experiment = table.column["experiment"]!, setting = table.column["setting"]!,
            seedColumn = table.column["seed"]!
        return table.rows.filter {
            $0[experiment] == summary.experiment && $0[setting] == summary.label && $0[seedColumn] == "\(seed)"
        }
    }

    static func number(_ cell: String) -> Double? { cell.isEmpty ? nil : Double(cell) }

    static func epochValues(_ table: CSVTable, _ summary: LessonResults.SettingSummary, seeds: [UInt64]) -> [String:
        [[Double?]]]
    {
        let runs = seeds.map { seed in
            rows(table, summary, seed: seed).sorted {
                (Int($0[table.column["epoch"]!]) ?? 0) < (Int($1[table.column["epoch"]!]) ?? 0)
            }
        }
        func column(_ name: String) -> [[Double?]] {
            guard let index = table.column[name] else { return runs.map { $0.map { _ in nil } } }
            return runs.map { $0.map { number($0[index]) } }
        }
        var epochs: [String: [[Double?]]] = [:]
        for metric in LessonResults.SettingSummary.summarized where metric.key != EpochMetric.gap.key {
            epochs[metric.key] = column(metric.key)
        }
        let train = column(EpochMetric.trainAccuracy.key), validation = column(EpochMetric.validationAccuracy.key)
        epochs[EpochMetric.gap.key] = zip(train, validation).map {
            zip($0, $1).map { a, b in a.flatMap { a in b.map { a - $0 } } }
        }
        return epochs
    }

    static func perRunValues(_ table: CSVTable, _ summary: LessonResults.SettingSummary, seeds: [UInt64]) -> [(
        name: String, values: [Double?]
    )] {
        let firstRows = seeds.map { rows(table, summary, seed: $0).first }
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
            let found = problems(lesson: lesson, folder: folder)
            console.line(
                "\(lesson): "
                    + (found.isEmpty
                        ? "every summary recomputed from the data files"
                        : "\(found.count) problem\(found.count == 1 ? "" : "s")"))
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
