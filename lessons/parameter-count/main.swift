import ArgumentParser
import Foundation
import Engine
import LessonKit
import Plot

struct ParameterCount: ParsableCommand {
    static let configuration = CommandConfiguration.lesson(
        "parameter-count",
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

    /// The lecture's network.
    static let lectureSizes = [50, 100, 100, 10]
    /// Fashion-MNIST's inputs and classes, for the growth curves.
    static let imageSizes = (inputs: 784, classes: 10)
    /// The training images the other lessons train on: Fashion-MNIST's 60,000 minus the
    /// 10 % they hold out for validation.
    static let trainingImages = 54_000

    // MARK: Counting

    /// One layer's parameters, computed from the sizes alone.
    struct LayerCount: Equatable {
        let layer: String
        let weights: Int
        let biases: Int
        var total: Int { weights + biases }
    }

    /// The layers of `Sequential.mlp(sizes, bias:, batchNorm:)` that have parameters, counted
    /// with overflow-checked arithmetic and nothing allocated; nil if a count overflows Int.
    static func layerCounts(_ sizes: [Int], bias: Bool = true, batchNorm: Bool = false) -> [LayerCount]? {
        var rows: [LayerCount] = []
        for (index, (input, output)) in zip(sizes, sizes.dropFirst()).enumerated() {
            let isOutput = index == sizes.count - 2
            let (weights, overflow) = input.multipliedReportingOverflow(by: output)
            guard !overflow else { return nil }
            let hasBias = bias && (isOutput || !batchNorm)
            guard weights.addingReportingOverflow(hasBias ? output : 0).overflow == false else { return nil }
            rows.append(
                LayerCount(
                    layer: "Linear(\(input)→\(output)\(hasBias ? "" : ", bias=false"))",
                    weights: weights, biases: hasBias ? output : 0))
            if !isOutput && batchNorm {
                // γ and β, one of each per unit.
                rows.append(LayerCount(layer: "BatchNorm1d(\(output))", weights: output, biases: output))
            }
        }
        return rows
    }

    /// The total, or nil if it overflows Int.
    static func count(_ sizes: [Int], bias: Bool = true, batchNorm: Bool = false) -> Int? {
        guard let rows = layerCounts(sizes, bias: bias, batchNorm: batchNorm) else { return nil }
        var total = 0
        for row in rows {
            let (sum, overflow) = total.addingReportingOverflow(row.total)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    static func model(_ sizes: [Int], bias: Bool = true, batchNorm: Bool = false, random: Random) -> Sequential {
        Sequential.mlp(sizes, bias: bias, batchNorm: batchNorm, random: random)
    }

    /// The per-layer rows as the engine's model reports them, checked against the arithmetic;
    /// for networks too large to build, the arithmetic alone (`built` is false).
    static func measuredCounts(_ sizes: [Int], bias: Bool, batchNorm: Bool, random: Random) throws -> (
        rows: [LayerCount], built: Bool
    ) {
        guard let counted = layerCounts(sizes, bias: bias, batchNorm: batchNorm),
            let total = count(sizes, bias: bias, batchNorm: batchNorm)
        else {
            throw LessonError("the parameter count of \(sizes) exceeds \(SummaryTable.grouped(Int.max))")
        }
        guard total <= maximumBuiltParameters else { return (counted, false) }
        let built = model(sizes, bias: bias, batchNorm: batchNorm, random: random).parameterSummary()
            .map { LayerCount(layer: $0.layer, weights: $0.weights, biases: $0.biases) }
        guard built.map(\.total) == counted.map(\.total) else {
            throw LessonError(
                "the engine's model has \(built.map(\.total)) parameters per layer, the arithmetic says \(counted.map(\.total))"
            )
        }
        return (built, true)
    }

    /// The per-layer table, numbered like the lecture's W⁽¹⁾, b⁽¹⁾ … for Linear layers.
    static func table(_ rows: [LayerCount], sizes: [Int]) -> SummaryTable {
        var table = SummaryTable(
            title: "Parameters of the \(sizes.map(String.init).joined(separator: "→")) MLP (ReLU)",
            header: ["layer", "weights", "biases", "total"])
        for row in rows {
            table.add([
                row.layer, SummaryTable.grouped(row.weights), SummaryTable.grouped(row.biases),
                SummaryTable.grouped(row.total),
            ])
        }
        table.add(["all layers", "", "", SummaryTable.grouped(rows.reduce(0) { $0 + $1.total })])
        return table
    }

    /// The smallest width w at which `inputs → w → w → classes` has more parameters than
    /// `examples`.
    static func crossingWidth(inputs: Int, classes: Int, examples: Int) -> Int {
        var width = 1
        while (count([inputs, width, width, classes]) ?? .max) <= examples { width += 1 }
        return width
    }

    // MARK: The lesson

    func run() throws {
        let context = try LessonContext(lesson: "parameter-count", options: lesson, seeds: 1)
        try countTheNetwork(context)
        let growth = Self.growth()
        try context.write(Self.growthFigure(growth))
        reportGrowth(context, growth)
        try context.finish()
    }

    /// Step 1: the chosen network (the lecture's by default), layer by layer.
    func countTheNetwork(_ context: LessonContext) throws {
        let sizes = layers.values
        let (rows, built) = try Self.measuredCounts(sizes, bias: !noBias, batchNorm: batchnorm, random: context.random)
        let total = rows.reduce(0) { $0 + $1.total }
        context.report(Self.table(rows, sizes: sizes))
        if sizes == Self.lectureSizes && !noBias && !batchnorm {
            context.report(
                "(5,000 + 100) + (10,000 + 100) + (1,000 + 10) = \(SummaryTable.grouped(total)), as in the lecture.")
        }
        if !built {
            let gigabytes = Double(total) * 4 / 1e9
            context.console.warn(
                String(
                    format:
                        "%@ parameters would take %.3g GB as 32-bit floats: counted from the sizes, not built (this lesson builds networks up to %@ parameters).",
                    SummaryTable.grouped(total), gigabytes, SummaryTable.grouped(Self.maximumBuiltParameters)))
        }
        try context.write(Self.perLayerFigure(rows, sizes: sizes))
    }

    /// Step 2: how the total grows with width and depth, against the training set's size.
    func reportGrowth(_ context: LessonContext, _ growth: Growth) {
        context.report()
        var summary = SummaryTable(
            title:
                "Totals as the network grows (\(Self.imageSizes.inputs) inputs, \(Self.imageSizes.classes) classes, ReLU MLP)",
            header: ["network", "parameters", "per training image"])
        for (label, sizes) in growth.highlights {
            let count = Self.count(sizes)!
            summary.add([
                label, SummaryTable.grouped(count), String(format: "%.2f", Double(count) / Double(Self.trainingImages)),
            ])
        }
        context.report(summary)
        context.report()
        for crossing in growth.crossings {
            context.report(
                "\(crossing.inputs) inputs, two hidden layers of width w: more parameters than the \(SummaryTable.grouped(Self.trainingImages)) training images from w = \(crossing.width) on (\(SummaryTable.grouped(Self.count([crossing.inputs, crossing.width, crossing.width, Self.imageSizes.classes])!)) parameters)."
            )
        }
    }

    // MARK: Figures

    static func perLayerFigure(_ rows: [LayerCount], sizes: [Int]) -> Figure {
        var linearNumber = 0
        let labels = rows.map { row -> String in
            if row.layer.hasPrefix("Linear") {
                linearNumber += 1
                return "layer \(linearNumber) " + row.layer.dropFirst("Linear".count)
            }
            return row.layer
        }
        let total = rows.reduce(0) { $0 + $1.total }
        let title =
            "Parameters per layer of the \(sizes.map(String.init).joined(separator: "→")) MLP: \(SummaryTable.grouped(total)) in all"
        return Figure(
            name: "per-layer",
            panels: [
                Panel(
                    title: title, yLabel: "parameters",
                    series: [
                        .bars("weights (W, or BatchNorm γ)", labels: labels, values: rows.map { Double($0.weights) }),
                        .bars("biases (b, or BatchNorm β)", labels: labels, values: rows.map { Double($0.biases) }),
                    ])
            ], layout: .single)
    }

    struct Growth {
        var widths: [Int]
        var byWidth: [(label: String, totals: [Int])]
        var depths: [Int]
        var byDepth: [(label: String, totals: [Int])]
        var highlights: [(String, [Int])]
        /// Per input size, the narrowest two-hidden-layer network with more parameters than training images.
        var crossings: [(inputs: Int, width: Int)]
    }

    static func growth() -> Growth {
        let widths = [8, 16, 32, 64, 100, 128, 256, 512, 1024]
        let depths = Array(1...10)
        let inputs = [(lectureSizes.first!, "50 inputs (lecture)"), (imageSizes.inputs, "784 inputs (28×28 image)")]
        let classes = imageSizes.classes
        return Growth(
            widths: widths,
            byWidth: inputs.map { input, label in (label, widths.map { count([input, $0, $0, classes])! }) },
            depths: depths,
            byDepth: inputs.map { input, label in
                (label, depths.map { count([input] + Array(repeating: 100, count: $0) + [classes])! })
            },
            highlights: [
                ("784→100→10", [784, 100, 10]),
                ("784→100→100→10", [784, 100, 100, 10]),
                ("784→500→500→10", [784, 500, 500, 10]),
                ("784→1000→1000→10", [784, 1000, 1000, 10]),
            ],
            crossings: inputs.map { input, _ in
                (input, crossingWidth(inputs: input, classes: classes, examples: trainingImages))
            })
    }

    static func growthFigure(_ growth: Growth) -> Figure {
        let examples = Double(trainingImages)
        let widthSeries = growth.byWidth.enumerated().map { index, entry in
            Series.line(
                entry.label, x: growth.widths.map(Double.init), y: entry.totals.map(Double.init),
                style: .linesPoints, color: index)
        }
        let depthSeries = growth.byDepth.enumerated().map { index, entry in
            Series.line(
                entry.label, x: growth.depths.map(Double.init), y: entry.totals.map(Double.init),
                style: .linesPoints, color: index)
        }
        let widthRange = Double(growth.widths.first!)...Double(growth.widths.last!)
        // Slope guides for the 784-input curve: slope 1 (∝ w) at 3× its narrowest network,
        // slope 2 (∝ w²) at a third of its widest, clear of both curves (a guide through the
        // curve's own point lies on it where the slope is still 1). The curve leaves the
        // first only slowly: its w² term overtakes the 796·w term only at w = 796.
        let imageTotals = growth.byWidth[1].totals.map(Double.init)
        let guides: [Series] = [
            .line(
                "slope 1 (∝ w), 3× above the 784 curve's start", x: [widthRange.lowerBound, widthRange.upperBound],
                y: [3 * imageTotals.first!, 3 * imageTotals.first! * widthRange.upperBound / widthRange.lowerBound],
                style: .dashed, color: 9),
            .line(
                "slope 2 (∝ w²), ⅓ of the 784 curve's end", x: [widthRange.lowerBound, widthRange.upperBound],
                y: [
                    imageTotals.last! / 3 * pow(widthRange.lowerBound / widthRange.upperBound, 2),
                    imageTotals.last! / 3,
                ],
                style: .dashed, color: 10),
        ]
        let depthRange = Double(growth.depths.first!)...Double(growth.depths.last!)
        let imagesLabel = "\(SummaryTable.grouped(trainingImages)) training images"
        return Figure(
            name: "growth", title: "Total parameters of an MLP with 10 classes",
            panels: [
                Panel(
                    title: "two hidden layers of width w (w² takes over from w only for wide layers)",
                    xLabel: "hidden width w",
                    yLabel: "parameters", xScale: .log, yScale: .log, xRange: widthRange,
                    markers: growth.crossings.map { Marker(x: Double($0.width), label: "w = \($0.width)") },
                    series: guides + widthSeries + [
                        .line(
                            imagesLabel, x: [widthRange.lowerBound, widthRange.upperBound],
                            y: [examples, examples], style: .dashed, color: 6)
                    ]),
                Panel(
                    title: "hidden layers of width 100 (grows linearly)", xLabel: "number of hidden layers",
                    yLabel: "parameters",
                    series: depthSeries + [
                        .line(
                            imagesLabel, x: [depthRange.lowerBound, depthRange.upperBound],
                            y: [examples, examples], style: .dashed, color: 6)
                    ]),
            ], layout: .pair)
    }
}

ParameterCount.main()
