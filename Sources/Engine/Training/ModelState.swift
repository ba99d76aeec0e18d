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

extension Sequential {
    public func state() -> ModelState {
        var entries: [(name: String, value: Matrix)] = []
        for (index, layer) in layers.enumerated() {
            for parameter in layer.parameters { entries.append(("\(index).\(parameter.name)", parameter.value)) }
            for buffer in layer.buffers { entries.append(("\(index).\(buffer.name)", buffer.value)) }
        }
        return ModelState(entries: entries)
    }

    /// Loads a state of exactly this architecture: same names, same shapes, same order.
    public func load(_ state: ModelState) throws {
        let own = self.state()
        guard own.entries.count == state.entries.count else {
            throw CheckpointError(message: "checkpoint has \(state.entries.count) tensors, the model \(own.entries.count): different architecture")
        }
        for (mine, theirs) in zip(own.entries, state.entries) {
            guard mine.name == theirs.name, mine.value.rows == theirs.value.rows,
                  mine.value.cols == theirs.value.cols else {
                throw CheckpointError(message: "checkpoint tensor \(theirs.name) (\(theirs.value.rows)×\(theirs.value.cols)) does not fit the model's \(mine.name) (\(mine.value.rows)×\(mine.value.cols)): different architecture")
            }
        }
        var values = state.entries.makeIterator()
        for layer in layers {
            for parameter in layer.parameters { parameter.value = values.next()!.value }
            for buffer in layer.buffers { buffer.value = values.next()!.value }
        }
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
            for x in value.storage { append(x.bitPattern, to: &bytes) }
        }
        try writeAtomically(Data(bytes), to: path)
    }

    public static func load(from path: String) throws -> ModelState {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckpointError(message: "\(path): cannot read the checkpoint")
        }
        var reader = ByteReader(bytes: [UInt8](data), path: path)
        guard try reader.take(magic.count) == magic else {
            throw CheckpointError(message: "\(path): not a checkpoint of this engine")
        }
        var entries: [(name: String, value: Matrix)] = []
        for _ in 0..<(try reader.uint32()) {
            let name = String(decoding: try reader.take(Int(try reader.uint32())), as: UTF8.self)
            let rows = Int(try reader.uint32()), cols = Int(try reader.uint32())
            guard rows * cols * 4 <= reader.remaining else {
                throw CheckpointError(message: "\(path): truncated checkpoint")
            }
            var values = [Float]()
            values.reserveCapacity(rows * cols)
            for _ in 0..<(rows * cols) { values.append(Float(bitPattern: try reader.uint32())) }
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
