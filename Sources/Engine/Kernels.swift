import CKernels

/// The vectorized loops of `CKernels` for the engine's modules: each does exactly what its
/// comment's formula says, rounding after every operation as the Swift loop it replaced did
/// (and as PyTorch does), with the widest vectors this CPU has.
package enum Kernels {
    /// w ← w − rate·(g + weightDecay·w): plain SGD's update of one tensor.
    package static func sgd(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        rate: Float, weightDecay: Float
    ) {
        precondition(g.count == w.count, "gradient has \(g.count) values for \(w.count) weights")
        training_lab_sgd(w.baseAddress, g.baseAddress, w.count, rate, weightDecay)
    }

    /// d = g + weightDecay·w; b ← d on the first step, else momentum·b + keep·d;
    /// w ← w − rate·(d + momentum·b) with Nesterov, else w − rate·b.
    package static func sgdWithMomentum(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        buffer b: UnsafeMutableBufferPointer<Float>, rate: Float, weightDecay: Float,
        momentum: Float, keep: Float, first: Bool, nesterov: Bool
    ) {
        precondition(g.count == w.count && b.count == w.count, "gradient, buffer and weights differ in size")
        training_lab_sgd_momentum(
            w.baseAddress, g.baseAddress, b.baseAddress, w.count, rate, weightDecay,
            momentum, keep, first, nesterov)
    }

    /// Adam's (and AdamW's) update of one tensor; `largest` is AMSGrad's running maximum of v
    /// (nil without AMSGrad). The formula is `training_lab_adam`'s.
    package static func adam(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>,
        largest: UnsafeMutableBufferPointer<Float>?, decay: Float, coupledDecay: Float,
        keep1: Float, new1: Float, keep2: Float, new2: Float, stepSize: Float, rootCorrection2: Float, epsilon: Float
    ) {
        precondition(
            [g.count, m.count, v.count, largest?.count ?? w.count].allSatisfy { $0 == w.count },
            "gradient, moments and weights differ in size")
        training_lab_adam(
            w.baseAddress, g.baseAddress, m.baseAddress, v.baseAddress, largest?.baseAddress, w.count, decay,
            coupledDecay, keep1, new1, keep2, new2, stepSize, rootCorrection2, epsilon)
    }

    /// NAdam's update of one tensor (`training_lab_nadam`).
    package static func nadam(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>, weightDecay: Float,
        keep1: Float, new1: Float, keep2: Float, new2: Float, correction2: Float, epsilon: Float,
        gradientScale: Float, momentumScale: Float
    ) {
        precondition(
            [g.count, m.count, v.count].allSatisfy { $0 == w.count }, "gradient, moments and weights differ in size")
        training_lab_nadam(
            w.baseAddress, g.baseAddress, m.baseAddress, v.baseAddress, w.count, weightDecay, keep1, new1, keep2,
            new2, correction2, epsilon, gradientScale, momentumScale)
    }

    /// AdaGrad's update of one tensor (`training_lab_adagrad`).
    package static func adagrad(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        squareSum s: UnsafeMutableBufferPointer<Float>, rate: Float, weightDecay: Float, epsilon: Float
    ) {
        precondition(g.count == w.count && s.count == w.count, "gradient, sums and weights differ in size")
        training_lab_adagrad(w.baseAddress, g.baseAddress, s.baseAddress, w.count, rate, weightDecay, epsilon)
    }

    /// RMSprop's update of one tensor; `mean` only when centred, `buffer` only with momentum
    /// (`training_lab_rmsprop`).
    package static func rmsprop(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        square: UnsafeMutableBufferPointer<Float>, mean: UnsafeMutableBufferPointer<Float>?,
        buffer: UnsafeMutableBufferPointer<Float>?, rate: Float, weightDecay: Float, keep: Float, new: Float,
        epsilon: Float, momentum: Float
    ) {
        precondition(
            [g.count, square.count, mean?.count ?? w.count, buffer?.count ?? w.count].allSatisfy { $0 == w.count },
            "gradient, averages and weights differ in size")
        training_lab_rmsprop(
            w.baseAddress, g.baseAddress, square.baseAddress, mean?.baseAddress, buffer?.baseAddress, w.count, rate,
            weightDecay, keep, new, epsilon, momentum)
    }

    /// AdaDelta's update of one tensor (`training_lab_adadelta`).
    package static func adadelta(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        square: UnsafeMutableBufferPointer<Float>, updates: UnsafeMutableBufferPointer<Float>, rate: Float,
        weightDecay: Float, keep: Float, new: Float, epsilon: Float
    ) {
        precondition(
            [g.count, square.count, updates.count].allSatisfy { $0 == w.count },
            "gradient, averages and weights differ in size")
        training_lab_adadelta(
            w.baseAddress, g.baseAddress, square.baseAddress, updates.baseAddress, w.count, rate, weightDecay, keep,
            new, epsilon)
    }

    /// Per-column mean and biased variance of a batch, each sum in row order.
    package static func batchStatistics(_ input: Matrix) -> (mean: [Float], variance: [Float]) {
        var mean = [Float](repeating: 0, count: input.cols), variance = mean
        input.withUnsafeBufferPointer { x in
            training_lab_batchnorm_statistics(&mean, &variance, x.baseAddress, input.rows, input.cols)
        }
        return (mean, variance)
    }

    /// x̂ = (x − mean[c])·inverseStd[c] and y = γ[c]·x̂ + β[c].
    package static func batchNormForward(
        _ input: Matrix, mean: [Float], inverseStd: [Float], gamma: [Float], beta: [Float]
    ) -> (normalized: Matrix, output: Matrix) {
        precondition([mean.count, inverseStd.count, gamma.count, beta.count].allSatisfy { $0 == input.cols })
        var normalized = Matrix(uninitializedRows: input.rows, cols: input.cols)
        var output = Matrix(uninitializedRows: input.rows, cols: input.cols)
        input.withUnsafeBufferPointer { x in
            normalized.withUnsafeMutableBufferPointer { xHat in
                output.withUnsafeMutableBufferPointer { y in
                    training_lab_batchnorm_forward(
                        xHat.baseAddress, y.baseAddress, x.baseAddress, mean, inverseStd, gamma, beta, input.rows,
                        input.cols)
                }
            }
        }
        return (normalized, output)
    }

    /// dx, Σ dy and Σ dy·x̂ of batch normalization's backward pass (`training_lab_batchnorm_backward`).
    package static func batchNormBackward(
        _ gradient: Matrix, normalized: Matrix, scale: [Float], training: Bool
    ) -> (inputGradient: Matrix, gradientSums: [Float], gradientNormalizedSums: [Float]) {
        precondition(
            normalized.rows == gradient.rows && normalized.cols == gradient.cols && scale.count == gradient.cols)
        var inputGradient = Matrix(uninitializedRows: gradient.rows, cols: gradient.cols)
        var sums = [Float](repeating: 0, count: gradient.cols), normalizedSums = sums
        gradient.withUnsafeBufferPointer { dy in
            normalized.withUnsafeBufferPointer { xHat in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    training_lab_batchnorm_backward(
                        dx.baseAddress, &sums, &normalizedSums, dy.baseAddress, xHat.baseAddress, scale,
                        gradient.rows, gradient.cols, training)
                }
            }
        }
        return (inputGradient, sums, normalizedSums)
    }

    /// to[i] = Float(from[i])·scale + shift: pixel bytes as network inputs.
    package static func bytesToFloats(
        _ to: UnsafeMutablePointer<Float>, from: UnsafePointer<UInt8>, count: Int,
        scale: Float, shift: Float
    ) {
        training_lab_bytes_to_floats(to, from, count, scale, shift)
    }

    /// max(x, 0) of every element (Swift's `max`: NaN stays NaN, −0 becomes +0).
    package static func relu(_ input: Matrix) -> Matrix {
        var output = Matrix(uninitializedRows: input.rows, cols: input.cols)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in training_lab_relu(y.baseAddress, x.baseAddress, x.count) }
        }
        return output
    }

    /// The gradient passed where the ReLU's output is positive (exactly where its input
    /// was), 0 elsewhere.
    package static func reluBackward(_ gradient: Matrix, output: Matrix) -> Matrix {
        combine(gradient, output, training_lab_relu_backward)
    }

    /// max(x + bias, 0) in place over a linear layer's product, the sum rounded before the
    /// ReLU as in two passes: `Linear.forward` followed by `ReLU.forward`.
    package static func addBiasReLU(_ product: inout Matrix, bias: Matrix) {
        precondition(bias.count == product.cols, "bias has \(bias.count) entries, not \(product.cols)")
        let (rows, cols) = product.shape
        product.withUnsafeMutableBufferPointer { a in
            bias.withUnsafeBufferPointer { b in training_lab_add_bias_relu(a.baseAddress, b.baseAddress, rows, cols) }
        }
    }

    /// ReLU's backward pass and the column sums of its result (the bias gradient of the
    /// linear layer before it) in one pass.
    package static func reluBackwardColumnSums(_ gradient: Matrix, output: Matrix) -> (gradient: Matrix, sums: Matrix) {
        precondition(gradient.shape == output.shape, "shapes differ: \(gradient.shape) and \(output.shape)")
        let (rows, cols) = gradient.shape
        var passed = Matrix(uninitializedRows: rows, cols: cols)
        var sums = Matrix(uninitializedRows: 1, cols: cols)
        gradient.withUnsafeBufferPointer { g in
            output.withUnsafeBufferPointer { y in
                passed.withUnsafeMutableBufferPointer { p in
                    sums.withUnsafeMutableBufferPointer { s in
                        training_lab_relu_backward_column_sums(
                            p.baseAddress, s.baseAddress, g.baseAddress, y.baseAddress, rows, cols)
                    }
                }
            }
        }
        return (passed, sums)
    }

    /// Inverted dropout's forward pass: `mask` holds uniform draws on [0, 1) and becomes
    /// scale where a draw is below keep, 0 elsewhere; returns input·mask element by element.
    package static func dropout(_ input: Matrix, mask: inout Matrix, keep: Float, scale: Float) -> Matrix {
        precondition(mask.shape == input.shape, "mask and input shapes differ")
        var output = Matrix(uninitializedRows: input.rows, cols: input.cols)
        input.withUnsafeBufferPointer { x in
            mask.withUnsafeMutableBufferPointer { m in
                output.withUnsafeMutableBufferPointer { y in
                    training_lab_dropout(y.baseAddress, m.baseAddress, x.baseAddress, y.count, keep, scale)
                }
            }
        }
        return output
    }

    /// a·b element by element.
    package static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix { combine(a, b, training_lab_multiply) }

    /// A new matrix from two of one shape, written whole by `kernel(result, a, b, count)`.
    private static func combine(
        _ a: Matrix, _ b: Matrix,
        _ kernel: (UnsafeMutablePointer<Float>?, UnsafePointer<Float>?, UnsafePointer<Float>?, Int) -> Void
    ) -> Matrix {
        precondition(a.shape == b.shape, "shapes differ: \(a.shape) and \(b.shape)")
        var result = Matrix(uninitializedRows: a.rows, cols: a.cols)
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                result.withUnsafeMutableBufferPointer { r in
                    kernel(r.baseAddress, x.baseAddress, y.baseAddress, r.count)
                }
            }
        }
        return result
    }

    /// Data augmentation's inverse mapping, `Augmentation.apply` (EngineData) for one image.
    package static func transformImage(
        _ image: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>, width: Int, height: Int,
        cosine: Float, sine: Float, shiftX: Int, shiftY: Int, flip: Bool, background: Float
    ) {
        precondition(
            image.count == width * height && output.count == width * height, "image buffers are not width × height")
        training_lab_transform_image(
            output.baseAddress, image.baseAddress, Int32(width), Int32(height), cosine, sine, Int32(shiftX),
            Int32(shiftY), flip, background)
    }
}
