/// Updates parameters from the gradients the backward pass wrote, as `torch.optim` does.
///
/// Each algorithm is one type whose `step()` mirrors the single-tensor loop of its PyTorch
/// counterpart, with the same default arguments, so a step here and a step there agree
/// to float rounding.
public protocol Optimizer: AnyObject {
    var parameters: [Parameter] { get }
    var learningRate: Float { get set }
    /// Steps taken so far (PyTorch's `state['step']`).
    var steps: Int { get }
    func step()
}

/// Optimizer state for one parameter: a few zero-initialized arrays ("slots") of the
/// parameter's size, e.g. Adam's first and second moments. Raw memory owned here, so an
/// update loop reads and writes them without copies or exclusivity checks.
final class StateSlots {
    let count: Int
    private let storage: UnsafeMutablePointer<Float>

    init(slots: Int, count: Int) {
        self.count = count
        storage = .allocate(capacity: max(slots * count, 1))
        storage.initialize(repeating: 0, count: max(slots * count, 1))
    }

    deinit { storage.deallocate() }

    subscript(slot: Int) -> UnsafeMutablePointer<Float> { storage + slot * count }

    static func make(for parameters: [Parameter], slots: Int) -> [StateSlots] {
        parameters.map { StateSlots(slots: slots, count: $0.count) }
    }
}

extension Parameter {
    /// Gives an update loop the value (writable) and the gradient as raw pointers.
    func update(_ body: (_ value: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>,
                         _ count: Int) -> Void) {
        let count = self.count
        value.storage.withUnsafeMutableBufferPointer { p in
            gradient.storage.withUnsafeBufferPointer { g in
                body(p.baseAddress!, g.baseAddress!, count)
            }
        }
    }
}

func checkHyperparameter(_ value: Float, _ name: String, in range: ClosedRange<Float> = 0...Float.infinity) {
    precondition(range.contains(value), "invalid \(name): \(value)")
}
