import Foundation

/// The engine's seeded random number generator: xoshiro256** seeded through SplitMix64.
///
/// Written out here rather than taken from the system so that a seed means the same
/// numbers on every platform and Swift version. It is a class because layers (Dropout),
/// data loaders and initializers share one stream: drawing from it anywhere advances it
/// everywhere, as one `torch.manual_seed` does.
public final class Random: RandomNumberGenerator {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// What a generator of one training run is for. A run draws each purpose from its own
    /// stream, so settings compared under one seed start from the same weights and see the
    /// same batches even when one of them also draws dropout masks or augmentations.
    public enum Purpose: UInt64, Sendable, CaseIterable {
        case weights = 1, batchOrder, noise, dataSubset
    }

    /// The stream of `purpose` for `seed`: the same numbers for the same pair, unrelated
    /// numbers for different ones.
    public convenience init(seed: UInt64, purpose: Purpose) {
        self.init(seed: Random(seed: seed ^ (purpose.rawValue &* 0xD1B5_4A32_D192_ED03)).next())
    }

    /// A new generator whose stream is independent of this one (for a sub-experiment that
    /// must not shift the numbers of the main one).
    public func fork() -> Random { Random(seed: next()) }

    public func next() -> UInt64 { Self.advance(&state) }

    /// One xoshiro256** step on a state held anywhere: bulk fills run it on a local copy,
    /// which spares debug builds an exclusivity check per number.
    private static func advance(_ s: inout (UInt64, UInt64, UInt64, UInt64)) -> UInt64 {
        let result = rotate(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotate(s.3, 45)
        return result
    }

    private static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    private static func unitFloat(_ bits: UInt64) -> Float { Float(bits >> 40) * 0x1p-24 }

    /// Fills a buffer with uniform numbers on [0, 1), the same sequence `uniform()` gives.
    public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>) {
        var local = state
        for i in buffer.indices { buffer[i] = Self.unitFloat(Self.advance(&local)) }
        state = local
    }

    /// Uniform on [0, 1) with the 24 bits a Float holds.
    public func uniform() -> Float { Self.unitFloat(next()) }

    public func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * uniform()
    }

    /// Standard normal by Box–Muller, computed in Double.
    public func normal(mean: Float = 0, std: Float = 1) -> Float {
        let u1 = Double(next() >> 11) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        let radius = (-2 * Foundation.log(1 - u1)).squareRoot()
        return mean + std * Float(radius * cos(2 * Double.pi * u2))
    }

    /// True with probability `probability`.
    public func bernoulli(_ probability: Float) -> Bool { uniform() < probability }

    /// Uniform integer in 0..<bound without modulo bias (Lemire's method).
    public func integer(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// Fisher–Yates shuffle in place.
    public func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, integer(below: i + 1))
        }
    }

    public func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        shuffle(&indices)
        return indices
    }

    public func uniformMatrix(rows: Int, cols: Int, _ low: Float, _ high: Float) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        m.values.withUnsafeMutableBufferPointer { fillUniform($0) }
        m.apply { low + (high - low) * $0 }
        return m
    }

    public func normalMatrix(rows: Int, cols: Int, mean: Float = 0, std: Float = 1) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        m.apply { _ in self.normal(mean: mean, std: std) }
        return m
    }
}
