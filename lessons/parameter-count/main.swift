// How many parameters an MLP has, as the lecture counts them: the lecture's 50→100→100→10
// network (or any --layers) counted layer by layer from its sizes, with overflow-checked
// arithmetic, and checked against the engine's model built from the same sizes (step 1);
// then how the total grows with width (quadratically) and depth (linearly), against the
// 54,000 training images the other lessons train on (step 2). Nothing is trained. The
// options are in Command.swift, the printed report in Report.swift, the figures in
// Figures.swift.

import Engine
import LessonKit

extension ParameterCount {
    /// The lecture's network.
    static let lectureSizes = [50, 100, 100, 10]
    /// Fashion-MNIST's inputs and classes, for the growth curves.
    static let imageSizes = (inputs: 784, classes: 10)
    /// The training images the other lessons train on: Fashion-MNIST's 60,000 minus the
    /// 10 % they hold out for validation.
    static let trainingImages = 54_000

    func run() throws {
        let context = try LessonContext(for: self, seeds: 1)
        // Step 1: the chosen network (the lecture's by default), layer by layer.
        let sizes = layers.values
        let (rows, built) = try Self.measuredCounts(sizes, bias: !noBias, batchNorm: batchnorm, random: context.random)
        reportCount(context, rows: rows, sizes: sizes, built: built)
        try context.write(Self.perLayerFigure(rows, sizes: sizes))
        // Step 2: how the total grows with width and depth, against the training set's size.
        let growth = Self.growth()
        try context.write(Self.growthFigure(growth))
        reportGrowth(context, growth)
        try context.finish()
    }

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

    /// The smallest width w at which `inputs → w → w → classes` has more parameters than
    /// `examples`.
    static func crossingWidth(inputs: Int, classes: Int, examples: Int) -> Int {
        var width = 1
        while (count([inputs, width, width, classes]) ?? .max) <= examples { width += 1 }
        return width
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
}

ParameterCount.main()
