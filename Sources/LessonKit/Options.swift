import ArgumentParser
import Foundation
import Engine

/// Options every lesson takes.
public struct LessonOptions: ParsableArguments {
    @Option(help: "Seed of every random choice: weights, shuffling, dropout masks, subsets. The same seed gives the same numbers.")
    public var seed: UInt64 = 123

    @Flag(help: "A CI-sized run: small subsets and few epochs, still real data and real figures.")
    public var quick = false

    @Option(help: ArgumentHelp("Folder for the figures (.gp, .dat, .png, .svg).", valueName: "dir"))
    public var output = "figures"

    @Option(help: "BLAS threads for matrix products. One keeps timings comparable; two help only on an otherwise idle machine.")
    public var threads = 1

    @Flag(help: "Write the gnuplot scripts and data but do not run gnuplot.")
    public var noRender = false

    @Flag(help: "Fail if the figures cannot be rendered (gnuplot missing) instead of only warning.")
    public var requireRender = false

    @Flag(help: "Print nothing but warnings and errors (the figures are still written).")
    public var quiet = false

    public init() {}

    public mutating func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard !(noRender && requireRender) else {
            throw ValidationError("--no-render and --require-render contradict each other")
        }
    }
}

/// Options of lessons that train on data.
public struct TrainingRunOptions: ParsableArguments {
    @Option(help: "Training epochs (each lesson has its own default; --quick lowers it).")
    public var epochs: Int?

    @Option(help: ArgumentHelp("MNIST-format folder (train-/t10k- IDX files, .gz or raw). Default: $\(MNISTFormat.environmentVariable), else \(MNISTFormat.defaultDirectory).", valueName: "dir"))
    public var data: String?

    public init() {}

    public mutating func validate() throws {
        if let epochs, epochs < 0 { throw ValidationError("--epochs must not be negative (got \(epochs))") }
    }

    /// The epoch count to run: the option if given, else the lesson's full or quick default.
    public func epochs(full: Int, quick: Int, isQuick: Bool) -> Int { epochs ?? (isQuick ? quick : full) }

    public var dataDirectory: String { MNISTFormat.directory(explicit: data) }
}

/// A comma-separated option such as `--sweep 0,0.25,0.5` or `--layers 784,75,10`.
public struct ListOption<Element: LosslessStringConvertible & Sendable>: ExpressibleByArgument, CustomStringConvertible, Sendable {
    public let values: [Element]

    public init(_ values: [Element]) { self.values = values }

    public init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { Element(String($0).trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        values = parts.map { $0! }
    }

    public var description: String { values.map(\.description).joined(separator: ",") }
}
