import XCTest
@testable import Engine

/// CKernels must compute what the Swift loops they replaced computed, bit for bit, on
/// whichever clone this CPU picks: a fused multiply-add, or a vector tail that rounds
/// differently, changes the last bit of some weight.
final class KernelsTests: XCTestCase {
    /// Sizes that exercise the vector body, its unrolled form and the scalar tail.
    let sizes = [1, 7, 16, 63, 64, 65, 1_000, 4_099]

    func values(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
        let random = Random(seed: seed)
        return (0..<count).map { _ in random.uniform(-scale, scale) }
    }

    func testPlainSGDMatchesTheScalarUpdate() {
        for count in sizes {
            for weightDecay: Float in [0, 5e-4] {
                var w = values(count, seed: 1), expected = w
                let g = values(count, seed: 2, scale: 3)
                let rate: Float = 0.1
                for i in expected.indices { expected[i] -= rate * (g[i] + weightDecay * expected[i]) }
                w.withUnsafeMutableBufferPointer { pw in
                    g.withUnsafeBufferPointer { Kernels.sgd(pw, gradient: $0, rate: rate, weightDecay: weightDecay) }
                }
                XCTAssertEqual(
                    w.map(\.bitPattern), expected.map(\.bitPattern), "\(count) weights, weight decay \(weightDecay)")
            }
        }
    }

    func testMomentumSGDMatchesTheScalarUpdate() {
        let rate: Float = 0.05, weightDecay: Float = 1e-3, momentum: Float = 0.9, keep: Float = 0.9
        for count in sizes {
            for (first, nesterov) in [(true, false), (false, false), (false, true)] {
                var w = values(count, seed: 3), b = values(count, seed: 4)
                var expectedW = w, expectedB = b
                let g = values(count, seed: 5, scale: 2)
                for i in expectedW.indices {
                    let gradient = g[i] + weightDecay * expectedW[i]
                    expectedB[i] = first ? gradient : momentum * expectedB[i] + keep * gradient
                    expectedW[i] -= rate * (nesterov ? gradient + momentum * expectedB[i] : expectedB[i])
                }
                w.withUnsafeMutableBufferPointer { pw in
                    b.withUnsafeMutableBufferPointer { pb in
                        g.withUnsafeBufferPointer {
                            Kernels.sgdWithMomentum(
                                pw, gradient: $0, buffer: pb, rate: rate, weightDecay: weightDecay,
                                momentum: momentum, keep: keep, first: first, nesterov: nesterov)
                        }
                    }
                }
                XCTAssertEqual(
                    w.map(\.bitPattern), expectedW.map(\.bitPattern),
                    "\(count) weights, first \(first), Nesterov \(nesterov)")
                XCTAssertEqual(
                    b.map(\.bitPattern), expectedB.map(\.bitPattern),
                    "\(count) buffers, first \(first), Nesterov \(nesterov)")
            }
        }
    }

    /// Runs `kernel` on buffers holding `arrays` (weights, gradient, then the optimizer's
    /// state) and `scalar` on copies; every array must come out with the same bits.
    func assertSameBits(
        _ arrays: [[Float]], _ what: String, scalar: (inout [[Float]]) -> Void,
        kernel: ([UnsafeMutableBufferPointer<Float>]) -> Void, file: StaticString = #filePath, line: UInt = #line
    ) {
        var expected = arrays
        for i in expected[0].indices {
            var one = expected.map { [$0[i]] }
            scalar(&one)
            for a in expected.indices { expected[a][i] = one[a][0] }
        }
        let buffers = arrays.map { array in
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        kernel(buffers)
        for (index, buffer) in buffers.enumerated() {
            XCTAssertEqual(
                Array(buffer).map(\.bitPattern), expected[index].map(\.bitPattern), "\(what), array \(index)",
                file: file, line: line)
        }
    }

    /// Positive values, as the squared-gradient averages are.
    func squares(_ count: Int, seed: UInt64) -> [Float] { values(count, seed: seed).map { $0 * $0 + 1e-3 } }

    func testAdamMatchesTheScalarUpdateWithAndWithoutAMSGradAndDecoupledDecay() {
        let (keep1, new1, keep2, new2): (Float, Float, Float, Float) = (0.9, 0.1, 0.999, 0.001)
        let (stepSize, root, epsilon): (Float, Float, Float) = (0.003, 0.04, 1e-8)
        for count in sizes {
            for (amsgrad, decay, coupled): (Bool, Float, Float) in [(false, 1, 0), (false, 0.9999, 0), (true, 1, 0.01)]
            {
                let arrays = [
                    values(count, seed: 6), values(count, seed: 7, scale: 2), values(count, seed: 8, scale: 0.1),
                    squares(count, seed: 9), squares(count, seed: 10),
                ]
                assertSameBits(arrays, "\(count) weights, AMSGrad \(amsgrad), decay \(decay)") { a in
                    a[0][0] *= decay
                    let gradient = a[1][0] + coupled * a[0][0]
                    a[2][0] = keep1 * a[2][0] + new1 * gradient
                    a[3][0] = keep2 * a[3][0] + new2 * gradient * gradient
                    var second = a[3][0]
                    if amsgrad {
                        a[4][0] = max(a[4][0], a[3][0])
                        second = a[4][0]
                    }
                    a[0][0] -= stepSize * a[2][0] / (second.squareRoot() / root + epsilon)
                } kernel: { b in
                    Kernels.adam(
                        b[0], gradient: UnsafeBufferPointer(b[1]), m: b[2], v: b[3], largest: amsgrad ? b[4] : nil,
                        decay: decay, coupledDecay: coupled, keep1: keep1, new1: new1, keep2: keep2, new2: new2,
                        stepSize: stepSize, rootCorrection2: root, epsilon: epsilon)
                }
            }
        }
    }

    func testNAdamMatchesTheScalarUpdate() {
        let (keep1, new1, keep2, new2, correction2): (Float, Float, Float, Float, Float) = (
            0.9, 0.1, 0.999, 0.001, 0.02
        )
        let (epsilon, gradientScale, momentumScale, weightDecay): (Float, Float, Float, Float) = (
            1e-8, 0.02, 0.15, 1e-3
        )
        for count in sizes {
            let arrays = [
                values(count, seed: 11), values(count, seed: 12), values(count, seed: 13, scale: 0.1),
                squares(count, seed: 14),
            ]
            assertSameBits(arrays, "\(count) weights") { a in
                let gradient = a[1][0] + weightDecay * a[0][0]
                a[2][0] = keep1 * a[2][0] + new1 * gradient
                a[3][0] = keep2 * a[3][0] + new2 * gradient * gradient
                let denominator = (a[3][0] / correction2).squareRoot() + epsilon
                a[0][0] -= gradientScale * gradient / denominator + momentumScale * a[2][0] / denominator
            } kernel: { b in
                Kernels.nadam(
                    b[0], gradient: UnsafeBufferPointer(b[1]), m: b[2], v: b[3], weightDecay: weightDecay,
                    keep1: keep1, new1: new1, keep2: keep2, new2: new2, correction2: correction2, epsilon: epsilon,
                    gradientScale: gradientScale, momentumScale: momentumScale)
            }
        }
    }

    func testAdagradMatchesTheScalarUpdate() {
        let (rate, weightDecay, epsilon): (Float, Float, Float) = (0.01, 1e-3, 1e-10)
        for count in sizes {
            assertSameBits([values(count, seed: 15), values(count, seed: 16), squares(count, seed: 17)], "\(count)") {
                a in
                let gradient = a[1][0] + weightDecay * a[0][0]
                a[2][0] += gradient * gradient
                a[0][0] -= rate * gradient / (a[2][0].squareRoot() + epsilon)
            } kernel: { b in
                Kernels.adagrad(
                    b[0], gradient: UnsafeBufferPointer(b[1]), squareSum: b[2], rate: rate, weightDecay: weightDecay,
                    epsilon: epsilon)
            }
        }
    }

    func testRMSpropMatchesTheScalarUpdateCentredOrNotWithOrWithoutMomentum() {
        let (rate, weightDecay, keep, new, epsilon): (Float, Float, Float, Float, Float) = (
            0.01, 1e-3, 0.99, 0.01, 1e-8
        )
        for count in sizes {
            for (centered, momentum): (Bool, Float) in [(false, 0), (true, 0), (false, 0.9), (true, 0.9)] {
                let arrays = [
                    values(count, seed: 18), values(count, seed: 19), squares(count, seed: 20),
                    values(count, seed: 21, scale: 0.01), values(count, seed: 22, scale: 0.1),
                ]
                assertSameBits(arrays, "\(count) weights, centred \(centered), momentum \(momentum)") { a in
                    let gradient = a[1][0] + weightDecay * a[0][0]
                    a[2][0] = keep * a[2][0] + new * gradient * gradient
                    var variance = a[2][0]
                    if centered {
                        a[3][0] = keep * a[3][0] + new * gradient
                        variance -= a[3][0] * a[3][0]
                    }
                    let denominator = variance.squareRoot() + epsilon
                    if momentum > 0 {
                        a[4][0] = momentum * a[4][0] + gradient / denominator
                        a[0][0] -= rate * a[4][0]
                    } else {
                        a[0][0] -= rate * gradient / denominator
                    }
                } kernel: { b in
                    Kernels.rmsprop(
                        b[0], gradient: UnsafeBufferPointer(b[1]), square: b[2], mean: centered ? b[3] : nil,
                        buffer: momentum > 0 ? b[4] : nil, rate: rate, weightDecay: weightDecay, keep: keep, new: new,
                        epsilon: epsilon, momentum: momentum)
                }
            }
        }
    }

    func testAdadeltaMatchesTheScalarUpdate() {
        let (rate, weightDecay, keep, new, epsilon): (Float, Float, Float, Float, Float) = (1, 1e-3, 0.9, 0.1, 1e-6)
        for count in sizes {
            let arrays = [
                values(count, seed: 23), values(count, seed: 24), squares(count, seed: 25), squares(count, seed: 26),
            ]
            assertSameBits(arrays, "\(count) weights") { a in
                let gradient = a[1][0] + weightDecay * a[0][0]
                a[2][0] = keep * a[2][0] + new * gradient * gradient
                let delta = (a[3][0] + epsilon).squareRoot() / (a[2][0] + epsilon).squareRoot() * gradient
                a[3][0] = keep * a[3][0] + new * delta * delta
                a[0][0] -= rate * delta
            } kernel: { b in
                Kernels.adadelta(
                    b[0], gradient: UnsafeBufferPointer(b[1]), square: b[2], updates: b[3], rate: rate,
                    weightDecay: weightDecay, keep: keep, new: new, epsilon: epsilon)
            }
        }
    }

    /// Batch normalization's statistics, forward and backward passes (both modes) give the
    /// bits of the row-by-row Swift loops, for widths that exercise the vector body and tail.
    func testBatchNormKernelsMatchTheScalarLoops() {
        for (rows, cols) in [(2, 1), (64, 7), (64, 100), (33, 257)] {
            let x = values(rows * cols, seed: 27, scale: 3), dy = values(rows * cols, seed: 28)
            let gamma = values(cols, seed: 29), beta = values(cols, seed: 30)
            var mean = [Float](repeating: 0, count: cols), variance = mean
            for r in 0..<rows { for c in 0..<cols { mean[c] += x[r * cols + c] } }
            for c in 0..<cols { mean[c] /= Float(rows) }
            for r in 0..<rows {
                for c in 0..<cols {
                    let d = x[r * cols + c] - mean[c]
                    variance[c] += d * d
                }
            }
            for c in 0..<cols { variance[c] /= Float(rows) }
            let statistics = Kernels.batchStatistics(Matrix(rows: rows, cols: cols, x))
            XCTAssertEqual(statistics.mean.map(\.bitPattern), mean.map(\.bitPattern), "mean, \(rows)×\(cols)")
            XCTAssertEqual(
                statistics.variance.map(\.bitPattern), variance.map(\.bitPattern), "variance, \(rows)×\(cols)")

            let inverse = variance.map { 1 / ($0 + 1e-5).squareRoot() }
            var xHat = [Float](repeating: 0, count: rows * cols), y = xHat
            for i in xHat.indices {
                xHat[i] = (x[i] - mean[i % cols]) * inverse[i % cols]
                y[i] = gamma[i % cols] * xHat[i] + beta[i % cols]
            }
            let forward = Kernels.batchNormForward(
                Matrix(rows: rows, cols: cols, x), mean: mean, inverseStd: inverse, gamma: gamma, beta: beta)
            XCTAssertEqual(forward.normalized.storage.map(\.bitPattern), xHat.map(\.bitPattern), "x̂, \(rows)×\(cols)")
            XCTAssertEqual(forward.output.storage.map(\.bitPattern), y.map(\.bitPattern), "y, \(rows)×\(cols)")

            let scale = zip(gamma, inverse).map { $0 * $1 }
            var sums = [Float](repeating: 0, count: cols), normalizedSums = sums
            for r in 0..<rows {
                for c in 0..<cols {
                    sums[c] += dy[r * cols + c]
                    normalizedSums[c] += dy[r * cols + c] * xHat[r * cols + c]
                }
            }
            for training in [true, false] {
                let n = Float(rows)
                let dx = dy.indices.map { i in
                    let c = i % cols
                    return training
                        ? scale[c] * (dy[i] - sums[c] / n - xHat[i] * normalizedSums[c] / n) : scale[c] * dy[i]
                }
                let backward = Kernels.batchNormBackward(
                    Matrix(rows: rows, cols: cols, dy), normalized: forward.normalized, scale: scale, training: training
                )
                XCTAssertEqual(
                    backward.inputGradient.storage.map(\.bitPattern), dx.map(\.bitPattern), "dx, training \(training)")
                XCTAssertEqual(backward.gradientSums.map(\.bitPattern), sums.map(\.bitPattern))
                XCTAssertEqual(backward.gradientNormalizedSums.map(\.bitPattern), normalizedSums.map(\.bitPattern))
            }
        }
    }

    func testBytesToFloatsMatchesTheScalarConversion() {
        let scale: Float = 1 / (255 * 0.353), shift: Float = -0.286 / 0.353
        for count in sizes {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            var floats = [Float](repeating: .nan, count: count)
            floats.withUnsafeMutableBufferPointer { to in
                bytes.withUnsafeBufferPointer {
                    Kernels.bytesToFloats(
                        to.baseAddress!, from: $0.baseAddress!, count: count, scale: scale, shift: shift)
                }
            }
            XCTAssertEqual(
                floats.map(\.bitPattern), bytes.map { (Float($0) * scale + shift).bitPattern }, "\(count) pixels")
        }
    }

    /// Values with the special cases ReLU must keep as Swift's max(x, 0) does: NaN stays NaN,
    /// −0 becomes +0.
    func activations(_ count: Int, seed: UInt64) -> Matrix {
        var x = values(count, seed: seed, scale: 2)
        for (index, special) in [Float.nan, -0.0, 0, -Float.infinity, .infinity].enumerated() where index < count {
            x[index * 3 % count] = special
        }
        return Matrix(rows: 1, cols: count, x)
    }

    func testReLUMatchesSwiftMaxForwardAndItsGradientBackward() {
        for count in sizes {
            let x = activations(count, seed: 6)
            let g = Matrix(rows: 1, cols: count, values(count, seed: 7))
            XCTAssertEqual(
                Kernels.relu(x).storage.map(\.bitPattern), x.storage.map { max($0, 0).bitPattern }, "\(count) values")
            // Masked by the output, the gradient passes exactly where the input was positive.
            XCTAssertEqual(
                Kernels.reluBackward(g, output: Kernels.relu(x)).storage.map(\.bitPattern),
                zip(g.storage, x.storage).map { g, x in (x > 0 ? g : 0).bitPattern }, "\(count) gradients")
        }
    }

    func testBiasAndReLUInOnePassMatchTheTwoPassesTheyReplace() {
        for (rows, cols) in [(1, 1), (3, 7), (64, 100), (65, 17), (1_000, 10)] {
            let product = Matrix(rows: rows, cols: cols, activations(rows * cols, seed: 12).storage)
            let bias = Matrix(rows: 1, cols: cols, values(cols, seed: 13))
            let gradient = Matrix(rows: rows, cols: cols, values(rows * cols, seed: 14, scale: 3))
            var expectedOutput = product.storage, expectedGradient = gradient.storage
            var expectedSums = [Float](repeating: 0, count: cols)
            for r in 0..<rows {
                for c in 0..<cols {
                    let i = r * cols + c
                    let sum = product[r, c] + bias[0, c]
                    expectedOutput[i] = max(sum, 0)
                    expectedGradient[i] = sum > 0 ? gradient[r, c] : 0
                    expectedSums[c] += expectedGradient[i]
                }
            }
            var output = product
            Kernels.addBiasReLU(&output, bias: bias)
            XCTAssertEqual(output.storage.map(\.bitPattern), expectedOutput.map(\.bitPattern), "\(rows)×\(cols)")
            let (passed, sums) = Kernels.reluBackwardColumnSums(gradient, output: output)
            XCTAssertEqual(passed.storage.map(\.bitPattern), expectedGradient.map(\.bitPattern), "\(rows)×\(cols)")
            XCTAssertEqual(sums.storage.map(\.bitPattern), expectedSums.map(\.bitPattern), "\(rows)×\(cols)")
        }
    }

    func testDropoutKeepsTheDrawsBelowKeepScaledAndMultiplies() {
        let keep: Float = 0.8, scale = 1 / keep
        for count in sizes {
            let input = activations(count, seed: 8)
            let draws = values(count, seed: 9).map(abs)
            var mask = Matrix(rows: 1, cols: count, draws)
            let output = Kernels.dropout(input, mask: &mask, keep: keep, scale: scale)
            let expectedMask = draws.map { $0 < keep ? scale : 0 }
            XCTAssertEqual(mask.storage, expectedMask, "\(count) draws")
            XCTAssertEqual(
                output.storage.map(\.bitPattern), zip(input.storage, expectedMask).map { ($0 * $1).bitPattern },
                "\(count) outputs")
            XCTAssertEqual(
                Kernels.multiply(output, mask).storage.map(\.bitPattern),
                zip(output.storage, expectedMask).map { ($0 * $1).bitPattern }, "\(count) gradients")
        }
    }

    func testBiasRowsAndColumnSumsAddInTheScalarOrder() {
        for (rows, cols) in [(1, 1), (3, 7), (64, 100), (65, 17), (1_000, 10)] {
            let a = Matrix(rows: rows, cols: cols, values(rows * cols, seed: 10, scale: 3))
            let bias = Matrix(rows: 1, cols: cols, values(cols, seed: 11))
            var expectedSums = [Float](repeating: 0, count: cols), expectedRows = a.storage
            for r in 0..<rows {
                for c in 0..<cols {
                    expectedSums[c] += a[r, c]
                    expectedRows[r * cols + c] += bias[0, c]
                }
            }
            var shifted = a
            shifted.addToEachRow(bias)
            XCTAssertEqual(shifted.storage.map(\.bitPattern), expectedRows.map(\.bitPattern), "\(rows)×\(cols)")
            XCTAssertEqual(
                a.columnSums().storage.map(\.bitPattern), expectedSums.map(\.bitPattern), "\(rows)×\(cols)")
        }
    }
}
