import CPrefetch
import Engine
#if os(Linux)
    import Glibc
#endif

/// Labeled images kept as the bytes of the file (one byte a pixel), shared by every view of
/// them: 60,000 Fashion-MNIST images take 47 MB this way instead of 188 MB as Float32.
public final class ImageStore: Sendable {
    public let pixels: [UInt8]
    public let labels: [UInt8]
    public let width: Int
    public let height: Int
    public let classNames: [String]

    public init(pixels: [UInt8], labels: [UInt8], width: Int, height: Int, classNames: [String]) {
        precondition(pixels.count == labels.count * width * height, "pixel count does not match labels")
        self.pixels = ImageStore.onLargePages(pixels)
        self.labels = labels
        self.width = width
        self.height = height
        self.classNames = classNames
    }

    public var count: Int { labels.count }
    public var pixelsPerImage: Int { width * height }

    /// A copy of `bytes` in memory that Linux may back with 2 MB pages. Every minibatch reads
    /// rows scattered over the whole store (47 MB for Fashion-MNIST): with 4 KB pages nearly
    /// every row is a TLB miss, and while training the page tables drop out of the caches, so
    /// each miss walks memory (twice over in a virtual machine). On other systems, or for
    /// small stores, the bytes stay as they are.
    static func onLargePages(_ bytes: [UInt8]) -> [UInt8] {
        #if os(Linux)
            let largePage = 2 << 20
            guard bytes.count >= 4 * largePage else { return bytes }
            return [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                // Advised before the first write, so the pages are large from the first fault.
                let start = Int(bitPattern: buffer.baseAddress!)
                let first = (start + largePage - 1) & ~(largePage - 1)
                let end = (start + bytes.count) & ~(largePage - 1)
                if end > first { _ = madvise(UnsafeMutableRawPointer(bitPattern: first), end - first, MADV_HUGEPAGE) }
                _ = buffer.initialize(from: bytes)
                count = bytes.count
            }
        #else
            return bytes
        #endif
    }
}

/// How pixel bytes become network inputs: x = byte·scale + shift.
public struct PixelScaling: Sendable, Equatable {
    public var scale: Float
    public var shift: Float

    public init(scale: Float, shift: Float) {
        self.scale = scale
        self.shift = shift
    }

    /// [0, 1], the usual choice (torchvision's `ToTensor`).
    public static let unit = PixelScaling(scale: 1 / 255, shift: 0)
    /// The raw bytes 0…255, for showing what unnormalized inputs do.
    public static let raw = PixelScaling(scale: 1, shift: 0)
    /// (x/255 − mean)/std with mean and std measured on [0, 1] pixels.
    public static func standardized(mean: Float, std: Float) -> PixelScaling {
        PixelScaling(scale: 1 / (255 * std), shift: -mean / std)
    }
}

/// A view of some images of a store: a split, a subset or a whole set.
public struct ImageDataset: Dataset {
    public let store: ImageStore
    /// The store indices of this view's examples, in order.
    public let indices: [Int]
    public var scaling: PixelScaling
    /// Random changes applied to every image each time a batch is drawn (training sets
    /// only), with the generator they draw from.
    public private(set) var augmentation: (Augmentation, Random)?

    public init(store: ImageStore, indices: [Int]? = nil, scaling: PixelScaling = .unit) {
        self.store = store
        self.indices = indices ?? Array(0..<store.count)
        self.scaling = scaling
    }

    /// The same images, augmented on the fly.
    public func augmented(_ augmentation: Augmentation, random: Random) -> ImageDataset {
        var copy = self
        copy.augmentation = (augmentation, random)
        return copy
    }

    public var count: Int { indices.count }
    public var features: Int { store.pixelsPerImage }
    public var classCount: Int { store.classNames.count }
    public var labels: [Int] { indices.map { Int(store.labels[$0]) } }

    public func batch(_ positions: ArraySlice<Int>) -> (inputs: Matrix, targets: [Int]) {
        let width = store.pixelsPerImage
        var inputs = Matrix(uninitializedRows: positions.count, cols: width)
        let scale = scaling.scale, shift = scaling.shift
        // The store rows first: their lookups are independent, so their cache misses overlap.
        let rows = positions.map { indices[$0] }
        // The rows of a shuffled batch lie far apart in the store, so each one starts with
        // cache misses; asking for the rows a few ahead while converting this one hides them
        // (in the benchmark at batch 1024, about 27 ms of gather per epoch became 10).
        let lookAhead = 4
        // Augmentation reads each converted image from a copy while it writes the moved one:
        // one scratch image for the whole batch, not an allocation per image.
        var original = [Float](repeating: 0, count: augmentation == nil ? 0 : width)
        store.pixels.withUnsafeBufferPointer { source in
            inputs.withUnsafeMutableBufferPointer { destination in
                for (row, index) in rows.enumerated() {
                    if row + lookAhead < rows.count {
                        training_lab_prefetch(source.baseAddress! + rows[row + lookAhead] * width, width)
                    }
                    let from = source.baseAddress! + index * width
                    let to = destination.baseAddress! + row * width
                    Kernels.bytesToFloats(to, from: from, count: width, scale: scale, shift: shift)
                    if let (augmentation, random) = augmentation {
                        original.withUnsafeMutableBufferPointer { copy in
                            copy.baseAddress!.update(from: to, count: width)
                            Augmentation.apply(
                                augmentation.draw(random), to: UnsafeBufferPointer(copy),
                                into: UnsafeMutableBufferPointer(start: to, count: width),
                                width: store.width, height: store.height, background: shift)
                        }
                    }
                }
            }
        }
        return (inputs, rows.map { Int(store.labels[$0]) })
    }

    /// The first `size` examples of a seeded shuffle (all of them if `size` ≥ count).
    public func randomSubset(_ size: Int, random: Random) -> ImageDataset {
        precondition(size >= 0, "subset size must not be negative")
        var order = indices
        random.shuffle(&order)
        return ImageDataset(store: store, indices: Array(order.prefix(size)), scaling: scaling)
    }

    /// A seeded split into training and validation parts; `validationFraction` of the
    /// examples (rounded) go to validation, like the lecture notebooks' 10 % hold-out.
    public func split(validationFraction: Double, random: Random) -> (train: ImageDataset, validation: ImageDataset) {
        precondition((0..<1).contains(validationFraction), "validation fraction must be in [0, 1)")
        var order = indices
        random.shuffle(&order)
        let validationCount = Int((Double(count) * validationFraction).rounded())
        return (
            ImageDataset(store: store, indices: Array(order.dropFirst(validationCount)), scaling: scaling),
            ImageDataset(store: store, indices: Array(order.prefix(validationCount)), scaling: scaling)
        )
    }

    /// Mean and standard deviation of all pixels of this view on the [0, 1] scale, for
    /// `PixelScaling.standardized` (measure on the training split only).
    public func pixelStatistics() -> (mean: Float, std: Float) {
        var sum: Double = 0, sumOfSquares: Double = 0
        let width = store.pixelsPerImage
        store.pixels.withUnsafeBufferPointer { p in
            for index in indices {
                for offset in (index * width)..<((index + 1) * width) {
                    let x = Double(p[offset]) / 255
                    sum += x
                    sumOfSquares += x * x
                }
            }
        }
        let n = Double(max(count * width, 1))
        let mean = sum / n
        return (Float(mean), Float((sumOfSquares / n - mean * mean).squareRoot()))
    }
}
