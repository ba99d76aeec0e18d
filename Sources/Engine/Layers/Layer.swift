/// A trainable matrix and the gradient the last backward pass wrote for it.
public final class Parameter {
    /// What the matrix does in its layer; the L2 penalty applies to `.weight` only, as in
    /// the lecture's Σ‖W‖²_F, and never to biases or BatchNorm's γ and β.
    public enum Role: Sendable { case weight, bias, scale, shift }

    public let name: String
    public let role: Role
    public var value: Matrix
    public var gradient: Matrix

    public init(_ name: String, role: Role, value: Matrix) {
        self.name = name
        self.role = role
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

/// One step of a network: `callAsFunction` runs the forward pass and remembers what the
/// backward pass needs; `backward` takes ∂loss/∂output, writes the gradients of the
/// layer's parameters (overwriting, not accumulating: one backward per forward) and
/// returns ∂loss/∂input.
public protocol Layer: AnyObject, CustomStringConvertible {
    func forward(_ input: Matrix) -> Matrix
    @discardableResult
    func backward(_ outputGradient: Matrix) -> Matrix
    func backwardParameters(_ outputGradient: Matrix)
    var parameters: [Parameter] { get }
    var buffers: [Buffer] { get }
    /// Training mode (dropout on, batch statistics) versus evaluation mode. Every layer
    /// stores its own (no default, so a layer whose behaviour depends on it cannot forget
    /// it); containers pass it down through `Container`.
    var isTraining: Bool { get set }
}

/// A layer made of layers (Sequential, a residual block, …). Its parameters, buffers and
/// training mode are its children's, gathered and set from this one place.
public protocol Container: Layer {
    var children: [Layer] { get }
}

extension Container {
    public var parameters: [Parameter] { children.flatMap(\.parameters) }
    public var buffers: [Buffer] { children.flatMap(\.buffers) }
    public var isTraining: Bool {
        get { children.contains { $0.isTraining } }
        set { for child in children { child.isTraining = newValue } }
    }

    /// Every layer inside, depth first (containers and their contents).
    public var descendants: [Layer] {
        children.flatMap { child in [child] + ((child as? Container)?.descendants ?? []) }
    }

    /// Runs `body` with training-mode BatchNorm layers using batch statistics but leaving
    /// their running estimates as they were: for probes on a trained model.
    public func keepingRunningStatistics<T>(_ body: () throws -> T) rethrows -> T {
        try BatchNorm1d.keepingRunningStatistics(of: descendants.compactMap { $0 as? BatchNorm1d }, body)
    }
}

extension BatchNorm1d {
    /// Runs `body` with these BatchNorm layers' running estimates left as they are.
    static func keepingRunningStatistics<T>(of batchNorms: [BatchNorm1d], _ body: () throws -> T) rethrows -> T {
        let previous = batchNorms.map(\.updatesRunningStatistics)
        for layer in batchNorms { layer.updatesRunningStatistics = false }
        defer { for (layer, value) in zip(batchNorms, previous) { layer.updatesRunningStatistics = value } }
        return try body()
    }
}

extension Layer {
    public func callAsFunction(_ input: Matrix) -> Matrix { forward(input) }
    public var parameters: [Parameter] { [] }
    public var buffers: [Buffer] { [] }
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The backward pass when nothing needs ∂loss/∂input (the first layer of a network):
    /// layers that can skip that work override it.
    public func backwardParameters(_ outputGradient: Matrix) { backward(outputGradient) }
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
    public func initialize(weight weightInit: Initializer, bias biasInit: Initializer? = nil,
                           random: Random) {
        weight.value = weightInit.matrix(rows: weight.value.rows, cols: weight.value.cols,
                                         fanIn: fanIn, fanOut: fanOut, random: random)
        if let bias, let biasInit {
            bias.value = biasInit.matrix(rows: 1, cols: bias.value.cols,
                                         fanIn: fanIn, fanOut: fanOut, random: random)
        }
    }
}
