import Engine
import XCTest

/// Parameter groups (torch.optim's `param_groups`) on every optimizer, not only SGD.
final class OptimizerGroupTests: XCTestCase {
    /// The gradient of ½‖x − 0.5‖², written where the backward pass would write it.
    func quadratic(_ parameter: Parameter) {
        parameter.gradient = parameter.value.map { $0 - 0.5 }
    }

    /// Adam's first step, by hand: m = (1 − β₁)·g, v = (1 − β₂)·g², so after bias correction
    /// the step is lr·g/(|g| + ε) with g = ∇ + wd·w — each group at its own lr and wd.
    func testAdamTwoGroupsFirstStepByHand() {
        let w = Parameter("w", role: .weight, value: Matrix(rows: 1, cols: 2, [1, -2]))
        let b = Parameter("b", role: .bias, value: Matrix(rows: 1, cols: 2, [2, 3]))
        // Group 1 has its own rate 0.1 and decay 0.5; group 2 takes the optimizer's 0.02 and 0.25.
        let adam = Adam(groups: [ParameterGroup([w], learningRate: 0.1, weightDecay: 0.5), ParameterGroup([b])],
                        learningRate: 0.02, epsilon: 0.5, weightDecay: 0.25)
        w.gradient = Matrix(rows: 1, cols: 2, [0.5, 0.5])
        b.gradient = Matrix(rows: 1, cols: 2, [1, -0.25])
        adam.step()
        // w: g = [0.5 + 0.5·1, 0.5 + 0.5·(−2)] = [1, −0.5]; step 0.1·[1/1.5, −0.5/1].
        XCTAssertEqual(w.value[0, 0], 1 - 0.1 / 1.5, accuracy: 1e-6)
        XCTAssertEqual(w.value[0, 1], -2 + 0.05, accuracy: 1e-6)
        // b: g = [1 + 0.25·2, −0.25 + 0.25·3] = [1.5, 0.5]; step 0.02·[1.5/2, 0.5/1].
        XCTAssertEqual(b.value[0, 0], 2 - 0.015, accuracy: 1e-6)
        XCTAssertEqual(b.value[0, 1], 3 - 0.01, accuracy: 1e-6)
        let (m, v) = adam.moments(of: 0)
        for (got, want) in zip(m + v, [0.1, -0.05, 1e-3, 2.5e-4] as [Float]) {
            XCTAssertEqual(got, want, accuracy: 1e-7)
        }
    }

    /// Each optimizer made with one group steps exactly as the same optimizer made from the
    /// parameter list (non-default hyperparameters, so every argument has to be passed on).
    func testOneGroupStepsExactlyAsTheParameterList() {
        typealias Make = (list: ([Parameter]) -> Optimizer, groups: ([ParameterGroup]) -> Optimizer)
        let optimizers: [(String, Make)] = [
            ("Adam", ({ Adam($0, learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1, amsgrad: true) },
                      { Adam(groups: $0, learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1, amsgrad: true) })),
            ("AdamW", ({ AdamW($0, learningRate: 0.05, beta2: 0.99, weightDecay: 0.2) },
                       { AdamW(groups: $0, learningRate: 0.05, beta2: 0.99, weightDecay: 0.2) })),
            ("NAdam", ({ NAdam($0, learningRate: 0.05, beta1: 0.8, weightDecay: 0.1, momentumDecay: 0.01) },
                       { NAdam(groups: $0, learningRate: 0.05, beta1: 0.8, weightDecay: 0.1, momentumDecay: 0.01) })),
            ("Adagrad", ({ Adagrad($0, learningRate: 0.1, learningRateDecay: 0.1, weightDecay: 0.1, initialAccumulator: 0.5) },
                         { Adagrad(groups: $0, learningRate: 0.1, learningRateDecay: 0.1, weightDecay: 0.1, initialAccumulator: 0.5) })),
            ("RMSprop", ({ RMSprop($0, learningRate: 0.01, alpha: 0.9, weightDecay: 0.1, momentum: 0.5, centered: true) },
                         { RMSprop(groups: $0, learningRate: 0.01, alpha: 0.9, weightDecay: 0.1, momentum: 0.5, centered: true) })),
            ("Adadelta", ({ Adadelta($0, learningRate: 0.5, rho: 0.8, epsilon: 1e-4, weightDecay: 0.1) },
                          { Adadelta(groups: $0, learningRate: 0.5, rho: 0.8, epsilon: 1e-4, weightDecay: 0.1) })),
        ]
        for (name, make) in optimizers {
            func parameters() -> [Parameter] {
                [Parameter("w", role: .weight, value: Matrix(rows: 2, cols: 2, [1, -2, 0.25, 3])),
                 Parameter("b", role: .bias, value: Matrix(rows: 1, cols: 2, [2, -0.5]))]
            }
            let listed = parameters(), grouped = parameters()
            let a = make.list(listed), b = make.groups([ParameterGroup(grouped)])
            for _ in 0..<4 {
                for p in listed + grouped { quadratic(p) }
                a.step(); b.step()
            }
            XCTAssertEqual(listed.map(\.value), grouped.map(\.value), name)
            XCTAssertNotEqual(listed[0].value.storage, [1, -2, 0.25, 3], "\(name) moved the weights")
        }
    }
}
