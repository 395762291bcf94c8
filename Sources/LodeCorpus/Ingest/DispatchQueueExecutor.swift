import Dispatch

/// Runs an actor's jobs one at a time on a dispatch queue of its own, off Swift's cooperative
/// pool: for an actor whose work waits on the disk, which on the pool would hold one of its
/// few threads (one per core) idle while other tasks could use it.
final class DispatchQueueExecutor: SerialExecutor {
    private let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label, qos: .userInitiated) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }
}
