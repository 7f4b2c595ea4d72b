import Foundation

/// A file offered to the queue by the intake.
public struct IncomingFile: Sendable, Hashable {
    /// The SHA-256 of `bytes`, lowercase hex, computed by the caller: the document's key.
    public var sha256: String
    public var bytes: [UInt8]
    /// The file's name as it arrived (kept as the document's first name and the job's name).
    public var fileName: String
    /// The identity of this inbox entry, used to recognise a re-offer after a crash.
    ///
    /// Offering the same (`sha256`, `entry`) again returns ``EnqueueOutcome/alreadyAccepted(_:)`` and records
    /// nothing; the same bytes under another entry become a `duplicate` job. Pass something that a second copy
    /// of the file would not share, e.g. `"\(name):\(inode):\(mtimeNanoseconds)"`; the default, the bare file
    /// name, treats a later copy under the same name as a re-offer.
    public var entry: String
    /// When the intake saw the file; nil means now.
    public var receivedAt: Date?

    public init(sha256: String, bytes: [UInt8], fileName: String, entry: String? = nil, receivedAt: Date? = nil) {
        self.sha256 = sha256
        self.bytes = bytes
        self.fileName = fileName
        self.entry = entry ?? fileName
        self.receivedAt = receivedAt
    }

    /// True for 64 lowercase hex digits.
    static func isValidSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
