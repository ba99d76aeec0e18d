import ArgumentParser
import Foundation
import LessonKit

@main
struct RegenerateFigures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regenerate-figures",
        abstract: "Rebuild every lesson in release mode and rerun them all, writing every figure.",
        discussion: """
        Runs the lessons in the lecture's order (or the ones named), each as its own process \
        with its full settings (or --quick), printing a line per lesson and a final table. A \
        lesson that fails is reported and the others still run; the exit code is non-zero if \
        any failed. Each lesson's output is kept in a log file. The lessons are deterministic, \
        so running this twice writes the same data files.
        """)

    @Argument(help: "Lessons to run (default: all), e.g. dropout adam.")
    var lessons: [String] = []

    @Flag(help: "Run every lesson with --quick.")
    var quick = false

    @Option(help: ArgumentHelp("Folder for the figures.", valueName: "dir"))
    var output = "figures"

    @Option(help: ArgumentHelp("Use the lesson executables in this folder instead of building them (e.g. .build/debug).", valueName: "dir"))
    var binaries: String?

    @Option(help: ArgumentHelp("Folder for each lesson's full output (default: a temporary folder).", valueName: "dir"))
    var logs: String?

    mutating func validate() throws {
        let unknown = lessons.filter { LessonCatalog.entry(named: $0) == nil }
        guard unknown.isEmpty else {
            throw ValidationError("unknown lesson \(unknown.joined(separator: ", ")); lessons: \(LessonCatalog.lessons.map(\.name).joined(separator: " "))")
        }
    }

    struct Outcome {
        let lesson: String
        let seconds: Double
        let figures: Int
        let status: String
        var succeeded: Bool { status == "ok" }
    }

    func run() throws {
        // Unbuffered, so that each progress line appears as it happens even when piped.
        let console = Console(isTerminal: false)
        let chosen = lessons.isEmpty ? LessonCatalog.lessons : lessons.compactMap { LessonCatalog.entry(named: $0) }
        let directory = try binaries ?? buildRelease(console)
        let logFolder = logs ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("regenerate-figures-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: logFolder, withIntermediateDirectories: true)
        var outcomes: [Outcome] = []
        for (index, entry) in chosen.enumerated() {
            let prefix = "[\(index + 1)/\(chosen.count)] \(entry.executable)"
            console.line("\(prefix) …")
            let outcome = runLesson(entry, binaries: directory, logFolder: logFolder)
            console.line(String(format: "%@: %@ in %.1f s, %d figure%@", prefix, outcome.status, outcome.seconds, outcome.figures,
                                outcome.figures == 1 ? "" : "s"))
            outcomes.append(outcome)
        }
        var table = SummaryTable(title: "Figures regenerated into \(output)\(quick ? " (--quick)" : "")",
                                 header: ["lesson", "seconds", "figures written", "status"], rightAligned: [1, 2])
        for outcome in outcomes {
            table.add([outcome.lesson, String(format: "%.1f", outcome.seconds), "\(outcome.figures)", outcome.status])
        }
        console.line(table.description)
        console.line("Logs: \(logFolder)")
        let failed = outcomes.filter { !$0.succeeded }
        if !failed.isEmpty {
            throw LessonError("\(failed.count) of \(outcomes.count) lessons failed: \(failed.map(\.lesson).joined(separator: ", "))")
        }
    }

    /// `swift build -c release` for the whole package; returns the folder of its products.
    func buildRelease(_ console: Console) throws -> String {
        console.line("Building all lessons in release mode …")
        guard try shell(["swift", "build", "-c", "release"]) == 0 else { throw LessonError("the release build failed") }
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "-c", "release", "--show-bin-path"]
        process.standardOutput = pipe
        try process.run()
        let path = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        return path
    }

    func shell(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs one lesson with its output in a log file; counts the figures it reports.
    func runLesson(_ entry: LessonEntry, binaries: String, logFolder: String) -> Outcome {
        let started = Date()
        let logPath = (logFolder as NSString).appendingPathComponent("\(entry.name).log")
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
              let log = FileHandle(forWritingAtPath: logPath) else {
            return Outcome(lesson: entry.name, seconds: 0, figures: 0, status: "failed: cannot write \(logPath)")
        }
        defer { try? log.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: (binaries as NSString).appendingPathComponent(entry.executable))
        process.arguments = ["--output", output] + (quick ? ["--quick"] : [])
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            return Outcome(lesson: entry.name, seconds: 0, figures: 0, status: "failed: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let figures = text.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.hasSuffix(".dat") }.count
        let status = process.terminationStatus == 0 ? "ok"
            : "failed (exit \(process.terminationStatus)): " + (text.split(separator: "\n").last.map(String.init) ?? "")
        return Outcome(lesson: entry.name, seconds: seconds, figures: figures, status: status)
    }
}
