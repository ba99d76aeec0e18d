import ArgumentParser
import Engine
import EngineData
import FileIO
import Foundation
import Plot

/// A lesson's failure, printed as one line by the argument parser ("Error: …").
public struct LessonError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What a lesson's `run()` sets up first: the budget (full or quick), the seeds, the
/// output folder and the figure renderer; it runs settings over seeds on worker threads,
/// collects what the lesson reports, and at the end writes the results file, the run
/// histories and the list of figures.
public final class LessonContext {
    public let name: String
    public let options: LessonOptions
    /// The generator of work outside the runs over seeds (demonstrations on one seed).
    public let random: Random
    public let figures: FigureRenderer
    public let console: Console
    /// The seeds every compared setting runs under: seed, seed+1, …
    public let seeds: [UInt64]
    private let started = Date()
    private let progress: LessonProgress
    private var results: LessonResults
    private var settingRuns: [SettingRuns] = []

    /// Fails before any work if the output folder cannot be written, or if rendering was
    /// required and gnuplot is missing. `seeds` is the lesson's full-run default.
    public init(lesson name: String, options: LessonOptions, seeds defaultSeeds: Int = 5, console: Console? = nil) throws {
        self.name = name
        self.options = options
        self.console = console ?? Console(quiet: options.quiet)
        Cancellation.install()
        Resources.checkLimits()
        // Parallelism comes from worker threads, one BLAS thread each: a second BLAS thread
        // per product gains little at these sizes and changes the summation order.
        BLAS.setThreads(1)
        random = Random(seed: options.seed)
        let count = options.seeds ?? (options.quick ? min(2, defaultSeeds) : defaultSeeds)
        seeds = (0..<count).map { options.seed &+ UInt64($0) }
        // The whole lesson's time left is estimated from the last run like this one that left
        // its results file in the output folder (the committed one, for figures/).
        let previous = try? LessonResults.read((options.outputDirectory as NSString).appendingPathComponent(LessonResults.fileName(lesson: name)))
        let comparable = previous.flatMap { $0.quick == options.quick && $0.seeds.count == count ? $0.seconds : nil }
        progress = LessonProgress(console: self.console, lessonSeconds: comparable)
        var command = "swift run lesson-\(name)"
        if options.quick { command += " --quick" }
        if let seeds = options.seeds { command += " --seeds \(seeds)" }
        results = LessonResults(lesson: name, command: command, seeds: seeds, quick: options.quick,
                                blasKernel: BLAS.coreName, lastK: 10)
        try FileOutput.prepareDirectory(options.outputDirectory)
        figures = FigureRenderer(directory: options.outputDirectory, renderImages: !options.noRender)
        if !options.noRender && figures.gnuplot == nil {
            if options.requireRender {
                throw LessonError("gnuplot not found and --require-render was given; install it with: \(FigureRenderer.installHint)")
            }
            self.console.warn("gnuplot not found: the figures' scripts and data will be written but not drawn. Install it with: \(FigureRenderer.installHint)")
        }
    }

    /// The full run's value, or the quick run's with `--quick`.
    public func budget<T>(_ full: T, quick: T) -> T { options.quick ? quick : full }

    /// Trains every setting under every seed, side by side on `--threads` workers, and
    /// returns one `SettingRuns` per setting in order. Each run gets its own random streams
    /// (`SeedRun.random`) and must build its own model and optimizer: nothing mutable may be
    /// shared between runs. The results do not depend on the number of workers.
    ///
    /// Each setting's summaries go into the results file; `lastK` is the window of its
    /// "mean of the last k epochs".
    public func overSeeds<Setting>(_ settings: [Setting], label: (Setting) -> String, lastK: Int = 10,
                                   _ body: @escaping (Setting, SeedRun) throws -> RunResult) throws -> [SettingRuns] {
        let labels = settings.map(label)
        let jobs = labels.indices.flatMap { setting in seeds.indices.map { (setting, $0) } }
        progress.begin(runs: jobs.count)
        let progress = self.progress, seedList = self.seeds
        nonisolated(unsafe) let body = body, settings = settings
        let pool = WorkerPool(jobs) { setting, seedIndex in
            let run = SeedRun(label: labels[setting], seedIndex: seedIndex, seed: seedList[seedIndex], progress: progress)
            let started = Date()
            let result = try body(settings[setting], run)
            progress.finished(run, result: result, seconds: Date().timeIntervalSince(started))
            return result
        }
        let outputs = try pool.run(workers: options.threads)
        let runs = labels.indices.map { setting in
            SettingRuns(label: labels[setting], seeds: seeds,
                        runs: Array(outputs[(setting * seeds.count)..<((setting + 1) * seeds.count)]))
        }
        settingRuns += runs
        results.lastK = lastK
        results.settings += runs.map { LessonResults.SettingSummary($0, lastK: lastK) }
        return runs
    }

    /// Prints a line of the lesson's summary and keeps it for the README's results block.
    public func report(_ line: String = "") {
        console.summary(line)
        results.report.append(line)
    }

    public func report(_ table: SummaryTable) {
        for line in table.description.split(separator: "\n", omittingEmptySubsequences: false) { report(String(line)) }
    }

    /// Keeps a measured value in the results file under `key`.
    public func record(_ key: String, _ estimate: Estimate) { results.values[key] = estimate }

    /// Writes (and renders) a figure named `<lesson>-<name>`.
    @discardableResult
    public func write(_ figure: Figure) throws -> WrittenFigure {
        var named = figure
        named.name = "\(name)-\(figure.name)"
        let written = try figures.write(named)
        results.figures.append(.init(name: named.name, title: figure.title ?? figure.panels.compactMap(\.title).joined(separator: "; ")))
        return written
    }

    /// Loads the training and test parts of the MNIST-format data, with a clear error if
    /// they are missing or corrupt.
    public func loadImages(_ training: TrainingRunOptions) throws -> (train: ImageDataset, test: ImageDataset) {
        let directory = training.dataDirectory
        let started = Date()
        let train = try MNISTFormat.load(.train, from: directory)
        let test = try MNISTFormat.load(.test, from: directory)
        console.note(String(format: "data: %d training and %d test images from %@ (%.1f s)",
                            train.count, test.count, directory, Date().timeIntervalSince(started)))
        return (ImageDataset(store: train), ImageDataset(store: test))
    }

    /// The lecture notebooks' three sets: a seeded validation split carved from the training
    /// images (10 % by default), optionally cut to `trainSize` training examples, and the
    /// test set, optionally cut to `testSize`.
    public func loadSplits(_ training: TrainingRunOptions, validationFraction: Double = 0.1,
                           trainSize: Int? = nil, validationSize: Int? = nil, testSize: Int? = nil)
        throws -> (train: ImageDataset, validation: ImageDataset, test: ImageDataset) {
        let (all, test) = try loadImages(training)
        let splitter = Random(seed: options.seed, purpose: .dataSubset)
        var (train, validation) = all.split(validationFraction: validationFraction, random: splitter)
        if let trainSize { train = train.randomSubset(trainSize, random: splitter) }
        if let validationSize { validation = validation.randomSubset(validationSize, random: splitter) }
        let cutTest = testSize.map { test.randomSubset($0, random: splitter) } ?? test
        guard train.count >= 1, validation.count >= 1 || validationFraction == 0, cutTest.count >= 1 || testSize == 0 else {
            let needed = validationFraction > 0 ? Int((1 / validationFraction).rounded(.up)) + 1 : 1
            throw LessonError("\(training.dataDirectory): \(all.count) training and \(test.count) test images are too few to carve training, validation and test sets (this lesson needs at least \(needed) training and 1 test image)")
        }
        console.note("sets: \(train.count) training, \(validation.count) validation, \(cutTest.count) test images")
        return (train, validation, cutTest)
    }

    /// Draws the main figure (the one `lessons/<name>/lesson.json` names, else the first
    /// written) on the terminal.
    func showPreview() throws {
        guard figures.canRender else { return console.warn("--preview needs gnuplot and rendering (no --no-render)") }
        let main = (try? LessonRegistry.load())?.first { $0.name == name }.map { "\(name)-\($0.figure)" }
        let figure = figures.written.first { ($0.script as NSString).lastPathComponent == "\(main ?? "").gp" } ?? figures.written[0]
        console.summary(try figures.preview(figure, terminal: Self.previewTerminal(width: Console.terminalWidth(), colors: console.isTerminal)))
    }

    /// sixel where the terminal is known to show it, else a text plot as wide as the terminal.
    public static func previewTerminal(width: Int, colors: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let sixelTerminals = ["mlterm", "foot", "WezTerm", "contour", "iTerm.app"]
        let forced = environment["TRAINING_LAB_PREVIEW"]
        let sixel = forced == "sixel" || (forced == nil && ((environment["TERM"] ?? "").contains("sixel")
            || sixelTerminals.contains(environment["TERM_PROGRAM"] ?? "") || sixelTerminals.contains(environment["TERM"] ?? "")))
        if sixel { return "sixelgd size 880,560 truecolor font 'DejaVu Sans,10'" }
        let columns = max(40, width - 1)
        return "dumb size \(columns),\(max(20, min(50, columns * 2 / 5)))" + (colors ? " ansi" : "")
    }

    /// Writes the results file and the run histories, lists the files written and the
    /// run's wall time; call last.
    public func finish() throws {
        defer {
            let hint = options.preview || figures.written.isEmpty ? "" : " (--preview draws the main one here)"
            console.summary(String(format: "Done in %.1f s with %@; figures and results in %@%@.", Date().timeIntervalSince(started),
                                   BLAS.kernelDescription, figures.directory, hint))
        }
        let directory = figures.directory as NSString
        results.seconds = (Date().timeIntervalSince(started) * 10).rounded() / 10
        try FileOutput.writeAtomically(results.encoded(), to: directory.appendingPathComponent(LessonResults.fileName(lesson: name)))
        if !settingRuns.isEmpty {
            try FileOutput.writeAtomically(HistoryTable.csv(settingRuns), to: directory.appendingPathComponent("\(name)-runs.csv"))
        }
        guard !figures.written.isEmpty else { return }
        if options.preview { try showPreview() }
        console.line("")
        console.line("Figures (\(figures.written.first!.rendered ? "rendered with gnuplot" : "scripts and data only")):")
        for figure in figures.written {
            let files = figure.rendered ? [figure.png, figure.svg, figure.script, figure.data] : [figure.script, figure.data]
            console.line("  " + files.joined(separator: "  "))
        }
    }
}
