import Foundation

/// Limits a lesson cannot work under, checked before it starts: an allocation the process
/// is refused traps (Swift arrays cannot report it), and under a small address-space limit
/// threads fail to start and a child process is never seen to end. A limit too small is one
/// line naming it.
enum Resources {
    /// The address space a lesson needs: the Fashion-MNIST training images as floats
    /// (188 MB) and their split copies, each worker's stack and OpenBLAS's buffers. Quick
    /// runs were measured to need about 600 MB; full runs hold the whole set in a few copies.
    static let minimumAddressSpace = 1 << 30

    /// Ends the program with one line unless the address-space limit (`ulimit -v`) leaves
    /// room for a lesson. The exit is `_exit`: under such a limit OpenBLAS's own worker
    /// thread never gets its buffer, and the library's teardown in `exit` would wait for it
    /// forever.
    static func checkLimits() {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else {
            return
        }
        guard limit.rlim_cur >= minimumAddressSpace else {
            let line =
                "Error: the memory limit (ulimit -v) of \(limit.rlim_cur >> 20) MB is below the \(minimumAddressSpace >> 20) MB a lesson needs (its data, threads and BLAS buffers); raise it, e.g. ulimit -v \(minimumAddressSpace >> 10)\n"
            _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            _exit(1)
        }
    }
}
