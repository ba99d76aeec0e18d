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
        let w = Parameter("w", value: Matrix(rows: 1, cols: 2, [1, -2]))
        let b = Parameter("b", value: Matrix(rows: 1, cols: 2, [2, 3]), decays: false, countedAs: .biases)
        // Group 1 has its own rate 0.1 and decay 0.5; group 2 takes the optimizer's 0.02 and 0.25.
        let adam = Adam(
            [ParameterGroup([w], learningRate: 0.1, weightDecay: 0.5), ParameterGroup([b])],
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

    /// A list of parameters is one group that takes the optimizer's hyperparameters: each
    /// optimizer has one initializer, which accepts either list (non-default settings, so a
    /// setting the group overrode would show).
    func testAParameterListIsOneGroupWithTheOptimizersSettings() {
        func parameters() -> [Parameter] {
            [
                Parameter("w", value: Matrix(rows: 2, cols: 2, [1, -2, 0.25, 3])),
                Parameter("b", value: Matrix(rows: 1, cols: 2, [2, -0.5]), decays: false, countedAs: .biases),
            ]
        }
        func adam<Element: OptimizerParameters>(_ list: [Element]) -> Adam {
            Adam(list, learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1, amsgrad: true)
        }
        let listed = parameters(), grouped = parameters()
        let group = try! XCTUnwrap(Parameter.groups(listed).first)
        XCTAssertEqual(Parameter.groups(listed).count, 1)
        XCTAssertTrue(group.parameters.elementsEqual(listed, by: ===))
        XCTAssertNil(group.learningRate)
        XCTAssertNil(group.weightDecay)

        let a = adam(listed), b = adam([ParameterGroup(grouped)])
        for _ in 0..<4 {
            for p in listed + grouped { quadratic(p) }
            a.step(); b.step()
        }
        XCTAssertEqual(listed.map(\.value), grouped.map(\.value))
        XCTAssertNotEqual(listed[0].value.storage, [1, -2, 0.25, 3], "Adam moved the weights")
    }
}
