import ArgumentParser
import Foundation
import Engine
import LessonKit
import Plot

@main
struct ParameterCount: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-parameter-count",
        abstract: "How many parameters does an MLP have? Counts them on a real engine model.",
        discussion: """
        The lecture's example: 50 input features, two hidden layers of 100 units, 10 classes. \
        The lesson builds that network with the engine and prints, layer by layer, the sizes \
        of W and b and the total (16,210). Any architecture can be counted with --layers, \
        with or without biases and BatchNorm. Figures: parameters per layer, and how the \
        total grows with width (quadratically) and with depth (linearly). Nothing is trained, \
        so --quick changes nothing here.
        """)

    @OptionGroup var lesson: LessonOptions

    @Option(help: ArgumentHelp("Layer sizes, input first and classes last.", valueName: "sizes"))
    var layers = ListOption<Int>([50, 100, 100, 10])

    @Flag(help: "Linear layers without bias vectors.")
    var noBias = false

    @Flag(help: "Insert BatchNorm1d after each hidden Linear layer (whose bias is then dropped, as the lecture recommends).")
    var batchnorm = false

    mutating func validate() throws {
        guard layers.values.count >= 2, layers.values.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--layers needs at least two positive sizes, e.g. 784,100,10")
        }
    }

    /// The lecture's network.
    static let lectureSizes = [50, 100, 100, 10]
    /// Fashion-MNIST's inputs and classes, for the growth curves, and its training images.
    static let imageSizes = (inputs: 784, classes: 10)
    static let trainingImages = 60_000

    static func model(_ sizes: [Int], bias: Bool = true, batchNorm: Bool = false, random: Random) -> Sequential {
        Sequential.mlp(sizes, bias: bias, batchNorm: batchNorm, random: random)
    }

    static func total(_ sizes: [Int], random: Random) -> Int {
        model(sizes, random: random).parameterCount
    }

    /// The per-layer table, numbered like the lecture's W⁽¹⁾, b⁽¹⁾ … for Linear layers.
    static func table(for model: Sequential) -> SummaryTable {
        var table = SummaryTable(title: "Parameters of \(model.layers.map(\.description).joined(separator: " → "))",
                                 header: ["layer", "weights", "biases", "total"])
        for row in model.parameterSummary() {
            table.add([row.layer, grouped(row.weights), grouped(row.biases), grouped(row.total)])
        }
        table.add(["all layers", "", "", grouped(model.parameterCount)])
        return table
    }

    func run() throws {
        let context = try LessonContext(lesson: "parameter-count", options: lesson)
        let console = context.console
        let model = Self.model(layers.values, bias: !noBias, batchNorm: batchnorm, random: context.random)
        console.line(Self.table(for: model).description)
        if layers.values == Self.lectureSizes && !noBias && !batchnorm {
            console.line("(5,000 + 100) + (10,000 + 100) + (1,000 + 10) = \(grouped(model.parameterCount)), as in the lecture.")
        }
        try context.write(Self.perLayerFigure(model, sizes: layers.values))
        let growth = Self.growth(random: context.random)
        try context.write(Self.growthFigure(growth))

        console.line("")
        var summary = SummaryTable(title: "Totals as the network grows (\(Self.imageSizes.inputs) inputs, \(Self.imageSizes.classes) classes, ReLU MLP)",
                                   header: ["network", "parameters", "per training image"])
        for (label, sizes) in growth.highlights {
            let count = Self.total(sizes, random: context.random)
            summary.add([label, grouped(count), String(format: "%.2f", Double(count) / Double(Self.trainingImages))])
        }
        console.line(summary.description)
        let imageNetwork = growth.byWidth.last!
        if let crossing = zip(growth.widths, imageNetwork.totals).first(where: { $0.1 > Self.trainingImages }) {
            console.line("With \(Self.imageSizes.inputs) inputs, two hidden layers of width \(crossing.0) already hold more parameters (\(grouped(crossing.1))) than Fashion-MNIST has training images (\(grouped(Self.trainingImages))).")
        }
        try context.finish()
    }

    // MARK: Figures

    static func perLayerFigure(_ model: Sequential, sizes: [Int]) -> Figure {
        let rows = model.parameterSummary()
        var linearNumber = 0
        let labels = rows.map { row -> String in
            if row.layer.hasPrefix("Linear") {
                linearNumber += 1
                return "layer \(linearNumber) " + row.layer.dropFirst("Linear".count)
            }
            return row.layer
        }
        let title = "Parameters per layer of the \(sizes.map(String.init).joined(separator: "→")) MLP: \(grouped(model.parameterCount)) in all"
        return Figure(name: "per-layer", panels: [
            Panel(title: title, yLabel: "parameters", legend: .topRight, series: [
                .bars("weights (W, or BatchNorm γ)", labels: labels, values: rows.map { Double($0.weights) }),
                .bars("biases (b, or BatchNorm β)", labels: labels, values: rows.map { Double($0.biases) }),
            ]),
        ], columns: 1, panelSize: (760, 460))
    }

    struct Growth {
        var widths: [Int]
        var byWidth: [(label: String, totals: [Int])]
        var depths: [Int]
        var byDepth: [(label: String, totals: [Int])]
        var highlights: [(String, [Int])]
    }

    static func growth(random: Random) -> Growth {
        let widths = [8, 16, 32, 64, 100, 128, 256, 512, 1024]
        let depths = Array(1...10)
        let inputs = [(Self.lectureSizes.first!, "50 inputs (lecture)"), (imageSizes.inputs, "784 inputs (28×28 image)")]
        let classes = imageSizes.classes
        return Growth(
            widths: widths,
            byWidth: inputs.map { input, label in
                (label, widths.map { total([input, $0, $0, classes], random: random) })
            },
            depths: depths,
            byDepth: inputs.map { input, label in
                (label, depths.map { total([input] + Array(repeating: 100, count: $0) + [classes], random: random) })
            },
            highlights: [
                ("784→100→10", [784, 100, 10]),
                ("784→100→100→10", [784, 100, 100, 10]),
                ("784→500→500→10", [784, 500, 500, 10]),
                ("784→1000→1000→10", [784, 1000, 1000, 10]),
            ])
    }

    static func growthFigure(_ growth: Growth) -> Figure {
        let examples = Double(trainingImages)
        let widthSeries = growth.byWidth.enumerated().map { index, entry in
            Series.line(entry.label, x: growth.widths.map(Double.init), y: entry.totals.map(Double.init),
                        style: .linesPoints, color: index)
        }
        let depthSeries = growth.byDepth.enumerated().map { index, entry in
            Series.line(entry.label, x: growth.depths.map(Double.init), y: entry.totals.map(Double.init),
                        style: .linesPoints, color: index)
        }
        let widthRange = Double(growth.widths.first!)...Double(growth.widths.last!)
        let depthRange = Double(growth.depths.first!)...Double(growth.depths.last!)
        return Figure(name: "growth", title: "Total parameters of an MLP with 10 classes", panels: [
            Panel(title: "two hidden layers of width w (grows like w²)", xLabel: "hidden width w",
                  yLabel: "parameters", xScale: .log, yScale: .log, xRange: widthRange, legend: .topLeft,
                  series: widthSeries + [
                      .line("60,000 Fashion-MNIST training images", x: [widthRange.lowerBound, widthRange.upperBound],
                            y: [examples, examples], style: .dashed, color: 6),
                  ]),
            Panel(title: "hidden layers of width 100 (grows linearly)", xLabel: "number of hidden layers",
                  yLabel: "parameters", legend: .topLeft,
                  series: depthSeries + [
                      .line("60,000 Fashion-MNIST training images", x: [depthRange.lowerBound, depthRange.upperBound],
                            y: [examples, examples], style: .dashed, color: 6),
                  ]),
        ])
    }
}
