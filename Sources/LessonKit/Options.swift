import ArgumentParser
import Engine
import EngineData
import Foundation

/// The version every command reports (`--version`).
public let trainingLabVersion = "0.3.0"

extension CommandConfiguration {
    /// A lesson's command: `lesson-<name>`, a short usage line (every option is in --help),
    /// and the version. The name is the lesson's folder, read from the calling file's path, so
    /// that a lesson writes it nowhere: `Package.swift` names the executable after the same
    /// folder, and `LessonContext(for:)` reads it back from here.
    /// `epochs`, for lessons that train, is stated in the help, where `--epochs` refers to it.
    public static func lesson(
        abstract: String, discussion: String, epochs: EpochBudget? = nil, file: StaticString = #filePath
    ) -> CommandConfiguration {
        let folder = ((file.description as NSString).deletingLastPathComponent as NSString).lastPathComponent
        return lesson(folder, abstract: abstract, discussion: discussion, epochs: epochs)
    }

    static func lesson(_ name: String, abstract: String, discussion: String, epochs: EpochBudget?)
        -> CommandConfiguration
    {
        let budget =
            epochs.map {
                "\n\nEpochs: \($0.full) by default, \($0.quick) with --quick; --epochs sets the number for either."
            } ?? ""
        return CommandConfiguration(
            commandName: "lesson-\(name)", abstract: abstract,
            usage:
                "lesson-\(name) [--quick] [--seeds <n>]\(epochs == nil ? "" : " [--epochs <n>]") [--output <dir>] [<other options>]",
            discussion: discussion + budget, version: trainingLabVersion)
    }
}

/// A lesson's training epochs: the full run's and the quick run's.
public struct EpochBudget: Sendable {
    public let full: Int
    public let quick: Int
    public init(full: Int, quick: Int) {
        self.full = full
        self.quick = quick
    }
}

/// Options every lesson takes.
public struct LessonOptions: ParsableArguments {
    // Unconditional, so that "--seed -1" is read as a (rejected) value rather than a missing one.
    @Option(
        parsing: .unconditional,
        help:
            "First seed (a whole number ≥ 0); runs over N seeds use seed, seed+1, …, seed+N−1. Each seed draws its own initial weights, batch order and dropout/augmentation noise."
    )
    public var seed: UInt64 = 123

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "One data split for every seed, drawn from this seed (a whole number ≥ 0). Without it each seed draws its own training subset and validation split, so that the spread over seeds includes which images a run happened to get.",
            valueName: "n"))
    public var splitSeed: UInt64?

    @Option(
        help: ArgumentHelp(
            "Seeds per compared setting (default: the lesson's, usually 10; 2 with --quick). Results are mean ± std over seeds.",
            valueName: "n"))
    public var seeds: Int?

    @Flag(help: "A CI-sized run: small subsets, few epochs and 2 seeds, still real data and real figures.")
    public var quick = false

    @Option(
        help: ArgumentHelp(
            "Folder for the figures, results and data (default: a new folder runs/<lesson>/<date-time>/). The committed reference folder figures/ is refused without --reference.",
            valueName: "dir"))
    public var output: String?

    @Flag(
        help:
            "Write the committed reference (figures/ unless --output names another folder); regenerate-figures passes it, a user's run never needs it."
    )
    public var reference = false

    @Option(
        help: ArgumentHelp(
            "Worker threads: runs over seeds train side by side, one BLAS thread each (default: all cores). The numbers do not depend on it.",
            valueName: "n"))
    public var threads: Int?

    @Flag(help: "Write the gnuplot scripts and data but do not run gnuplot.")
    public var noRender = false

    @Flag(help: "Fail if the figures cannot be rendered (gnuplot missing) instead of only warning.")
    public var requireRender = false

    @Flag(help: "Print only the lesson's summary, warnings and errors (the figures are still written).")
    public var quiet = false

    @Flag(
        help:
            "Draw the lesson's main figure in the terminal at the end: sixel graphics where the terminal shows them (TRAINING_LAB_PREVIEW=sixel forces it), else text at the terminal's width."
    )
    public var preview = false

    public init() {}

    public static let maximumSeeds = 100
    public static let maximumThreads = 256

    public mutating func validate() throws {
        if let threads, !(1...Self.maximumThreads).contains(threads) {
            throw ValidationError("--threads must be between 1 and \(Self.maximumThreads) (got \(threads))")
        }
        if let seeds, !(1...Self.maximumSeeds).contains(seeds) {
            throw ValidationError("--seeds must be between 1 and \(Self.maximumSeeds) (got \(seeds))")
        }
        if let output, output.isEmpty { throw ValidationError("--output must name a folder") }
        if let output, !reference, Self.isReferenceFolder(output) {
            throw ValidationError(
                "--output \(output) is the committed reference folder; a run of yours goes to runs/ (leave out --output), and only regenerate-figures (--reference) rewrites figures/"
            )
        }
        guard !(noRender && requireRender) else {
            throw ValidationError("--no-render and --require-render contradict each other")
        }
    }

    /// Worker threads to use: `--threads`, else one per core.
    public var workerThreads: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The committed reference folder, relative to the package root.
    public static let referenceFolder = "figures"

    /// A scratch folder of this user's own (regenerate-figures --quick writes there): two
    /// users of one machine never share it.
    public static var quickOutput: String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("training-lab-quick-\(getuid())")
    }

    /// Whether `path` names the committed reference folder of the current directory.
    public static func isReferenceFolder(_ path: String) -> Bool {
        let current = FileManager.default.currentDirectoryPath
        func resolved(_ path: String) -> String {
            let absolute = path.hasPrefix("/") ? path : (current as NSString).appendingPathComponent(path)
            return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return resolved(path) == resolved(referenceFolder)
    }

    /// The folder named by the options, if any: `--output`, else figures/ for `--reference`;
    /// nil when the run gets a fresh folder of its own under runs/.
    public var chosenOutput: String? { output ?? (reference ? Self.referenceFolder : nil) }
}

/// Options of lessons that train on data.
public struct TrainingRunOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Training epochs, 1 to 10,000 (the lesson's defaults are at the end of its description).", valueName: "n"))
    public var epochs: Int?

    @Option(
        help: ArgumentHelp(
            "MNIST-format folder (train-/t10k- IDX files, .gz or raw). Default: $\(MNISTFormat.environmentVariable), else \(MNISTFormat.defaultDirectory).",
            valueName: "dir"))
    public var data: String?

    public init() {}

    public static let maximumEpochs = 10_000

    public mutating func validate() throws {
        if let epochs, !(1...Self.maximumEpochs).contains(epochs) {
            throw ValidationError("--epochs must be between 1 and \(Self.maximumEpochs) (got \(epochs))")
        }
        if let data, data.isEmpty { throw ValidationError("--data must name a folder") }
    }

    /// The epoch count to run: the option if given, else the lesson's full or quick default.
    public func epochs(_ budget: EpochBudget, isQuick: Bool) -> Int { epochs ?? (isQuick ? budget.quick : budget.full) }

    public var dataDirectory: String { MNISTFormat.directory(explicit: data) }
}

/// A comma-separated option such as `--sweep 0,0.25,0.5` or `--layers 784,75,10`.
public struct ListOption<Element: LosslessStringConvertible & Sendable>: ExpressibleByArgument, CustomStringConvertible,
    Sendable
{
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

/// An option value checked as it is parsed, so that a lesson never sees an impossible one:
/// the argument parser answers "The value 'inf' is invalid for '--learning-rate'" and the
/// option's help states the range.
public protocol CheckedOption: ExpressibleByArgument, LosslessStringConvertible, Sendable {
    associatedtype Value: LosslessStringConvertible & Sendable
    var value: Value { get }
    init(checked value: Value)
    static func accepts(_ value: Value) -> Bool
}

extension CheckedOption {
    public init?(_ description: String) {
        guard let value = Value(description.trimmingCharacters(in: .whitespaces)), Self.accepts(value) else {
            return nil
        }
        self.init(checked: value)
    }

    public init?(argument: String) { self.init(argument) }

    /// A default or a value known to be valid; traps on an invalid literal (a programming error).
    public init(_ value: Value) {
        precondition(Self.accepts(value), "\(value) is not a valid \(Self.self)")
        self.init(checked: value)
    }

    public var description: String { value.description }
}

/// A probability in [0, 1), such as dropout's p.
public struct Probability: CheckedOption {
    public let value: Float
    public init(checked value: Float) { self.value = value }
    public static func accepts(_ value: Float) -> Bool { value >= 0 && value < 1 }
}

/// A finite number > 0 (learning rates, scales).
public struct PositiveNumber: CheckedOption {
    public let value: Float
    public init(checked value: Float) { self.value = value }
    public static func accepts(_ value: Float) -> Bool { value.isFinite && value > 0 }
}

/// A finite number ≥ 0 (penalties, decay rates).
public struct NonNegativeNumber: CheckedOption {
    public let value: Float
    public init(checked value: Float) { self.value = value }
    public static func accepts(_ value: Float) -> Bool { value.isFinite && value >= 0 }
}

/// A whole number from 1 to a million (batch sizes, counts, widths); larger values would
/// only exhaust memory.
public struct Count: CheckedOption {
    public let value: Int
    public init(checked value: Int) { self.value = value }
    public static let maximum = 1_000_000
    public static func accepts(_ value: Int) -> Bool { (1...maximum).contains(value) }
}

/// The number of training images a lesson draws for each run: 0 for the whole training split,
/// else a whole number up to a million; more than the split holds means all of it. One type,
/// so that `--train-size` takes the same values in every lesson.
public struct TrainingSize: CheckedOption {
    public let value: Int
    public init(checked value: Int) { self.value = value }
    public static func accepts(_ value: Int) -> Bool { (0...Count.maximum).contains(value) }
    /// The subset size to draw, nil for the whole split.
    public var limit: Int? { value == 0 ? nil : value }
}

/// The deep plain networks of the initialization and vanishing-gradient lessons: `depth`
/// hidden layers of `width` units between the 784 pixels and the 10 classes.
public struct DeepNetworkOptions: ParsableArguments {
    // Unconditional, so that "--depth -1" is read as a (rejected) value rather than a missing one.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Hidden layers of the deep networks (1…\(Self.maximumDepth)).", valueName: "n"))
    public var depth = 10

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Units per hidden layer of the deep networks (2…\(Self.maximumWidth)).", valueName: "n"))
    public var width = 100

    public init() {}

    public static let maximumDepth = 50
    public static let maximumWidth = 1024

    public mutating func validate() throws {
        guard (1...Self.maximumDepth).contains(depth) else {
            throw ValidationError("--depth must be in 1…\(Self.maximumDepth) (got \(depth))")
        }
        guard (2...Self.maximumWidth).contains(width) else {
            throw ValidationError("--width must be in 2…\(Self.maximumWidth) (got \(width))")
        }
    }

    /// Layer sizes: the 784 pixels, `depth` hidden layers of `width` units, the 10 classes.
    public var sizes: [Int] { [784] + Array(repeating: width, count: depth) + [10] }
}

/// A lesson's command: its options, so that the context reads the lesson's name from the
/// command's configuration and its common options from `lesson`.
public protocol LessonCommand: ParsableCommand {
    var lesson: LessonOptions { get }
}

extension LessonContext {
    /// The context of `command`'s run, named after its configuration (`lesson-<name>`); the
    /// results file records the value of every option of the command.
    public convenience init<Command: LessonCommand>(for command: Command, seeds: Int) throws {
        let name = String(Command.configuration.commandName?.dropFirst("lesson-".count) ?? "")
        try self.init(lesson: name, options: command.lesson, seeds: seeds)
        record(options: OptionValues.of(command))
    }
}

/// The options of a parsed command and their values, read by reflection over its properties,
/// so that an option a lesson adds is recorded without a line of its own.
enum OptionValues {
    /// Every `@Option` and `@Flag` of `arguments` and of its `@OptionGroup`s, by its
    /// command-line name ("learning-rate"), with its value as text; nil for an optional
    /// option left out.
    static func of(_ arguments: Any) -> [String: String?] {
        var values: [String: String?] = [:]
        for child in Mirror(reflecting: arguments).children {
            guard let property = child.label, property.hasPrefix("_") else { continue }
            if let group = child.value as? RecordedOptionGroup {
                values.merge(of(group.arguments)) { first, _ in first }
            } else if let option = child.value as? RecordedOption {
                values[commandLineName(String(property.dropFirst()))] = text(option.value)
            }
        }
        return values
    }

    /// "learningRate" → "learning-rate", as the argument parser names a property's option.
    static func commandLineName(_ property: String) -> String {
        var name = ""
        for character in property {
            if character.isUppercase && !name.isEmpty { name += "-" }
            name += character.lowercased()
        }
        return name
    }

    /// The value as text, nil for an optional without one.
    static func text(_ value: Any) -> String? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return "\(value)" }
        return mirror.children.first.map { "\($0.value)" }
    }
}

/// A parsed option or flag: its value.
protocol RecordedOption { var value: Any { get } }
/// A parsed group of options: the group.
protocol RecordedOptionGroup { var arguments: Any { get } }

extension Option: RecordedOption { var value: Any { wrappedValue } }
extension Flag: RecordedOption { var value: Any { wrappedValue } }
extension OptionGroup: RecordedOptionGroup { var arguments: Any { wrappedValue } }
