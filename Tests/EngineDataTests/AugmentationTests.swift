import Engine
@testable import EngineData
import XCTest

final class AugmentationTests: XCTestCase {
    let width = 5, height = 4
    lazy var image: [Float] = (0..<(width * height)).map { Float($0 + 1) }

    func transformed(_ transform: Augmentation.Transform, width: Int? = nil, height: Int? = nil, image: [Float]? = nil)
        -> [Float]
    {
        let source = image ?? self.image
        var output = [Float](repeating: -1, count: source.count)
        source.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer {
                Augmentation.apply(
                    transform, to: input, into: $0, width: width ?? self.width, height: height ?? self.height)
            }
        }
        return output
    }

    func testIdentityShiftAndFlip() {
        XCTAssertEqual(transformed(.init()), image)
        let shifted = transformed(.init(shiftX: 1, shiftY: 0))
        for y in 0..<height {
            XCTAssertEqual(shifted[y * width], 0, "background enters on the left")
            for x in 1..<width { XCTAssertEqual(shifted[y * width + x], image[y * width + x - 1]) }
        }
        let down = transformed(.init(shiftX: 0, shiftY: 2))
        XCTAssertEqual(Array(down[(2 * width)...]), Array(image[..<(2 * width)]))
        let flipped = transformed(.init(flip: true))
        for y in 0..<height {
            for x in 0..<width { XCTAssertEqual(flipped[y * width + x], image[y * width + width - 1 - x]) }
        }
    }

    func testQuarterTurnOfASquareImage() {
        let square: [Float] = (0..<9).map(Float.init)
        let turned = transformed(.init(degrees: 90), width: 3, height: 3, image: square)
        // A quarter turn maps the corners onto each other and keeps the center.
        XCTAssertEqual(turned[4], 4, accuracy: 1e-5)
        XCTAssertEqual(Set(turned.map { $0.rounded() }), Set(square))
        for (a, b) in zip(turned, turned.map { $0.rounded() }) { XCTAssertEqual(a, b, accuracy: 1e-4) }
        XCTAssertNotEqual(turned.map { $0.rounded() }, square)
    }

    func testAugmentedBatchesAreSeededAndKeepLabels() {
        let pixels = (0..<(3 * 28 * 28)).map { UInt8(($0 * 7) % 256) }
        let store = ImageStore(
            pixels: pixels, labels: [1, 2, 3], width: 28, height: 28, classNames: MNISTFormat.fashionClassNames)
        let plain = ImageDataset(store: store)
        let augmentation = Augmentation(maximumShift: 3, maximumRotation: 15, flipProbability: 0.5)
        let first = plain.augmented(augmentation, random: Random(seed: 4)).batch([0, 1, 2])
        let again = plain.augmented(augmentation, random: Random(seed: 4)).batch([0, 1, 2])
        XCTAssertEqual(first.inputs, again.inputs)
        XCTAssertEqual(first.targets, [1, 2, 3])
        XCTAssertNotEqual(first.inputs, plain.batch([0, 1, 2]).inputs)
        let draws = (0..<200).map { augmentation.draw(Random(seed: UInt64($0))) }
        XCTAssertTrue(draws.allSatisfy { abs($0.shiftX) <= 3 && abs($0.shiftY) <= 3 && abs($0.degrees) <= 15 })
        XCTAssertEqual(Set(draws.map { $0.shiftX }), Set(-3...3))
        XCTAssertEqual(Double(draws.filter { $0.flip }.count) / 200, 0.5, accuracy: 0.1)
    }
}
