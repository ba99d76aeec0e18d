import Foundation

/// The training and test parts of an MNIST-format directory (MNIST, Fashion-MNIST, KMNIST…):
/// `train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`, and `t10k-…` for test.
public enum MNISTFormat {
    /// Where Debian's `dataset-fashion-mnist` package puts Fashion-MNIST.
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
    /// Names another MNIST-format directory when no `--data` option is given.
    public static let environmentVariable = "TRAINING_LAB_DATA"

    public static let fashionClassNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    public enum Part: String, Sendable {
        case train, test
        var prefix: String { self == .train ? "train" : "t10k" }
    }

    /// The directory to read: the explicit one, else the environment variable, else the
    /// Debian package's. An empty value is kept as it is, and `load` refuses it, rather than
    /// silently meaning the current folder.
    public static func directory(explicit: String?) -> String {
        explicit ?? ProcessInfo.processInfo.environment[environmentVariable] ?? defaultDirectory
    }

    /// The images and labels of one part. `expectedShape` (height, width) is checked here,
    /// because images of another size would only fail later, inside the first layer of a
    /// network built for 28×28 inputs; nil accepts any size.
    public static func load(
        _ part: Part, from directory: String,
        classNames: [String] = fashionClassNames,
        expectedShape: (height: Int, width: Int)? = (28, 28)
    ) throws -> ImageStore {
        guard !directory.isEmpty else {
            throw DataError(
                "''",
                "an empty data folder name (from --data '' or \(environmentVariable)=''): name a folder, or give neither for \(defaultDirectory)"
            )
        }
        let imagesPath = try file("\(part.prefix)-images-idx3-ubyte", in: directory)
        let images = try IDXArray.read(imagesPath)
        guard images.dimensions.count == 3 else {
            throw DataError(imagesPath, "images must be a 3-D IDX array, found \(images.dimensions.count)-D")
        }
        let (count, height, width) = (images.dimensions[0], images.dimensions[1], images.dimensions[2])
        guard count > 0 else { throw DataError(imagesPath, "no images") }
        if let expected = expectedShape, (height, width) != expected {
            throw DataError(
                imagesPath, "images are \(height)×\(width) pixels, expected \(expected.height)×\(expected.width)")
        }
        let labelsPath = try file("\(part.prefix)-labels-idx1-ubyte", in: directory)
        let labels = try IDXArray.read(labelsPath)
        guard labels.dimensions.count == 1 else {
            throw DataError(labelsPath, "labels must be a 1-D IDX array")
        }
        guard count == labels.dimensions[0] else {
            throw DataError(labelsPath, "\(labels.dimensions[0]) labels for \(count) images")
        }
        if let bad = labels.bytes.first(where: { Int($0) >= classNames.count }) {
            throw DataError(labelsPath, "label \(bad) outside the \(classNames.count) classes")
        }
        return ImageStore(
            pixels: images.bytes, labels: labels.bytes, width: width, height: height,
            classNames: classNames)
    }

    /// The `.gz` file if present, else the uncompressed one.
    static func file(_ stem: String, in directory: String) throws -> String {
        let base = (directory as NSString).appendingPathComponent(stem)
        for candidate in [base + ".gz", base] where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        throw DataError(
            base + ".gz", "missing (install Debian's dataset-fashion-mnist, or pass --data DIR with MNIST-format files)"
        )
    }
}
