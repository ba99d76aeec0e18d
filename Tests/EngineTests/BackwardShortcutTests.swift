import XCTest
@testable import Engine

final class BackwardShortcutTests: XCTestCase {
    /// Training's backward pass skips the first layer's input gradient; the parameter
    /// gradients must be exactly those of the full backward pass.
    func testParameterGradientsMatchTheFullBackwardPass() {
        let random = Random(seed: 12)
        let model = Sequential.mlp([6, 8, 5, 3], batchNorm: true, dropout: 0.3, random: random)
        let dropouts = model.layers.compactMap { $0 as? Dropout }
        let input = random.normalMatrix(rows: 7, cols: 6)
        let outputGradient = random.normalMatrix(rows: 7, cols: 3)
        func gradients(_ backward: () -> Void) -> [Matrix] {
            for (index, dropout) in dropouts.enumerated() { dropout.random = Random(seed: UInt64(index)) }
            _ = model(input)
            backward()
            return model.parameters.map(\.gradient)
        }
        let full = gradients { model.backward(outputGradient) }
        let shortcut = gradients { model.backwardParameters(outputGradient) }
        XCTAssertEqual(full, shortcut)
        XCTAssertTrue(full.allSatisfy { $0.sumOfSquares() > 0 })
    }

    /// Sequential runs a Linear and the ReLU after it as one (bias and ReLU in one pass, the
    /// ReLU's mask and the bias gradient in one pass) unless a tracer records every layer;
    /// both ways must give the same bits, with and without a bias, with and without the
    /// first layer's input gradient.
    func testLinearAndReLURunAsOneGiveTheLayerByLayerNumbers() {
        let random = Random(seed: 13)
        let model = Sequential(
            Linear(6, 8, random: random), ReLU(), Linear(8, 5, bias: false, random: random), ReLU(),
            Linear(5, 3, random: random))
        let input = random.normalMatrix(rows: 7, cols: 6)
        let outputGradient = random.normalMatrix(rows: 7, cols: 3)
        func run(layerByLayer: Bool, toInput: Bool) -> [Matrix] {
            model.tracer = layerByLayer ? ActivationTracer() : nil
            defer { model.tracer = nil }
            let output = model(input)
            guard toInput else {
                model.backwardParameters(outputGradient)
                return [output] + model.parameters.map(\.gradient)
            }
            return [output, model.backward(outputGradient)] + model.parameters.map(\.gradient)
        }
        for toInput in [false, true] {
            let layerByLayer = run(layerByLayer: true, toInput: toInput)
            XCTAssertEqual(
                run(layerByLayer: false, toInput: toInput).map { $0.storage.map(\.bitPattern) },
                layerByLayer.map { $0.storage.map(\.bitPattern) }, "input gradient: \(toInput)")
            XCTAssertTrue(layerByLayer.allSatisfy { $0.sumOfSquares() > 0 })
        }
    }

    /// Products write into storage that is not zeroed first: an empty inner dimension must
    /// still give zeros.
    func testProductWithAnEmptyInnerDimensionIsZero() {
        let product = Matrix.product(Matrix(rows: 3, cols: 0), Matrix(rows: 0, cols: 4))
        XCTAssertEqual(product, Matrix(rows: 3, cols: 4))
    }
}
