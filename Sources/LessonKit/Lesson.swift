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
    var currentResults: LessonResults { results }
    private var dataTables: [DataTables.Setting] = []
    /// Held for the run's lifetime: no second run writes the same folder meanwhile.
    private let lock: FolderLock
    /// The committed reference results of this lesson, for "your run vs the reference"
    /// (nil for the reference run itself or when there is none).
    private let reference: LessonResults?

    /// Fails before any work if the output folder cannot be written, or if rendering was
    /// required and gnuplot is missing. `seeds` is the lesson's full-run default.
    /// `referenceFolder` holds the results a user's run is compared with at the end.
    public init(
        lesson name: String, options: LessonOptions, seeds defaultSeeds: Int = 5, console: Console? = nil,
        referenceFolder: String = LessonOptions.referenceFolder
    ) throws {
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
        let directory: String
        if let chosen = options.chosenOutput {
            try FileOutput.prepareDirectory(chosen)
            directory = chosen
        } else {
            directory = try RunFolder.create(lesson: name)
        }
        lock = try FolderLock(directory)
        let referencePath = (referenceFolder as NSString).appendingPathComponent(LessonResults.fileName(lesson: name))
        reference = options.reference ? nil : try? LessonResults.read(referencePath)
        if !options.reference && reference == nil && FileManager.default.fileExists(atPath: referencePath) {
            self.console.warn(
                "\(referencePath) cannot be read (written by an older version?): your run will not be compared with it")
        }
        // The whole lesson's time left is this run's pace over the epochs the last run of the
        // same budget trained (the one in the output folder, else the reference).
        let previous =
            (try? LessonResults.read(
                (directory as NSString).appendingPathComponent(LessonResults.fileName(lesson: name)))) ?? reference
        let comparable = previous.flatMap {
            $0.quick == options.quick && $0.seeds.count == count && $0.epochsTrained > 0 ? $0.epochsTrained : nil
        }
        progress = LessonProgress(console: self.console, lessonEpochs: comparable)
        // Called in-process (by a test), the command line is not the lesson's.
        let ownCommandLine =
            (CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "") == "lesson-\(name)"
        let arguments = ownCommandLine ? Array(CommandLine.arguments.dropFirst()) : []
        results = LessonResults(
            lesson: name, command: Self.command(lesson: name, arguments: arguments),
            commandLine: ownCommandLine ? CommandLine.arguments : [], seeds: seeds, splitSeed: options.splitSeed,
            quick: options.quick, blasKernel: BLAS.coreName)
        figures = FigureRenderer(directory: directory, renderImages: !options.noRender)
        if !options.noRender && figures.gnuplot == nil {
            if options.requireRender {
                throw LessonError(
                    "gnuplot not found and --require-render was given; install it with: \(FigureRenderer.installHint)")
            }
            self.console.warn(
                "gnuplot not found: the figures' scripts and data will be written but not drawn. Install it with: \(FigureRenderer.installHint)"
            )
        }
    }

    /// The full run's value, or the quick run's with `--quick`.
    public func budget<T>(_ full: T, quick: T) -> T { options.quick ? quick : full }

    /// Trains every setting under every seed, side by side on `--threads` workers, and
    /// returns one `SettingRuns` per setting in order. Each run gets its own random streams
    /// (`SeedRun.random`) and must build its own model and optimizer: nothing mutable may be
    /// shared between runs. The results do not depend on the number of workers.
    ///
    /// `experiment` names this comparison in the data files (a lesson with several calls
    /// gives each its own); `columns` gives each setting's hyperparameters as data columns
    /// (numbers, or names such as an optimizer's). Each setting's summaries go into the
    /// results file; `optionColumns` adds per-run columns that depend on the lesson's options;
    /// `lastK` is the window of its "mean of the last k epochs".
    public func overSeeds<Setting, Run: RunRecord>(
        _ settings: [Setting], label: (Setting) -> String, experiment: String = "main",
        columns: (Setting) -> [String: SettingValue] = { _ in [:] },
        optionColumns: [RunColumn<Run>] = [], lastK: Int = 10,
        _ body: @escaping (Setting, SeedRun) throws -> Run
    ) throws -> [SettingRuns<Run>] {
        let labels = settings.map(label)
        precondition(
            Set(labels).count == labels.count
                && !dataTables.contains { $0.experiment == experiment && labels.contains($0.label) },
            "two settings of experiment \(experiment) share a label: name the experiments apart")
        let jobs = labels.indices.flatMap { setting in seeds.indices.map { (setting, $0) } }
        progress.begin(runs: jobs.count)
        let progress = self.progress, seedList = self.seeds
        nonisolated(unsafe) let body = body, settings = settings
        let pool = WorkerPool(jobs) { setting, seedIndex in
            let run = SeedRun(
                label: labels[setting], seedIndex: seedIndex, seed: seedList[seedIndex], progress: progress)
            let started = Date()
            let result = try body(settings[setting], run)
            progress.finished(
                run, history: result.history, test: result.test, seconds: Date().timeIntervalSince(started))
            return result
        }
        let outputs = try pool.run(workers: options.workerThreads)
        let runs = labels.indices.map { setting in
            SettingRuns(
                label: labels[setting], experiment: experiment, columns: columns(settings[setting]), seeds: seeds,
                runs: Array(outputs[(setting * seeds.count)..<((setting + 1) * seeds.count)]),
                optionColumns: optionColumns)
        }
        dataTables += runs.map(DataTables.Setting.init)
        results.settings += runs.map { LessonResults.SettingSummary($0, lastK: lastK) }
        return runs
    }

    /// Records the value of every option of the lesson's command in the results file.
    func record(options values: [String: String?]) { results.options = values }

    /// Prints a line of the lesson's summary and keeps it for the README's results block.
    public func report(_ line: String = "") {
        console.summary(line)
        results.report.append(line)
    }

    /// Prints a verdict line and records it with its sources, so that `--check` can compute
    /// it again from the data files.
    public func report(_ verdict: Verdict) {
        var recorded = verdict
        recorded.reportIndex = results.report.count
        results.verdicts = (results.verdicts ?? []) + [recorded]
        report(verdict.line)
    }

    /// Prints a summary table and records it with the sources of its cells, so that `--check`
    /// can render it again from the data files.
    public func report(_ table: SummaryTable) {
        results.tables = (results.tables ?? []) + [.init(reportIndex: results.report.count, table: table)]
        for line in table.lines { report(line.text) }
    }

    /// Writes (and renders) a figure named `<lesson>-<name>`.
    @discardableResult
    public func write(_ figure: Figure) throws -> WrittenFigure {
        var named = figure
        named.name = "\(name)-\(figure.name)"
        let written = try figures.write(named)
        results.figures.append(
            .init(name: named.name, title: figure.title ?? figure.panels.compactMap(\.title).joined(separator: "; ")))
        return written
    }

    /// The command that reproduces a run as a user types it: the arguments as given, without
    /// those that only choose where it is written, how many threads run it or what it prints.
    public static func command(lesson: String, arguments: [String]) -> String {
        let withValue: Set = ["--output", "--threads"]
        let dropped: Set = ["--reference", "--quiet", "--no-render", "--require-render", "--preview"]
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.prefix { $0 != "=" })
            if withValue.contains(name) {
                index += argument.contains("=") ? 1 : 2
                continue
            }
            if !dropped.contains(argument) { kept.append(argument) }
            index += 1
        }
        return (["swift", "run", "lesson-\(lesson)"] + kept.map(Self.shellQuoted)).joined(separator: " ")
    }

    static func shellQuoted(_ argument: String) -> String {
        let plain = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_.,=/:+@%".contains($0) }
        return plain && !argument.isEmpty ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Loads the training and test parts of the MNIST-format data, with a clear error if
    /// they are missing or corrupt.
    public func loadImages(_ training: TrainingRunOptions) throws -> (train: ImageDataset, test: ImageDataset) {
        let directory = training.dataDirectory
        let started = Date()
        let train = try MNISTFormat.load(.train, from: directory)
        let test = try MNISTFormat.load(.test, from: directory)
        console.note(
            String(
                format: "data: %d training and %d test images from %@ (%.1f s)",
                train.count, test.count, directory, Date().timeIntervalSince(started)))
        return (ImageDataset(store: train), ImageDataset(store: test))
    }

    /// The lecture notebooks' three sets for every seed: a validation split carved from the
    /// training images (10 % by default), optionally cut to `trainSize` training and
    /// `validationSize` validation examples, and the official test set, optionally cut to
    /// `testSize` (the same cut for every seed). Each seed draws its own split from its data
    /// stream, so the spread over seeds includes which images a run happened to train and
    /// validate on; `--split-seed` gives every seed the same one.
    public func loadSplits(
        _ training: TrainingRunOptions, validationFraction: Double = 0.1,
        trainSize: Int? = nil, validationSize: Int? = nil, testSize: Int? = nil
    ) throws -> SeededSplits {
        let (all, test) = try loadImages(training)
        let cutTest =
            testSize.map { test.randomSubset($0, random: Random(seed: options.splitSeed ?? 0, purpose: .dataSubset)) }
            ?? test
        func split(_ seed: UInt64) -> DataSplits {
            let splitter = Random(seed: options.splitSeed ?? seed, purpose: .dataSubset)
            var (train, validation) = all.split(validationFraction: validationFraction, random: splitter)
            if let trainSize { train = train.randomSubset(trainSize, random: splitter) }
            if let validationSize { validation = validation.randomSubset(validationSize, random: splitter) }
            return DataSplits(train: train, validation: validation, test: cutTest)
        }
        let splits = SeededSplits(seeds.map { ($0, split($0)) })
        let first = splits.first
        guard first.train.count >= 1, first.validation.count >= 1 || validationFraction == 0,
            cutTest.count >= 1 || testSize == 0
        else {
            let needed = validationFraction > 0 ? Int((1 / validationFraction).rounded(.up)) + 1 : 1
            throw LessonError(
                "\(training.dataDirectory): \(all.count) training and \(test.count) test images are too few to carve training, validation and test sets (this lesson needs at least \(needed) training and 1 test image)"
            )
        }
        console.note(
            "sets: \(first.train.count) training, \(first.validation.count) validation, \(cutTest.count) test images"
                + (options.splitSeed == nil ? " (each seed its own split)" : " (one split for every seed)"))
        return splits
    }

    /// Draws the main figure (the one `lessons/<name>/lesson.json` names, else the first
    /// written) on the terminal.
    func showPreview() throws {
        guard figures.canRender else { return console.warn("--preview needs gnuplot and rendering (no --no-render)") }
        let main = (try? LessonRegistry.load())?.first { $0.name == name }.map { "\(name)-\($0.figure)" }
        let figure =
            figures.written.first { ($0.script as NSString).lastPathComponent == "\(main ?? "").gp" }
            ?? figures.written[0]
        console.summary(
            try figures.preview(
                figure, terminal: Self.previewTerminal(width: Console.terminalWidth(), colors: console.isTerminal)))
    }

    /// sixel where the terminal is known to show it, else a text plot as wide as the terminal
    /// and no taller than it (the prompt keeps two lines). The font name is in double
    /// quotes: the renderer passes the terminal inside a single-quoted gnuplot string.
    public static func previewTerminal(
        width: Int, height: Int = Console.terminalHeight(), colors: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        let sixelTerminals = ["mlterm", "foot", "WezTerm", "contour", "iTerm.app"]
        let forced = environment["TRAINING_LAB_PREVIEW"]
        let sixel =
            forced == "sixel"
            || (forced == nil
                && ((environment["TERM"] ?? "").contains("sixel")
                    || sixelTerminals.contains(environment["TERM_PROGRAM"] ?? "")
                    || sixelTerminals.contains(environment["TERM"] ?? "")))
        if sixel { return "sixelgd size 880,560 truecolor font \"DejaVu Sans,10\"" }
        let columns = max(40, width - 1)
        let rows = max(12, min(50, columns * 2 / 5, height - 2))
        return "dumb size \(columns),\(rows)" + (colors ? " ansi" : "")
    }

    /// Writes the results file and the run histories, lists the files written and the
    /// run's wall time; call last.
    public func finish() throws {
        defer {
            let hint = options.preview || figures.written.isEmpty ? "" : " (--preview draws the main one here)"
            console.summary(
                String(
                    format: "Done in %.1f s with %@; figures, results and data in %@%@.",
                    Date().timeIntervalSince(started),
                    BLAS.kernelDescription, figures.directory, hint))
        }
        let directory = figures.directory as NSString
        results.seconds = (Date().timeIntervalSince(started) * 10).rounded() / 10
        results.epochsTrained = progress.epochsTrained
        results.gemmGigaflops = (Double(BLAS.floatingPointOperations) / 1e8).rounded() / 10
        try FileOutput.writeAtomically(
            results.encoded(), to: directory.appendingPathComponent(LessonResults.fileName(lesson: name)))
        // A data file this run has no rows for is removed rather than left from an earlier run.
        for (file, text) in [
            (DataTables.runsFile(lesson: name), DataTables.runs(dataTables)),
            (DataTables.perRunFile(lesson: name), DataTables.perRun(dataTables)),
        ] {
            let path = directory.appendingPathComponent(file)
            if let text {
                try FileOutput.writeAtomically(text, to: path)
            } else if FileManager.default.fileExists(atPath: path) {
                try FileManager.default.removeItem(atPath: path)
            }
        }
        if let reference { compare(with: reference) }
        guard !figures.written.isEmpty else { return }
        if options.preview { try showPreview() }
        console.line("")
        console.line(
            "Figures (\(figures.written.first!.rendered ? "rendered with gnuplot" : "scripts and data only")):")
        for figure in figures.written {
            let files =
                figure.rendered ? [figure.png, figure.svg, figure.script, figure.data] : [figure.script, figure.data]
            console.line("  " + files.joined(separator: "  "))
        }
    }
}

extension LessonContext {
    /// Records settings whose runs were measured inside other runs, without running anything
    /// (hyperparameters' search trials: each trial a row of per-run.csv): their rows join the
    /// data files and their summaries the results file, as those of `overSeeds` do.
    public func record<Run: RunRecord>(_ settings: [SettingRuns<Run>], lastK: Int = 10) {
        let keys = (dataTables.map { [$0.experiment, $0.label] } + settings.map { [$0.experiment, $0.label] })
        precondition(Set(keys).count == keys.count, "two recorded settings share an experiment and a label")
        dataTables += settings.map(DataTables.Setting.init)
        results.settings += settings.map { LessonResults.SettingSummary($0, lastK: lastK) }
    }
}
