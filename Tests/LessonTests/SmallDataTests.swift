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
        try withFewImages(enough: (100, 20), tooFew: (20, 3)) { enough, tooFew in
            // Enough for a minibatch: the lesson runs.
            XCTAssertNoThrow(try BatchNormLesson.parse(enough).perform())
            // Too few: a clear error naming how many images are needed.
            XCTAssertThrowsError(try BatchNormLesson.parse(tooFew).perform()) { error in
                XCTAssertTrue("\(error)".contains("needs at least 72 images in the training file"), "\(error)")
            }
        }
    }
}
