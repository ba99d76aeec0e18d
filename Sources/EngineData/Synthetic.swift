import Engine
import Foundation

/// Seeded toy data sets for the lessons about toy problems.
public enum Synthetic {
    /// y = sin(2πx) + N(0, noise²) at `count` points drawn uniformly from [0, 1]: the classic
    /// curve-fitting problem of the bias–variance trade-off.
    public static func noisySine(count: Int, noise: Float, random: Random) -> RegressionDataset {
        var x = Matrix(rows: count, cols: 1)
        var y = Matrix(rows: count, cols: 1)
        for i in 0..<count {
            x[i, 0] = random.uniform()
            y[i, 0] = sin(2 * Float.pi * x[i, 0]) + random.normal(std: noise)
        }
        return RegressionDataset(inputs: x, targets: y)
    }

    /// `classes` Gaussian blobs in the plane with centres evenly spaced on a circle of the
    /// given radius.
    public static func blobs(
        count: Int, classes: Int = 2, radius: Float = 2, spread: Float = 1,
        random: Random
    ) -> LabeledPoints {
        var x = Matrix(rows: count, cols: 2)
        var labels: [Int] = []
        for i in 0..<count {
            let label = random.integer(below: classes)
            let angle = 2 * Float.pi * Float(label) / Float(classes)
            x[i, 0] = radius * cos(angle) + random.normal(std: spread)
            x[i, 1] = radius * sin(angle) + random.normal(std: spread)
            labels.append(label)
        }
        return LabeledPoints(inputs: x, labels: labels)
    }

    /// Two interleaved half circles, a problem no linear model separates.
    public static func moons(count: Int, noise: Float = 0.1, random: Random) -> LabeledPoints {
        var x = Matrix(rows: count, cols: 2)
        var labels: [Int] = []
        for i in 0..<count {
            let label = i % 2
            let angle = Float.pi * random.uniform()
            x[i, 0] = (label == 0 ? cos(angle) : 1 - cos(angle)) + random.normal(std: noise)
            x[i, 1] = (label == 0 ? sin(angle) : 0.5 - sin(angle)) + random.normal(std: noise)
            labels.append(label)
        }
        return LabeledPoints(inputs: x, labels: labels)
    }
}
