import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_batchnorm

final class SmallDataTests: XCTestCase {
    /// Fewer images than the lessons' probe batches (512/256) or a minibatch: each lesson
    /// either works with what is there or says how many images it needs, never traps.
    func testLessonsWithFewImages() throws {
        let small = try tinyMNIST(train: 100, test: 20)
        let tiny = try tinyMNIST(train: 20, test: 3)
        let output = try TemporaryFolder("small-data")
        defer { small.remove(); tiny.remove(); output.remove() }
        let common = ["--quick", "--quiet", "--no-render", "--epochs", "1", "--output", output.path]
        // Enough for a minibatch: the lesson runs.
        XCTAssertNoThrow(try BatchNormLesson.parse(common + ["--data", small.path]).perform())
        // Too few: a clear error naming how many images are needed.
        XCTAssertThrowsError(try BatchNormLesson.parse(common + ["--data", tiny.path]).perform()) { error in
            XCTAssertTrue("\(error)".contains("needs at least 72 images in the training file"), "\(error)")
        }
    }
}
