import Synchronization

/// True for exactly one caller of `claim()`.
final class OnceFlag: Sendable {
    private let claimed = Atomic(false)
    func claim() -> Bool { !claimed.exchange(true, ordering: .acquiringAndReleasing) }
}
