import XCTest
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
}
