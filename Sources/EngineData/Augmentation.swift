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
        let angle = transform.degrees * .pi / 180
        // The per-pixel loop lives in CKernels, where it vectorizes (gathers of the four
        // neighbours) and still rounds every multiply and add on its own.
        Kernels.transformImage(
            image, into: output, width: width, height: height, cosine: cos(angle), sine: sin(angle),
            shiftX: transform.shiftX, shiftY: transform.shiftY, flip: transform.flip, background: background)
    }
}
