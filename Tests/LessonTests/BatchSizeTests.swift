import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_batch_size

final class BatchSizeTests: XCTestCase {
    func testTheLecturesNetwork() {
        let model = BatchSizeLesson.model(weights: Random(seed: 1), masks: Random(seed: 2))
        XCTAssertEqual(
            model.layers.map(\.description),
            [
                "Linear(784→75, bias=false)", "BatchNorm1d(75)", "ReLU", "Dropout(p=0.5)",
                "Linear(75→45, bias=false)", "BatchNorm1d(45)", "ReLU", "Dropout(p=0.3)", "Linear(45→10)",
            ])
    }

    /// The arms: the first size at the given rate, every other size at the same rate, at
    /// rate·√(B/B₀) and at rate·B/B₀ warmed up from the base rate over the first epochs.
    func testArmsScaleTheRate() throws {
        let arms = BatchSizeLesson.arms(sizes: [64, 1024], rate: 0.1, epochs: 20)
        XCTAssertEqual(
            arms.map(\.label),
            [
                "batch 64, lr 0.1", "batch 1024, lr 0.1", "batch 1024, lr 0.4 (√B)",
                "batch 1024, lr 1.6 (∝B, warm-up)",
            ])
        assertClose(arms.map(\.learningRate), [0.1, 0.1, 0.4, 1.6])
        XCTAssertNil(arms[2].schedule)
        let warmUp = try XCTUnwrap(arms[3].schedule)
        assertClose((0...6).map(warmUp), [0.1, 0.4, 0.7, 1.0, 1.3, 1.6, 1.6])
        // A short run warms up over a quarter of its epochs, at least one.
        XCTAssertEqual(BatchSizeLesson.arms(sizes: [64, 1024], rate: 0.1, epochs: 3)[3].warmUpEpochs, 1)
    }

    /// Small batches take 16 times more (noisier) steps per epoch: after the same few epochs
    /// at the same rate every seed is further along with batch 64, and its minibatch loss
    /// zig-zags more. With the weights frozen the loss noise follows 1/√B.
    func testQuickRun() throws {
        let folder = try TemporaryFolder("batch-size")
        defer { folder.remove() }
        let report = try BatchSizeLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        let runs = report.runs
        XCTAssertEqual(runs.map(\.label), report.arms.map(\.label))
        let (small, large) = (runs[0], runs[1])
        XCTAssertEqual(small.runs[0].history.batchesPerEpoch, 4096 / 64)
        XCTAssertEqual(large.runs[0].history.batchesPerEpoch, 4, "incomplete last batch dropped")
        XCTAssertEqual(large.runs[0].history.minibatchLosses.count, 3 * 4)
        for (a, b) in zip(small.final(.validationAccuracy).values, large.final(.validationAccuracy).values) {
            XCTAssertGreaterThan(a, b + 10, "more steps per epoch")
        }
        for (a, b) in zip(small.estimate(\.lossStdLastEpoch).values, large.estimate(\.lossStdLastEpoch).values) {
            XCTAssertGreaterThan(a, 1.5 * b, "noisier minibatch loss")
        }
        // The warm-up arm's rate climbs from the base rate.
        assertClose(runs[3].runs[0].history.epochs.map(\.learningRate), [0.1, 1.6, 1.6])
        // The averaging law on frozen networks: every network's log(loss std) falls against
        // log(B) with a slope near −1/2 (not 0, not −1).
        XCTAssertEqual(report.frozenSizes, [16, 32, 64, 128, 256, 512, 1024])
        let slopes = BatchSizeLesson.frozenSlope(runs, sizes: report.frozenSizes)
        XCTAssertEqual(slopes.count, 8)
        XCTAssertGreaterThan(slopes.min, -0.75)
        XCTAssertLessThan(slopes.max, -0.3)
        // The gradient-noise scale at the initial weights is a batch size of tens to thousands.
        let initial = small.estimate(\.initialGradientNoiseScale)
        XCTAssertEqual(initial.count, 2)
        XCTAssertGreaterThan(initial.min, 10)
        XCTAssertLessThan(initial.max, 10_000)
        XCTAssertTrue(runs.allSatisfy { $0.estimate(\.secondsPerEpoch).min > 0 })
        for figure in ["minibatch-loss", "loss-noise", "accuracy"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("batch-size-\(figure).png")), figure)
        }
        // Each scaled arm is compared with the same-rate arm of its size on both test measures,
        // Holm over the two scaled arms, and the linear rule's jitter with the square-root rule's;
        // every verdict is recomputed from the data files alone.
        let verdicts = try LessonResults.read(folder.file("batch-size-results.json")).verdicts ?? []
        let againstSameRate = verdicts.filter { $0.wording.b == large.label && $0.wording.quantity.hasPrefix("Test") }
        XCTAssertEqual(againstSameRate.map(\.wording.a), [runs[2], runs[2], runs[3], runs[3]].map(\.label))
        XCTAssertTrue(againstSameRate.allSatisfy { $0.holm?.comparisons.count == 2 })
        let jitter = try XCTUnwrap(verdicts.first { $0.wording.quantity == "Validation jitter (last 5 epochs)" })
        XCTAssertEqual([jitter.wording.a, jitter.wording.b], [runs[3].label, runs[2].label])
        // The wall time: the same-rate large batch against the small one (where a saving would
        // show), and the linearly scaled arm against the same-rate one (the same work per step:
        // the timing's own artefact), each a single verdict in seconds that --check recomputes.
        let seconds = verdicts.filter { $0.wording.quantity == "Seconds per epoch" }
        XCTAssertEqual(
            seconds.map { [$0.wording.a, $0.wording.b] }, [[large.label, small.label], [runs[3].label, large.label]])
        XCTAssertTrue(seconds.allSatisfy { $0.wording.unit == " s" && $0.isDerivable && $0.holm == nil })
        XCTAssertEqual(DataCheck.problems(lesson: "batch-size", folder: folder.path), [])
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--batch-sizes", "0,64"], ["--batch-sizes", "x"], ["--batch-sizes", "1,64"], ["--batch-sizes", "-64"],
            ["--batch-sizes", "64,99999999999"], ["--learning-rate", "0"], ["--learning-rate", "nan"],
            ["--learning-rate", "inf"], ["--learning-rate", "-1"], ["--learning-rate", "1e30"], ["--epochs", "0"],
            ["--seeds", "0"],
        ] {
            XCTAssertThrowsError(try BatchSizeLesson.parse(bad), "\(bad)")
        }
    }

    private func assertClose(_ rates: [Float], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line)
    {
        XCTAssertEqual(rates.count, expected.count, file: file, line: line)
        for (rate, value) in zip(rates, expected) {
            XCTAssertEqual(Double(rate), value, accuracy: 1e-5, file: file, line: line)
        }
    }
}
