/// Examples addressed by position 0..<count; a minibatch is gathered from positions.
public protocol Dataset {
    associatedtype Target
    var count: Int { get }
    func batch(_ positions: ArraySlice<Int>) -> (inputs: Matrix, targets: Target)
}

extension Dataset {
    /// Every example as one batch.
    public func all() -> (inputs: Matrix, targets: Target) { batch(Array(0..<count)[...]) }
}

/// The positions of each minibatch of one epoch: shuffled when given a generator, with an
/// incomplete last batch kept or dropped (PyTorch's `drop_last`).
public func minibatches(count: Int, batchSize: Int, dropLast: Bool = false,
                        shuffleWith random: Random? = nil) -> [ArraySlice<Int>] {
    precondition(batchSize > 0, "batch size must be positive")
    let order = random.map { $0.permutation(count) } ?? Array(0..<count)
    return stride(from: 0, to: count, by: batchSize).compactMap { start in
        let end = min(start + batchSize, count)
        if dropLast && end - start < batchSize { return nil }
        return order[start..<end]
    }
}

/// Inputs and real-valued targets held as matrices (toy regression problems).
public struct RegressionDataset: Dataset {
    public let inputs: Matrix
    public let targets: Matrix

    public init(inputs: Matrix, targets: Matrix) {
        precondition(inputs.rows == targets.rows, "inputs and targets differ in count")
        self.inputs = inputs
        self.targets = targets
    }

    public var count: Int { inputs.rows }

    public func batch(_ positions: ArraySlice<Int>) -> (inputs: Matrix, targets: Matrix) {
        (inputs.gatherRows(positions), targets.gatherRows(positions))
    }
}

/// Feature vectors with class labels held in memory (toy classification problems).
public struct LabeledPoints: Dataset {
    public let inputs: Matrix
    public let labels: [Int]

    public init(inputs: Matrix, labels: [Int]) {
        precondition(inputs.rows == labels.count, "inputs and labels differ in count")
        self.inputs = inputs
        self.labels = labels
    }

    public var count: Int { labels.count }

    public func batch(_ positions: ArraySlice<Int>) -> (inputs: Matrix, targets: [Int]) {
        (inputs.gatherRows(positions), positions.map { labels[$0] })
    }
}
