import Engine

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
