import Foundation
import ReportParsing

/// Passes conversions through to the real converter and remembers a failure that may pass (a converter that
/// timed out), so the worker can retry the job instead of storing a rejection.
final class ConversionWatch: DocumentConverter, @unchecked Sendable {
    private let base: any DocumentConverter
    private let lock = NSLock()
    private var transient: String?

    init(_ base: any DocumentConverter) {
        self.base = base
    }

    /// The reason of the last conversion that failed for a reason that may pass; nil if none did.
    var transientFailure: String? { lock.withLock { transient } }

    func text(of bytes: [UInt8], format: DocumentFormat) -> ConversionResult {
        let result = base.text(of: bytes, format: format)
        if case .failed(let reason, permanent: false) = result {
            lock.withLock { transient = reason }
        }
        return result
    }
}
