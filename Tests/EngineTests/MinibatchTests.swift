@testable import Engine
import XCTest

final class MinibatchTests: XCTestCase {
    func testPositionsCoverEveryExampleOnceAndDropTheShortLastBatchWhenAsked() {
        XCTAssertEqual(
            Minibatches.positions(count: 10, batchSize: 4).map(Array.init), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        XCTAssertEqual(Minibatches.positions(count: 10, batchSize: 4, dropLast: true).count, 2)
    }
}
