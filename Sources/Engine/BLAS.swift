// The one place that knows which BLAS the engine runs on: OpenBLAS on Linux (Debian's
// libopenblas-dev, through the CBLAS system-library target), Accelerate on Apple platforms.
import Foundation
#if canImport(Accelerate)
    import Accelerate
#else
    import CBLAS
#endif

/// Single-precision matrix products and the BLAS library's settings.
public enum BLAS {
    /// Multiply-adds of every product since the process started, on every thread: a lesson's
    /// arithmetic, which together with the machine's GEMM rate bounds how fast it can run.
    /// (A lock, not `Atomic`, which Apple's systems have only from macOS 15; a product
    /// takes thousands of times longer than the lock.)
    nonisolated(unsafe) private static var multiplyAdds = 0
    private static let multiplyAddsLock = NSLock()

    /// Floating-point operations (2·m·n·k per product) of every `sgemm` so far.
    public static var floatingPointOperations: Int { 2 * multiplyAddsLock.withLock { multiplyAdds } }

    /// C ← α·op(A)·op(B) + β·C for row-major matrices (`cblas_sgemm`).
    public static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>?, lda: Int, b: UnsafePointer<Float>?, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>?, ldc: Int
    ) {
        multiplyAddsLock.withLock { multiplyAdds += m * n * k }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    #if canImport(Accelerate)
        /// Accelerate chooses its own threading and has no call to set it: a no-op there.
        public static func setThreads(_ count: Int) {}
        public static var threads: Int { 1 }
        public static var coreName: String { "Accelerate" }
    #else
        /// Threads OpenBLAS may use for one product. The lessons use one (their parallelism is
        /// seeds on worker threads).
        public static func setThreads(_ count: Int) {
            openblas_set_num_threads(Int32(min(max(1, count), 1024)))
        }
        public static var threads: Int { Int(openblas_get_num_threads()) }
        /// The kernel family OpenBLAS chose for this CPU (or that `OPENBLAS_CORETYPE` forced),
        /// e.g. "Haswell" or "SkylakeX": it decides the summation order, hence the last digits.
        public static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }
    #endif

    /// The kernel and where it came from, e.g. "OpenBLAS's Haswell kernel (forced by
    /// OPENBLAS_CORETYPE=Haswell)": what a user compares when two machines' last digits differ.
    public static var kernelDescription: String {
        #if canImport(Accelerate)
            return "Accelerate"
        #else
            let forced = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
            return "OpenBLAS's \(coreName) kernel "
                + (forced.map { "(forced by OPENBLAS_CORETYPE=\($0))" } ?? "(chosen for this CPU)")
        #endif
    }
}
