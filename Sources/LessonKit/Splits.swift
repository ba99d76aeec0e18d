import EngineData

/// The data one seed's runs train, validate and test on.
public struct DataSplits {
    public let train: ImageDataset
    public let validation: ImageDataset
    public let test: ImageDataset

    public init(train: ImageDataset, validation: ImageDataset, test: ImageDataset) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    /// The three sets, for `let (train, validation, test) = splits(run).sets`.
    public var sets: (train: ImageDataset, validation: ImageDataset, test: ImageDataset) { (train, validation, test) }
}

/// Every seed's own data sets (`LessonContext.loadSplits`): a run asks for its own with
/// `splits(run)`, so that two settings under one seed see the same images and two seeds
/// see different ones.
public struct SeededSplits {
    private let bySeed: [UInt64: DataSplits]
    /// The first seed's sets: for what a lesson shows outside its runs over seeds (a batch of
    /// examples, a demonstration on one network).
    public let first: DataSplits

    /// Splits by seed, in the lesson's seed order (at least one).
    public init(_ splits: [(seed: UInt64, splits: DataSplits)]) {
        precondition(!splits.isEmpty, "a lesson runs at least one seed")
        bySeed = Dictionary(splits.map { ($0.seed, $0.splits) }, uniquingKeysWith: { first, _ in first })
        first = splits[0].splits
    }

    /// The sets of `run`'s seed.
    public func callAsFunction(_ run: SeedRun) -> DataSplits { self[run.seed] }

    public subscript(seed: UInt64) -> DataSplits {
        guard let splits = bySeed[seed] else { preconditionFailure("no data split was drawn for seed \(seed)") }
        return splits
    }
}
