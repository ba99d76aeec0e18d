import XCTest
import Engine
@testable import EngineBenchmark

final class EngineBenchmarkTests: XCTestCase {
    /// The products of one step, and so the FLOP count behind the "GEMM floor": forward and
    /// weight gradient for every layer, input gradient for all but the first.
    func testProductsOfOneStep() {
        let products = EngineBenchmark.products(batch: 64)
        XCTAssertEqual(products.count, 8)
        XCTAssertFalse(products.contains { $0.name == "input gradient 100→784" })
        let flops = products.reduce(0) { $0 + $1.flops }
        XCTAssertEqual(flops, 2 * 64 * (2 * (784 * 100 + 100 * 100 + 100 * 10) + 100 * 100 + 10 * 100))
        XCTAssertEqual(EngineBenchmark.median([3, 1, 2]), 2)
        XCTAssertEqual(EngineBenchmark.median([4, 1, 2, 3]), 2.5)
    }

    /// `--sweep` compares like with like only if stacking changes the arithmetic's layout and
    /// nothing else: three networks trained stacked end where each trained alone ends.
    func testStackedNetworksTrainAsEachAlone() {
        let stacked = SweepBenchmark.StackedNetworks(count: 3, random: Random(seed: 1))
        let hidden = SweepBenchmark.sizes[1], inputs = SweepBenchmark.sizes[0]
        let alone = (0..<3).map { n in
            let network = SweepBenchmark.StackedNetworks(count: 1, random: Random(seed: 2))
            network.w1 = Matrix(
                rows: hidden, cols: inputs,
                Array(stacked.w1.storage[(n * hidden * inputs)..<((n + 1) * hidden * inputs)]))
            network.b1 = Matrix(rows: 1, cols: hidden, Array(stacked.b1.storage[(n * hidden)..<((n + 1) * hidden)]))
            (network.w2, network.b2, network.w3, network.b3) = (
                [stacked.w2[n]], [stacked.b2[n]], [stacked.w3[n]], [stacked.b3[n]]
            )
            return network
        }
        let random = Random(seed: 3)
        for _ in 0..<3 {
            let x = random.normalMatrix(rows: 16, cols: inputs)
            let labels = (0..<16).map { $0 % SweepBenchmark.sizes[3] }
            stacked.step(x, labels, rate: 0.1)
            for network in alone { network.step(x, labels, rate: 0.1) }
        }
        for (n, network) in alone.enumerated() {
            let rows = Array(stacked.w1.storage[(n * hidden * inputs)..<((n + 1) * hidden * inputs)])
            XCTAssertEqual(
                zip(rows, network.w1.storage).map { abs($0 - $1) }.max()!, 0, accuracy: 1e-5,
                "network \(n), first layer")
            XCTAssertEqual(
                zip(stacked.w3[n].storage, network.w3[0].storage).map { abs($0 - $1) }.max()!, 0, accuracy: 1e-5,
                "network \(n), last layer")
        }
        XCTAssertNotEqual(stacked.w3[0], alone[1].w3[0], "the networks differ, so the comparison can fail")
    }
}
