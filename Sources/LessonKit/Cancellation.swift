import Engine
import FileIO
import Foundation
import Synchronization

/// How an interrupted lesson stops its worker threads before it exits: each worker that
/// sees the interruption at a safe point (between two batches, between two jobs) parks
/// there, and the interruption handler (`Interruption`) waits until every running worker has,
/// so no thread is inside BLAS or an optimizer step while temporary files are removed and
/// the program exits.
enum Cancellation {
    private struct Workers {
        var running = 0
        var parked = 0
    }

    private static let workers = Mutex(Workers())
    /// How long the handler waits for the workers: a batch takes milliseconds, but a job
    /// without safe points (a surface path, a search) may not reach one.
    static let patience: Duration = .seconds(5)

    /// Connects the interruption handler to the workers; LessonContext calls it first.
    static func install() {
        Interruption.whenInterrupted { awaitParkedWorkers() }
    }

    /// A worker thread began taking jobs.
    static func workerStarted() { workers.withLock { $0.running += 1 } }

    /// A worker thread took its last job.
    static func workerEnded() { workers.withLock { $0.running -= 1 } }

    /// Parks the calling worker for good if the program is being interrupted.
    static func safePoint() {
        guard Interruption.isRequested else { return }
        workers.withLock { $0.parked += 1 }
        while true { sleep(60) }
    }

    private static func awaitParkedWorkers() {
        let deadline = ContinuousClock.now + patience
        while ContinuousClock.now < deadline, workers.withLock({ $0.parked < $0.running }) {
            usleep(2_000)
        }
    }
}

/// A safe point after every batch of a run over seeds.
final class CancellationPoint: TrainingCallback {
    func batchDidEnd(epoch: Int, batch: Int, loss: Float) { Cancellation.safePoint() }
}

/// Runs `body`, which writes a scratch file at `path` (a checkpoint), and removes the file
/// afterwards, also when the lesson is interrupted meanwhile.
public func withScratchFile<T>(_ path: String, _ body: () throws -> T) rethrows -> T {
    Interruption.removeOnInterrupt(path)
    defer {
        Interruption.keepOnInterrupt(path)
        unlink(path)
    }
    return try body()
}
