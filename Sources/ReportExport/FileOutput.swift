import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where a workbook's bytes go, in order and without seeking: a file descriptor (a file, or standard output).
public final class FileOutput {
    private let fd: Int32
    private let owned: Bool
    /// Bytes written so far.
    public private(set) var offset: Int64 = 0

    /// Writes to `fd`, which the caller keeps and closes.
    public init(fileDescriptor fd: Int32) {
        self.fd = fd
        owned = false
    }

    /// Creates the file at `path`, which must not exist yet.
    public init(creating path: String) throws {
        let opened = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw FileError.posix("open", path, errno) }
        fd = opened
        owned = true
    }

    deinit { if owned { close(fd) } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try Self.writeAll(fd, bytes)
        offset += Int64(bytes.count)
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes the file to disk (for a file about to be renamed into place).
    public func sync() throws {
        guard fsync(fd) == 0 else { throw FileError.posix("fsync", "output", errno) }
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError.posix("write", "output", errno)
            }
            done += written
        }
    }
}
