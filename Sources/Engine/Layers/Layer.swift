/// A trainable matrix and the gradient the last backward pass wrote for it.
///
/// Two facts about a parameter are its own to state, and nothing else is decided from its
/// name or layer: whether the L2 penalty applies (`decays`) and which column of a parameter
/// summary counts it (`countedAs`). The defaults describe a weight matrix.
public final class Parameter {
    /// The column of `Sequential.parameterSummary` a parameter is counted in: weights, biases,
    /// or a column a layer names for a new kind of parameter (a PReLU's slopes).
    public struct Category: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Weight matrices, and BatchNorm's γ (it multiplies, as a weight does).
        public static let weights = Category("weights")
        /// Biases, and BatchNorm's β (it shifts, as a bias does).
        public static let biases = Category("biases")
    }

    public let name: String
    /// Whether the lecture's L2 penalty (λ/n)·Σ‖W‖²_F applies: weight matrices only, never
    /// biases or BatchNorm's γ and β. Weight-decay groups are built from it too.
    public let decays: Bool
    public let countedAs: Category
    public var value: Matrix
    public var gradient: Matrix

    public init(_ name: String, value: Matrix, decays: Bool = true, countedAs: Category = .weights) {
        self.name = name
        self.decays = decays
        self.countedAs = countedAs
        self.value = value
        self.gradient = Matrix(rows: value.rows, cols: value.cols)
    }

    public var count: Int { value.count }
}

/// State a layer keeps that is not trained by gradients (BatchNorm's running statistics).
public final class Buffer {
    public let name: String
    public var value: Matrix

    public init(_ name: String, value: Matrix) {
        self.name = name
        self.value = value
    }
}

/// What every layer has without stating it (MLX's `Module`): the training mode, set for a
/// whole model at once by `train(_:)`, and a description (the type's name unless a layer
/// has more to say, such as its sizes).
open class Module: CustomStringConvertible {
    /// Training mode (dropout on, batch statistics) versus evaluation mode. Layers that
    /// behave the same in both simply never read it.
    public private(set) var isTraining = true

    public init() {}

    /// Sets training (true) or evaluation (false) mode on this layer and every layer inside it.
    public final func train(_ mode: Bool = true) {
        isTraining = mode
        if let container = self as? any Container {
            for child in container.children { child.train(mode) }
        }
    }

    open var description: String { String(describing: type(of: self)) }
}

/// One step of a network: `callAsFunction` runs the forward pass and remembers what the
/// backward pass needs; `backward` takes ∂loss/∂output, writes the gradients of the
/// layer's parameters (overwriting, not accumulating: one backward per forward) and
/// returns ∂loss/∂input. A layer is a `Module` subclass, which gives it its training mode.
///
/// A user's layer with a new kind of parameter (PReLU's slopes), checked with
/// `GradientCheck`, is in `Tests/LessonTests/UserExtensionTests.swift`.
public protocol Layer: Module {
    func forward(_ input: Matrix) -> Matrix
    @discardableResult
    func backward(_ outputGradient: Matrix) -> Matrix
    func backwardParameters(_ outputGradient: Matrix)
    var parameters: [Parameter] { get }
    var buffers: [Buffer] { get }
}

/// A layer made of layers (Sequential, a residual block, …). Its parameters and buffers are
/// its children's, gathered here; `train(_:)` reaches the children through it.
public protocol Container: Layer {
    var children: [Layer] { get }
}

extension Container {
    public var parameters: [Parameter] { children.flatMap(\.parameters) }
    public var buffers: [Buffer] { children.flatMap(\.buffers) }

    /// Every layer inside, depth first (containers and their contents).
    public var descendants: [Layer] {
        children.flatMap { child in [child] + ((child as? Container)?.descendants ?? []) }
    }
}

/// A layer that keeps running statistics of its training batches for evaluation mode
/// (BatchNorm1d): the hook through which probes and evaluations leave them alone.
public protocol RunningStatisticsLayer: Layer {
    /// Off: training-mode passes use batch statistics but leave the running estimates as
    /// they are.
    var updatesRunningStatistics: Bool { get set }
}

extension Layer {
    public func callAsFunction(_ input: Matrix) -> Matrix { forward(input) }
    public var parameters: [Parameter] { [] }
    public var buffers: [Buffer] { [] }
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The backward pass when nothing needs ∂loss/∂input (the first layer of a network):
    /// layers that can skip that work override it.
    public func backwardParameters(_ outputGradient: Matrix) { backward(outputGradient) }

    /// This layer and, for a container, every layer inside it.
    public var layersWithin: [Layer] { [self] + ((self as? Container)?.descendants ?? []) }

    /// The layers within this one that keep running statistics.
    public var runningStatisticsLayers: [RunningStatisticsLayer] {
        layersWithin.compactMap { $0 as? RunningStatisticsLayer }
    }

    /// Runs `body` with training-mode layers using batch statistics but leaving their
    /// running estimates as they were: for probes on a trained model.
    public func keepingRunningStatistics<T>(_ body: () throws -> T) rethrows -> T {
        let layers = runningStatisticsLayers
        let previous = layers.map(\.updatesRunningStatistics)
        for layer in layers { layer.updatesRunningStatistics = false }
        defer { for (layer, value) in zip(layers, previous) { layer.updatesRunningStatistics = value } }
        return try body()
    }
}

/// Layers with weights that an `Initializer` can reset (Linear).
public protocol WeightedLayer: Layer {
    var weight: Parameter { get }
    var bias: Parameter? { get }
    var fanIn: Int { get }
    var fanOut: Int { get }
}

extension WeightedLayer {
    /// Redraws the weights (and the bias, when given an initializer for it) in place.
    public func initialize(
        weight weightInit: Initializer, bias biasInit: Initializer? = nil,
        random: Random
    ) {
        weight.value = weightInit.matrix(
            rows: weight.value.rows, cols: weight.value.cols,
            fanIn: fanIn, fanOut: fanOut, random: random)
        if let bias, let biasInit {
            bias.value = biasInit.matrix(
                rows: 1, cols: bias.value.cols,
                fanIn: fanIn, fanOut: fanOut, random: random)
        }
    }
}
