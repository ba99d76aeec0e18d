import ArgumentParser
import LessonKit

struct ParameterCount: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "How many parameters does an MLP have? Counts them on a real engine model.",
        discussion: """
            The lecture's example: 50 input features, two hidden layers of 100 units, 10 classes. \
            The lesson builds that network with the engine and prints, layer by layer, the sizes \
            of W and b and the total (16,210). Any architecture can be counted with --layers, \
            with or without biases and BatchNorm: the count is computed first with overflow-checked \
            arithmetic, and the network is built (and checked against it) only up to \
            \(SummaryTable.grouped(maximumBuiltParameters)) parameters; larger ones are counted without being built. \
            Figures: parameters per layer, and how the total grows with width (quadratically) and \
            with depth (linearly), against the 54,000 training images the other lessons train on. \
            Nothing is trained, so --quick and --seeds change nothing here.
            """)

    @OptionGroup var lesson: LessonOptions

    @Option(
        help: ArgumentHelp(
            "Layer sizes, input first and classes last: 2 to \(maximumLayers) whole numbers ≥ 1. Networks over \(SummaryTable.grouped(maximumBuiltParameters)) parameters are counted but not built.",
            valueName: "sizes"))
    var layers = ListOption<Int>([50, 100, 100, 10])

    @Flag(help: "Linear layers without bias vectors.")
    var noBias = false

    @Flag(
        help:
            "Insert BatchNorm1d after each hidden Linear layer (whose bias is then dropped, as the lecture recommends)."
    )
    var batchnorm = false

    /// At most this many sizes in --layers (the per-layer figure has one bar group per layer).
    static let maximumLayers = 64
    /// Networks up to this size are built (4 bytes per parameter: 80 MB); larger ones only counted.
    static let maximumBuiltParameters = 20_000_000

    mutating func validate() throws {
        guard layers.values.count >= 2, layers.values.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--layers needs at least two positive sizes, e.g. 784,100,10")
        }
        guard layers.values.count <= Self.maximumLayers else {
            throw ValidationError("--layers takes at most \(Self.maximumLayers) sizes (got \(layers.values.count))")
        }
        guard Self.count(layers.values, bias: !noBias, batchNorm: batchnorm) != nil else {
            throw ValidationError(
                "--layers \(layers): the parameter count exceeds \(SummaryTable.grouped(Int.max)), the largest whole number this machine counts to"
            )
        }
    }
}
