import Engine
import Foundation
import TestSupport

/// A folder of MNIST-format files with `train` training and `test` test images (28 × 28,
/// random pixels, labels cycling through the 10 classes), for the small-data cases.
/// Shared by the lesson tests of small data sets.
func tinyMNIST(train: Int, test: Int, seed: UInt64 = 1) throws -> TemporaryFolder {
    let folder = try TemporaryFolder("tiny-mnist")
    let random = Random(seed: seed)
    func idx(_ dimensions: [Int], _ data: [UInt8]) -> Data {
        var bytes: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
        for d in dimensions {
            bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)]
        }
        return Data(bytes + data)
    }
    for (prefix, count) in [("train", train), ("t10k", test)] {
        let pixels = (0..<(count * 784)).map { _ in UInt8(random.uniform(0, 255)) }
        let labels = (0..<count).map { UInt8($0 % 10) }
        try idx([count, 28, 28], pixels).write(to: URL(fileURLWithPath: folder.file("\(prefix)-images-idx3-ubyte")))
        try idx([count], labels).write(to: URL(fileURLWithPath: folder.file("\(prefix)-labels-idx1-ubyte")))
    }
    return folder
}

/// The small-data case every such test runs: a folder with `enough` images, one with `tooFew`,
/// and a one-epoch quiet `--quick` run into a scratch folder. `body` gets the full argument
/// lists for the two folders (`extra` options included); the folders are removed afterwards.
func withFewImages(
    enough: (train: Int, test: Int), tooFew: (train: Int, test: Int), extra: [String] = [],
    _ body: (_ enough: [String], _ tooFew: [String]) throws -> Void
) throws {
    let small = try tinyMNIST(train: enough.train, test: enough.test)
    let tiny = try tinyMNIST(train: tooFew.train, test: tooFew.test)
    let output = try TemporaryFolder("few-images")
    defer { small.remove(); tiny.remove(); output.remove() }
    let common = ["--quick", "--quiet", "--no-render", "--epochs", "1", "--output", output.path] + extra
    try body(common + ["--data", small.path], common + ["--data", tiny.path])
}
