@testable import Engine
import EngineData
import Foundation
import XCTest

final class ScheduleTests: XCTestCase {
    func testDecayFormulas() {
        let exponential = Schedules.exponential(initial: 0.1, k: 0.5)
        XCTAssertEqual(exponential(0), 0.1)
        XCTAssertEqual(exponential(4), 0.1 * Float(exp(-2.0)), accuracy: 1e-7)
        let inverse = Schedules.inverse(initial: 0.1, k: 0.5)
        XCTAssertEqual(inverse(4), 0.1 / 3, accuracy: 1e-7)
        let step = Schedules.step(initial: 1, every: 3, factor: 0.5)
        XCTAssertEqual((0..<7).map(step), [1, 1, 1, 0.5, 0.5, 0.5, 0.25])
        XCTAssertEqual(Schedules.constant(0.3)(100), 0.3)
    }

    /// ηₜ = α·ηₜ₋₁ at every t, which is what makes it "multiplicative".
    func testMultiplicativeIsARecurrence() {
        let schedule = Schedules.multiplicative(initial: 0.2, factor: 0.9)
        XCTAssertEqual(schedule(0), 0.2)
        for t in 1..<20 { XCTAssertEqual(schedule(t), 0.9 * schedule(t - 1), accuracy: 1e-7) }
    }

    func testReduceOnPlateau() {
        let plateau = ReduceOnPlateau(initial: 1, factor: 0.5, patience: 2)
        // Improves, then stalls: after more than `patience` bad epochs the rate halves.
        let rates = [1.0, 0.9, 0.9, 0.9, 0.9, 0.95, 0.95, 0.95, 0.5].map { plateau.step(Float($0)) }
        XCTAssertEqual(rates, [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25])
        let cooled = ReduceOnPlateau(initial: 1, factor: 0.1, patience: 0, cooldown: 2, minimumRate: 0.005)
        let cooledRates = [1.0, 1, 1, 1, 1, 1, 1].map { cooled.step(Float($0)) }
        for (rate, expected) in zip(cooledRates, [1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01] as [Float]) {
            XCTAssertEqual(rate, expected, accuracy: 1e-7)
        }
        XCTAssertEqual(cooled.step(1), 0.005, "never below the minimum rate")
        // PyTorch's eps: a reduction smaller than it is skipped.
        let tiny = ReduceOnPlateau(initial: 1e-7, factor: 0.5, patience: 0, epsilon: 1e-7)
        XCTAssertEqual([1.0, 1, 1].map { tiny.step(Float($0)) }, [1e-7, 1e-7, 1e-7])
        let allowed = ReduceOnPlateau(initial: 1e-7, factor: 0.5, patience: 0, epsilon: 1e-8)
        XCTAssertEqual(allowed.step(1), 1e-7)
        XCTAssertEqual(allowed.step(1), 5e-8)
    }

    func testPlateauSchedulerSetsTheRate() throws {
        let random = Random(seed: 1)
        let data = Synthetic.blobs(count: 40, random: random)
        let model = Sequential.mlp([2, 4, 2], random: random)
        let optimizer = SGD(model.parameters, learningRate: 1)
        // A rate far too large, so that the loss stalls and the schedule has to act.
        let callback = PlateauScheduler(ReduceOnPlateau(initial: 40, factor: 0.5, patience: 0), optimizer: optimizer)
        XCTAssertEqual(optimizer.learningRate, 40)
        let trainer = Trainer(
            model: model, loss: CrossEntropyLoss(), optimizer: optimizer, random: random, callbacks: [callback])
        let history = try trainer.fit(data, validation: data, options: TrainingOptions(epochs: 6, batchSize: 40))
        let losses = history.epochs.map { $0.validationLoss! }
        // The rate halves after every epoch whose loss did not improve on the best.
        var expected: Float = 40, best = Float.infinity
        for (record, loss) in zip(history.epochs, losses) {
            XCTAssertEqual(record.learningRate, expected)
            if loss < best * (1 - 1e-4) { best = loss } else { expected *= 0.5 }
        }
        XCTAssertLessThan(history.last!.learningRate, 40, "the rate was reduced at least once")
    }
}
