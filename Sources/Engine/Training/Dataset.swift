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

/// How an epoch is cut into minibatches (PyTorch's `DataLoader` sampler).
public enum Minibatches {
    /// The positions of each minibatch of one epoch: shuffled when given a generator, with an
    /// incomplete last batch kept or dropped (PyTorch's `drop_last`).
    public static func positions(
        count: Int, batchSize: Int, dropLast: Bool = false,
        shuffleWith random: Random? = nil
    ) -> [ArraySlice<Int>] {
        precondition(batchSize > 0, "batch size must be positive")
        let order = random.map { $0.permutation(count) } ?? Array(0..<count)
        return stride(from: 0, to: count, by: batchSize).compactMap { start in
            let end = min(start + batchSize, count)
            if dropLast && end - start < batchSize { return nil }
            return order[start..<end]
        }
    }
}
