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

    /// Products write into storage that is not zeroed first: an empty inner dimension must
    /// still give zeros.
    func testProductWithAnEmptyInnerDimensionIsZero() {
        let product = Matrix.product(Matrix(rows: 3, cols: 0), Matrix(rows: 0, cols: 4))
        XCTAssertEqual(product, Matrix(rows: 3, cols: 4))
    }
}
