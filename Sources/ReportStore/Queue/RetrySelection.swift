/// Which jobs `retry` requeues.
public enum RetrySelection: Sendable, Hashable {
    /// These jobs, which must be failed, rejected, quarantined — or stored, to process the document again
    /// (a new report version supersedes the old one).
    case jobs([JobID])
    /// Every failed or rejected job (quarantined ones only by id: they crashed the daemon).
    case allFailedAndRejected
}
