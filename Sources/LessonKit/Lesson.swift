import ArgumentParser
import Engine
import Foundation
import Plot

/// A lesson's failure, printed as one line by the argument parser ("Error: …").
public struct LessonError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What a lesson's `run()` sets up first: BLAS threads, the seeded generator, the output
/// folder and the figure renderer; at the end it prints the figures written.
public final class LessonContext {
    public let name: String
    public let options: LessonOptions
    public let random: Random
    public let figures: FigureRenderer
    public let console: Console
    private let started = Date()

    /// Fails before any work if the output folder cannot be written, or if rendering was
    /// required and gnuplot is missing.
    public init(lesson name: String, options: LessonOptions, console: Console? = nil) throws {
        self.name = name
        self.options = options
        self.console = console ?? (options.quiet ? Console(isTerminal: false) { _ in } : Console())
        BLAS.setThreads(options.threads)
        random = Random(seed: options.seed)
        try prepareOutputDirectory(options.output)
        figures = FigureRenderer(directory: options.output, renderImages: !options.noRender)
        if !options.noRender && figures.gnuplot == nil {
            if options.requireRender {
                throw LessonError("gnuplot not found and --require-render was given; install it with: \(FigureRenderer.installHint)")
            }
            self.console.warn("gnuplot not found: the figures' scripts and data will be written but not drawn. Install it with: \(FigureRenderer.installHint)")
        }
    }

    /// Writes (and renders) a figure named `<lesson>-<name>`.
    @discardableResult
    public func write(_ figure: Figure) throws -> WrittenFigure {
        var named = figure
        named.name = "\(name)-\(figure.name)"
        return try figures.write(named)
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
        let splitter = Random(seed: options.seed)
        var (train, validation) = all.split(validationFraction: validationFraction, random: splitter)
        if let trainSize { train = train.randomSubset(trainSize, random: splitter) }
        if let validationSize { validation = validation.randomSubset(validationSize, random: splitter) }
        let cutTest = testSize.map { test.randomSubset($0, random: splitter) } ?? test
        console.note("sets: \(train.count) training, \(validation.count) validation, \(cutTest.count) test images")
        return (train, validation, cutTest)
    }

    /// Trains with the engine's loop and shows progress; the numbers of every epoch are in
    /// the returned history.
    public func fit<L: Loss, D: Dataset>(_ label: String, model: Sequential, loss: L, optimizer: Optimizer,
                                         train: D, validation: D? = nil, test: D? = nil, trainingEvaluation: D? = nil,
                                         options: TrainingOptions, random: Random,
                                         callbacks: [TrainingCallback] = []) throws -> History where D.Target == L.Target {
        let trainer = Trainer(model: model, loss: loss, optimizer: optimizer, random: random,
                              callbacks: callbacks + [ProgressDisplay(console: console, label: label)])
        return try trainer.fit(train, validation: validation, test: test, trainingEvaluation: trainingEvaluation,
                               options: options)
    }

    /// Lists the figure files written and the run's wall time; call last.
    public func finish() {
        defer { console.line(String(format: "Done in %.1f s.", Date().timeIntervalSince(started))) }
        guard !figures.written.isEmpty else { return }
        console.line("")
        console.line("Figures (\(figures.written.first!.rendered ? "rendered with gnuplot" : "scripts and data only")):")
        for figure in figures.written {
            let files = figure.rendered ? [figure.png, figure.svg, figure.script, figure.data] : [figure.script, figure.data]
            console.line("  " + files.joined(separator: "  "))
        }
    }
}
