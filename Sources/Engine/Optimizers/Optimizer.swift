/// Updates parameters from the gradients the backward pass wrote, as `torch.optim` does.
///
/// Every optimizer is a subclass that states only what is particular to it, in the manner
/// of MLX's `applySingle`: its hyperparameters and their defaults (in its one initializer),
/// how many state arrays each parameter needs (`slotsPerParameter`, read through a `Slot`
/// enumeration), the per-step scalars (`prepareStep`), and the update of one tensor
/// (`update`). The loop over parameter groups and parameters, the step count and the state
/// live here, once.
/// Each subclass mirrors the single-tensor loop of its PyTorch counterpart with the same
/// default arguments, so a step here and a step there agree to float rounding.
///
/// A user's optimizer is one short subclass:
///
///     final class SignSGD: Optimizer {
///         override func update(_ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
///                              state: OptimizerState, group: ParameterGroup) {
///             let rate = learningRate(for: group)
///             for i in w.indices { w[i] -= rate * (g[i] > 0 ? 1 : g[i] < 0 ? -1 : 0) }
///         }
///     }
///
/// One with hyperparameters, defaults and a state slot (Lion) is in
/// `Tests/LessonTests/UserExtensionTests.swift`.
open class Optimizer {
    public let groups: [ParameterGroup]
    /// The learning rate of every group without its own; schedules set it once per epoch.
    /// A group with its own rate follows the schedule in proportion (see `learningRate(for:)`).
    public var learningRate: Float
    /// The learning rate the optimizer was made with: what a schedule's changes are measured
    /// against when they are passed on to groups with their own rate.
    public let initialLearningRate: Float
    /// Steps taken so far (PyTorch's `state['step']`).
    public private(set) var steps = 0
    private var states: [[OptimizerState]] = []

    /// `parameters` as `torch.optim` takes them: a list of parameters (one group with the
    /// optimizer's hyperparameters) or of groups (PyTorch's `param_groups`), e.g. weight decay
    /// on weights but not on biases.
    public init<Element: OptimizerParameters>(_ parameters: [Element], learningRate: Float) {
        precondition(learningRate.isFinite && learningRate >= 0, "invalid learning rate: \(learningRate)")
        self.groups = Element.groups(parameters)
        self.learningRate = learningRate
        self.initialLearningRate = learningRate
    }

    /// The learning rate an update rule applies to `group`: the optimizer's `learningRate`,
    /// or the group's own rate scaled by the schedule's factor so far,
    /// `learningRate / initialLearningRate`. This is how PyTorch's schedulers treat
    /// `param_groups[i]["lr"]`: a schedule multiplies every group's own initial rate by the
    /// same factor, so a group at a tenth of the base rate stays at a tenth as the rate decays.
    /// (An optimizer made with learning rate 0 has no factor to pass on: groups then keep their
    /// own rates.)
    public func learningRate(for group: ParameterGroup) -> Float {
        guard let own = group.learningRate else { return learningRate }
        guard initialLearningRate != 0, learningRate != initialLearningRate else { return own }
        return own * (learningRate / initialLearningRate)
    }

    public var parameters: [Parameter] { groups.flatMap(\.parameters) }

    /// State arrays per parameter, each the parameter's size, zero at the start (Adam: the
    /// moments m and v).
    open var slotsPerParameter: Int { 0 }

    /// Called once per step, after `steps` is incremented and before any tensor is updated:
    /// the place for per-step scalars such as bias corrections.
    open func prepareStep() {}

    /// The update rule for one tensor: change `w` in place from the gradient `g`, keeping
    /// whatever the rule remembers in `state`. `group` carries the group's weight decay and
    /// learning rate: read the rate through `learningRate(for: group)`.
    open func update(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        state: OptimizerState, group: ParameterGroup
    ) {
        fatalError("\(type(of: self)) must override update(_:gradient:state:group:)")
    }

    /// One optimization step over every parameter of every group.
    public final func step() {
        if states.isEmpty {
            states = groups.map { $0.parameters.map { OptimizerState(slots: slotsPerParameter, count: $0.count) } }
            initializeState()
        }
        steps += 1
        prepareStep()
        for (group, groupStates) in zip(groups, states) {
            for (parameter, state) in zip(group.parameters, groupStates) {
                parameter.value.values.withUnsafeMutableBufferPointer { w in
                    parameter.gradient.values.withUnsafeBufferPointer { g in
                        update(w, gradient: g, state: state, group: group)
                    }
                }
            }
        }
    }

    /// Called once when the state is created, before the first step (AdaGrad starts its
    /// sums at a chosen value rather than zero).
    open func initializeState() {}

    /// The state of the parameter at `index` of `parameters` (created at the first step).
    public func state(of index: Int) -> OptimizerState? {
        states.lazy.flatMap { $0 }.dropFirst(index).first
    }

    /// Every parameter's state, in the order of `parameters`.
    public var allStates: [OptimizerState] { states.flatMap { $0 } }
}

/// What an optimizer's list of parameters may hold: parameters, which form one group with
/// the optimizer's hyperparameters, or parameter groups.
public protocol OptimizerParameters {
    static func groups(_ list: [Self]) -> [ParameterGroup]
}

extension Parameter: OptimizerParameters {
    public static func groups(_ list: [Parameter]) -> [ParameterGroup] { [ParameterGroup(list)] }
}

/// Parameters that share hyperparameters (a `torch.optim` param group).
public struct ParameterGroup: OptimizerParameters {
    public static func groups(_ list: [ParameterGroup]) -> [ParameterGroup] { list }

    public var parameters: [Parameter]
    /// Weight decay of this group; nil uses the optimizer's own.
    public var weightDecay: Float?
    /// Learning rate of this group (PyTorch's `param_groups[i]["lr"]`); nil uses the
    /// optimizer's own. Schedules scale it with the optimizer's rate (`Optimizer.learningRate(for:)`).
    public var learningRate: Float?

    public init(_ parameters: [Parameter], learningRate: Float? = nil, weightDecay: Float? = nil) {
        precondition(weightDecay.map { $0.isFinite && $0 >= 0 } ?? true, "invalid weight decay")
        precondition(learningRate.map { $0.isFinite && $0 >= 0 } ?? true, "invalid learning rate")
        self.parameters = parameters
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }
}

/// What an optimizer remembers for one parameter: a few zero-initialized arrays ("slots")
/// of the parameter's size, e.g. Adam's first and second moments. Raw memory owned here,
/// so an update loop reads and writes them without copies or exclusivity checks.
///
/// Slots are read by name: each optimizer numbers its slots with an enumeration,
/// `enum Slot: Int { case firstMoment, secondMoment }`, and writes `state[Slot.firstMoment]`.
public final class OptimizerState {
    public let count: Int
    public let slots: Int
    private let storage: UnsafeMutablePointer<Float>

    init(slots: Int, count: Int) {
        self.count = count
        self.slots = slots
        storage = .allocate(capacity: max(slots * count, 1))
        storage.initialize(repeating: 0, count: max(slots * count, 1))
    }

    deinit { storage.deallocate() }

    public subscript<Slot: RawRepresentable>(slot: Slot) -> UnsafeMutableBufferPointer<Float> where Slot.RawValue == Int
    {
        let index = slot.rawValue
        precondition(index >= 0 && index < slots, "slot \(slot) is number \(index) of \(slots)")
        return UnsafeMutableBufferPointer(start: storage + index * count, count: count)
    }
}

/// What an optimizer does with its hyperparameters: check them, and derive scalars from them
/// as PyTorch does.
public enum Hyperparameter {
    /// A hyperparameter as the decimal its caller wrote, widened to Double: `Float(0.999)` is
    /// 0.99900001287…, and 1 − that in Float is 9.99987e-4, while PyTorch, holding 0.999 as a
    /// Python float, uses 1e-3. Deriving 1 − β in Double from the decimal and rounding once
    /// gives PyTorch's scalars.
    @inlinable
    public static func decimal(_ value: Float) -> Double { Double(value.description) ?? Double(value) }

    /// Stops with a message naming the hyperparameter when it is not finite or outside `range`.
    public static func check(_ value: Float, _ name: String, in range: ClosedRange<Float> = 0...Float.infinity) {
        precondition(value.isFinite && range.contains(value), "invalid \(name): \(value)")
    }
}
