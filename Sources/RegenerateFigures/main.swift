import ArgumentParser
import FileIO
import Foundation
import LessonKit

struct RegenerateFigures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regenerate-figures",
        abstract: "Rerun every lesson (or the ones named) and rewrite the figures, results and generated documents.",
        discussion: """
            Builds the lessons as `swift run` does (a debug build with the engine optimized, so \
            the times it reports are the ones a user waits), runs them in the lecture's order, each as its own \
            process with its full settings (or --quick), and prints a line per lesson and a final \
            table with its time and peak memory. A lesson that fails is reported and the others \
            still run; the exit code is non-zero if any failed. Afterwards the generated parts of \
            the documents are rewritten from the results files: each lesson README's results \
            block, the lesson tables of README.md and lessons/README.md, and the gallery \
            figures/README.md (only when writing to figures/), and the interactive explorer \
            (explorer/; with --documents-only --output DIR, DIR/explorer). Run it from the package's root folder.
            """,
        version: trainingLabVersion)

    @Argument(help: "Lessons to run (default: all), e.g. dropout adam.", completion: Self.lessonNames)
    var lessons: [String] = []

    @Option(
        help: ArgumentHelp(
            "Draw the lesson's main committed figure in the terminal, without running it.", valueName: "lesson"),
        completion: Self.lessonNames)
    var preview: String?

    @Flag(help: "List the lessons in the lecture's order and exit.")
    var list = false

    @Flag(help: "Rewrite the generated documents from the committed results files without running any lesson.")
    var documentsOnly = false

    @Flag(
        help:
            "Run no lesson: recompute every summary of every results file in figures/ (or --output) from its data files alone; exit non-zero on any mismatch."
    )
    var check = false

    @Flag(help: "Run every lesson with --quick (into a scratch folder unless --output is given).")
    var quick = false

    @Option(
        help: ArgumentHelp(
            "Folder for the figures (default: figures, or the lessons' scratch folder with --quick).", valueName: "dir")
    )
    var output: String?

    @Option(help: ArgumentHelp("Passed to every lesson: seeds per setting.", valueName: "n"))
    var seeds: Int?

    @Option(help: ArgumentHelp("Passed to every lesson: the first seed.", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Passed to every lesson: worker threads (default: all cores).", valueName: "n"))
    var threads: Int?

    @Option(
        help: ArgumentHelp(
            "Use the lesson executables in this folder instead of building them (e.g. .build/release after swift build -c release).",
            valueName: "dir"))
    var binaries: String?

    @Option(help: ArgumentHelp("Folder for each lesson's full output (default: a temporary folder).", valueName: "dir"))
    var logs: String?

    mutating func validate() throws {
        for (name, folder) in [("--output", output), ("--logs", logs), ("--binaries", binaries)]
        where folder?.isEmpty == true {
            throw ValidationError("\(name) must name a folder")
        }
        let known = try LessonRegistry.load().map(\.name)
        let unknown = lessons.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError(
                "unknown lesson \(unknown.joined(separator: ", ")); lessons: \(known.joined(separator: " "))")
        }
        if let seeds, !(1...LessonOptions.maximumSeeds).contains(seeds) {
            throw ValidationError("--seeds must be between 1 and \(LessonOptions.maximumSeeds)")
        }
        if let preview, !known.contains(preview) {
            throw ValidationError("unknown lesson \(preview) for --preview; lessons: \(known.joined(separator: " "))")
        }
        if let threads, !(1...LessonOptions.maximumThreads).contains(threads) {
            throw ValidationError("--threads must be between 1 and \(LessonOptions.maximumThreads)")
        }
    }

    struct Outcome {
        let lesson: String
        let seconds: Double
        let peakMegabytes: Double
        let figures: Int
        let status: String
        /// The run's matrix-product arithmetic, from its results file (nil if it wrote none).
        var gemmGigaflops: Double? = nil
        var succeeded: Bool { status == "ok" }
    }

    var outputFolder: String { output ?? (quick ? LessonOptions.quickOutput : "figures") }

    func run() throws {
        // Unbuffered, so that each progress line appears as it happens even when piped.
        let console = Console(isTerminal: false)
        let registry = try LessonRegistry.load()
        if list {
            for entry in registry { console.summary("\(entry.order)\t\(entry.name)\t\(entry.question)") }
            return
        }
        if let preview { return try Explorer.preview(preview, figuresFolder: outputFolder, registry: registry) }
        if documentsOnly { return try writeDocuments(console) }
        if check {
            return try DataCheck.run(
                (lessons.isEmpty ? registry : registry.filter { lessons.contains($0.name) }).map(\.name),
                folder: outputFolder, console: console)
        }
        let chosen = lessons.isEmpty ? registry : registry.filter { lessons.contains($0.name) }
        let directory = try binaries ?? buildAsTyped(console)
        let logFolder =
            logs
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent(
                "regenerate-figures-\(ProcessInfo.processInfo.processIdentifier)")
        try FileOutput.prepareDirectory(logFolder)
        let started = Date()
        var outcomes: [Outcome] = []
        for (index, entry) in chosen.enumerated() {
            let prefix = "[\(index + 1)/\(chosen.count)] \(entry.executable)"
            console.line("\(prefix) …")
            let outcome = runLesson(entry, binaries: directory, logFolder: logFolder)
            console.line(
                String(
                    format: "%@: %@ in %.1f s, %d figure%@, peak %.0f MB", prefix, outcome.status, outcome.seconds,
                    outcome.figures, outcome.figures == 1 ? "" : "s", outcome.peakMegabytes))
            outcomes.append(outcome)
        }
        var table = SummaryTable(
            title: "Figures regenerated into \(outputFolder)\(quick ? " (--quick)" : "")",
            header: ["lesson", "seconds", "peak MB", "figures", "GEMM GFLOP", "GFLOP/s", "status"],
            rightAligned: [1, 2, 3, 4, 5])
        for outcome in outcomes {
            // GFLOP/s over the whole run against the machine's GEMM rate per core times the
            // workers (benchmarks/README.md) says how close a lesson runs to its arithmetic.
            let rate = outcome.gemmGigaflops.map { outcome.seconds > 0 ? $0 / outcome.seconds : 0 }
            table.add([
                outcome.lesson, String(format: "%.1f", outcome.seconds), String(format: "%.0f", outcome.peakMegabytes),
                "\(outcome.figures)", outcome.gemmGigaflops.map { String(format: "%.0f", $0) } ?? "–",
                rate.map { String(format: "%.0f", $0) } ?? "–", outcome.status,
            ])
        }
        console.line(table.description)
        console.line(
            String(
                format: "All lessons: %.1f min on %d cores. Logs: %@", Date().timeIntervalSince(started) / 60,
                ProcessInfo.processInfo.activeProcessorCount, logFolder))
        if outputFolder == "figures" { try writeDocuments(console) }
        let failed = outcomes.filter { !$0.succeeded }
        if !failed.isEmpty {
            throw LessonError(
                "\(failed.count) of \(outcomes.count) lessons failed: \(failed.map(\.lesson).joined(separator: ", "))")
        }
    }

    func writeDocuments(_ console: Console) throws {
        let written = try ProjectDocuments().write()
        console.line(
            written.isEmpty ? "Generated documents are current." : "Rewrote: " + written.joined(separator: ", "))
        let explorer = try Explorer(lessons: LessonRegistry.load(), figuresFolder: outputFolder).write()
        console.line("Explorer: \(explorer[0]) (\(explorer.count - 1) lesson pages)")
    }

    /// `swift build` for the whole package, the build `swift run lesson-X` uses (the engine
    /// modules are optimized in it too; benchmarks/as-typed.py compares it with release);
    /// returns the folder of its products.
    func buildAsTyped(_ console: Console) throws -> String {
        console.line("Building all lessons as swift run does …")
        guard try Subprocess.run(["swift", "build"]).status == 0 else { throw LessonError("the build failed") }
        let (status, output) = try Subprocess.run(["swift", "build", "--show-bin-path"], captureOutput: true)
        guard status == 0 else { throw LessonError("swift build --show-bin-path failed") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs one lesson with its output in a log file; counts the figures it reports and
    /// measures its peak resident memory.
    func runLesson(_ entry: LessonEntry, binaries: String, logFolder: String) -> Outcome {
        let started = Date()
        let logPath = (logFolder as NSString).appendingPathComponent("\(entry.name).log")
        var arguments = ["--output", outputFolder, "--reference"]
        if quick { arguments.append("--quick") }
        if let seeds { arguments += ["--seeds", "\(seeds)"] }
        if let seed { arguments += ["--seed", "\(seed)"] }
        if let threads { arguments += ["--threads", "\(threads)"] }
        let executable = (binaries as NSString).appendingPathComponent(entry.executable)
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            // SwiftPM caches the manifest's list of lesson folders.
            return Outcome(
                lesson: entry.name, seconds: 0, peakMegabytes: 0, figures: 0,
                status:
                    "failed: \(executable) was not built; after adding or removing a lesson folder run `touch Package.swift` (SwiftPM caches the lesson list) and build again"
            )
        }
        let result: Subprocess.Result
        do {
            result = try Subprocess.run([executable] + arguments, log: logPath)
        } catch {
            return Outcome(lesson: entry.name, seconds: 0, peakMegabytes: 0, figures: 0, status: "failed: \(error)")
        }
        let seconds = Date().timeIntervalSince(started)
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let figures = text.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.hasSuffix(".dat") }.count
        let status =
            result.status == 0
            ? "ok"
            : "failed (exit \(result.status)): " + (text.split(separator: "\n").last.map(String.init) ?? "")
        let results = try? LessonResults.read(
            (outputFolder as NSString).appendingPathComponent(LessonResults.fileName(lesson: entry.name)))
        return Outcome(
            lesson: entry.name, seconds: seconds, peakMegabytes: result.peakMegabytes, figures: figures, status: status,
            gemmGigaflops: result.status == 0 ? results?.gemmGigaflops : nil)
    }
}

/// A child process started with posix_spawn and reaped with wait4, which (unlike
/// Foundation's Process) reports the child's own peak resident memory.
enum Subprocess {
    struct Result {
        let status: Int32
        let peakMegabytes: Double
        var output = ""
    }

    static func run(_ arguments: [String], captureOutput: Bool = false) throws -> (status: Int32, output: String) {
        let log = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "regenerate-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(atPath: log) }
        let result = try run(arguments, log: captureOutput ? log : nil)
        return (result.status, captureOutput ? ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "") : "")
    }

    /// Runs `arguments` (the first found on PATH unless it contains a slash), with standard
    /// output and error appended to `log` if given.
    static func run(_ arguments: [String], log: String?) throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let log {
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        let arguments = arguments.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0]!, &actions, nil, arguments, environ)
        guard spawned == 0 else {
            throw LessonError("cannot start \(String(cString: arguments[0]!)): \(String(cString: strerror(spawned)))")
        }
        // Interrupted, the command ends the lesson it runs (which cleans up after itself).
        Interruption.endOnInterrupt(process: pid)
        defer { Interruption.forgetProcess(pid) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        // Linux reports ru_maxrss in kilobytes.
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exit, peakMegabytes: Double(usage.ru_maxrss) / 1024)
    }
}

RegenerateFigures.main()
