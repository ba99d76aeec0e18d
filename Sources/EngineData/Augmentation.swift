import Engine
import Foundation

/// Random label-preserving changes to an image, drawn afresh every time the image is used:
/// a shift by whole pixels, a small rotation about the center, and a horizontal flip.
///
/// All three are one inverse mapping: each output pixel looks up where it came from in the
/// original and interpolates bilinearly; what comes from outside the image is background.
public struct Augmentation: Sendable, Equatable {
    /// Largest shift in pixels, in each direction, along each axis.
    public var maximumShift: Int
    /// Largest rotation in degrees, either way.
    public var maximumRotation: Float
    /// Probability of mirroring left–right.
    public var flipProbability: Float

    public init(maximumShift: Int = 2, maximumRotation: Float = 10, flipProbability: Float = 0.5) {
        precondition(
            maximumShift >= 0 && maximumRotation >= 0 && (0...1).contains(flipProbability),
            "augmentation ranges must not be negative")
        self.maximumShift = maximumShift
        self.maximumRotation = maximumRotation
        self.flipProbability = flipProbability
    }

    /// One draw of the random choices.
    public struct Transform: Sendable, Equatable {
        public var shiftX: Int
        public var shiftY: Int
        public var degrees: Float
        public var flip: Bool

        public init(shiftX: Int = 0, shiftY: Int = 0, degrees: Float = 0, flip: Bool = false) {
            self.shiftX = shiftX
            self.shiftY = shiftY
            self.degrees = degrees
            self.flip = flip
        }
    }

    public func draw(_ random: Random) -> Transform {
        let span = 2 * maximumShift + 1
        return Transform(
            shiftX: random.integer(below: span) - maximumShift,
            shiftY: random.integer(below: span) - maximumShift,
            degrees: random.uniform(-maximumRotation, maximumRotation),
            flip: random.bernoulli(flipProbability))
    }

    /// Applies a transform to a row-major `width`×`height` image; `background` fills what
    /// moves in from outside.
    public static func apply(
        _ transform: Transform, to image: UnsafeBufferPointer<Float>,
        into output: UnsafeMutableBufferPointer<Float>,
        width: Int, height: Int, background: Float = 0
    ) {
        let centerX = Float(width - 1) / 2, centerY = Float(height - 1) / 2
        let angle = transform.degrees * .pi / 180
        let cosine = cos(angle), sine = sin(angle)
        for y in 0..<height {
            for x in 0..<width {
                // Undo the shift, then the rotation, then the flip.
                let dx = Float(x - transform.shiftX) - centerX
                let dy = Float(y - transform.shiftY) - centerY
                var sourceX = cosine * dx + sine * dy + centerX
                let sourceY = -sine * dx + cosine * dy + centerY
                if transform.flip { sourceX = Float(width - 1) - sourceX }
                output[y * width + x] = bilinear(
                    image, width: width, height: height, x: sourceX, y: sourceY,
                    background: background)
            }
        }
    }

    private static func bilinear(
        _ image: UnsafeBufferPointer<Float>, width: Int, height: Int,
        x: Float, y: Float, background: Float
    ) -> Float {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Float(x0), fy = y - Float(y0)
        func pixel(_ px: Int, _ py: Int) -> Float {
            px >= 0 && px < width && py >= 0 && py < height ? image[py * width + px] : background
        }
        let top = pixel(x0, y0) * (1 - fx) + pixel(x0 + 1, y0) * fx
        let bottom = pixel(x0, y0 + 1) * (1 - fx) + pixel(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
