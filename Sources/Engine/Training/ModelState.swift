import FileIO
import Foundation

/// Every parameter and buffer of a model by name ("0.weight", "1.running_mean", …, as in a
/// PyTorch state dict): what early stopping keeps of the best epoch and what a checkpoint
/// file holds.
public struct ModelState: Equatable, Sendable {
    public var entries: [(name: String, value: Matrix)]

    public init(entries: [(name: String, value: Matrix)]) { self.entries = entries }

    public static func == (a: ModelState, b: ModelState) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

public struct CheckpointError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Layer {
    /// Every parameter and buffer by hierarchical name, PyTorch's state-dict order: a
    /// container's children are numbered ("2.0.weight" is the weight of child 0 of child 2),
    /// so nested containers never collide.
    public func namedTensors(prefix: String = "") -> [(name: String, parameter: Parameter?, buffer: Buffer?)] {
        if let container = self as? Container {
            return container.children.enumerated().flatMap { index, child in
                child.namedTensors(prefix: "\(prefix)\(index).")
            }
        }
        return parameters.map { (prefix + $0.name, $0, nil) } + buffers.map { (prefix + $0.name, nil, $0) }
    }

    public func state() -> ModelState {
        ModelState(entries: namedTensors().map { ($0.name, $0.parameter?.value ?? $0.buffer!.value) })
    }

    /// Loads a state of exactly this architecture: same names, same shapes, same order.
    public func load(_ state: ModelState) throws {
        let own = self.state()
        if let problem = own.mismatch(tensorCount: state.entries.count) {
            throw CheckpointError(message: problem)
        }
        for (index, theirs) in state.entries.enumerated() {
            if let problem = own.mismatch(theirs.name, rows: theirs.value.rows, cols: theirs.value.cols, at: index) {
                throw CheckpointError(message: problem)
            }
        }
        for (slot, entry) in zip(namedTensors(), state.entries) {
            slot.parameter?.value = entry.value
            slot.buffer?.value = entry.value
        }
    }
}

extension ModelState {
    /// Why a state of `count` tensors cannot be this one's, or nil.
    func mismatch(tensorCount count: Int) -> String? {
        count == entries.count
            ? nil
            : "checkpoint has \(count) tensors, the model \(entries.count): different architecture"
    }

    /// Why tensor number `index`, `name` of rows×cols, cannot be this state's, or nil.
    func mismatch(_ name: String, rows: Int, cols: Int, at index: Int) -> String? {
        let mine = entries[index]
        guard mine.name != name || mine.value.rows != rows || mine.value.cols != cols else { return nil }
        return
            "checkpoint tensor \(name) (\(rows)×\(cols)) does not fit the model's \(mine.name) (\(mine.value.rows)×\(mine.value.cols)): different architecture"
    }
}

/// The checkpoint file: the magic "TTLCKPT1", a tensor count, then per tensor its name
/// (length-prefixed UTF-8), rows, cols and little-endian Float32 values.
public enum Checkpoint {
    static let magic = Array("TTLCKPT1".utf8)

    public static func save(_ state: ModelState, to path: String) throws {
        var bytes = magic
        append(UInt32(state.entries.count), to: &bytes)
        for (name, value) in state.entries {
            append(UInt32(name.utf8.count), to: &bytes)
            bytes += Array(name.utf8)
            append(UInt32(value.rows), to: &bytes)
            append(UInt32(value.cols), to: &bytes)
            for x in value.values { append(x.bitPattern, to: &bytes) }
        }
        try FileOutput.writeAtomically(Data(bytes), to: path)
    }

    /// Reads a checkpoint. With `model`, every tensor's name and shape is checked against the
    /// model's before its values are read, so a checkpoint of another architecture fails
    /// with its first difference; without it, only against the length of the file.
    public static func load(from path: String, for model: (any Layer)? = nil) throws -> ModelState {
        let bytes: [UInt8]
        do { bytes = try FileInput.readRegularFile(path, kind: "checkpoint") } catch {
            throw CheckpointError(message: "\(path): \(error.problem)")
        }
        var reader = ByteReader(bytes: bytes, path: path)
        guard try reader.take(magic.count) == magic else {
            throw CheckpointError(message: "\(path): not a checkpoint of this engine")
        }
        let own = model?.state()
        let count = Int(try reader.uint32())
        if let problem = own?.mismatch(tensorCount: count) { throw CheckpointError(message: "\(path): \(problem)") }
        var entries: [(name: String, value: Matrix)] = []
        for index in 0..<count {
            let name = String(decoding: try reader.take(Int(try reader.uint32())), as: UTF8.self)
            let rows = Int(try reader.uint32()), cols = Int(try reader.uint32())
            if let problem = own?.mismatch(name, rows: rows, cols: cols, at: index) {
                throw CheckpointError(message: "\(path): \(problem)")
            }
            // rows and cols come from the file: up to 2³² each, so the product is checked.
            let (valueCount, overflow) = rows.multipliedReportingOverflow(by: cols)
            guard !overflow, valueCount <= reader.remaining / 4 else {
                throw CheckpointError(
                    message:
                        "\(path): tensor \(name) claims \(rows)×\(cols) values, more than the \(reader.remaining) bytes left: truncated or corrupt checkpoint"
                )
            }
            var values = [Float]()
            values.reserveCapacity(valueCount)
            for _ in 0..<valueCount { values.append(Float(bitPattern: try reader.uint32())) }
            entries.append((name, Matrix(rows: rows, cols: cols, values)))
        }
        guard reader.isAtEnd else { throw CheckpointError(message: "\(path): unexpected bytes at the end") }
        return ModelState(entries: entries)
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private struct ByteReader {
        let bytes: [UInt8]
        let path: String
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }
        var remaining: Int { bytes.count - offset }

        mutating func take(_ count: Int) throws -> [UInt8] {
            guard count >= 0, offset + count <= bytes.count else {
                throw CheckpointError(message: "\(path): truncated checkpoint")
            }
            defer { offset += count }
            return Array(bytes[offset..<(offset + count)])
        }

        mutating func uint32() throws -> UInt32 {
            try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }
    }
}
