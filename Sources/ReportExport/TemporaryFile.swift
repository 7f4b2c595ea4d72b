import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A scratch file that has no name: created in a directory and unlinked at once, so nothing is left behind
/// whatever happens; written once, then copied out.
final class TemporaryFile {
    private let fd: Int32
    private(set) var size: Int64 = 0

    init(in directory: URL) throws {
        var template = Array(directory.appendingPathComponent("govreport-xlsx-XXXXXX").path.utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard opened >= 0 else { throw FileError.posix("mkstemp", directory.path, errno) }
        _ = fcntl(opened, F_SETFD, FD_CLOEXEC)
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        fd = opened
    }

    deinit { close(fd) }

    /// Appends bytes.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try FileOutput.writeAll(fd, bytes)
        size += Int64(bytes.count)
    }

    /// Copies the whole file to `output`.
    func copy(to output: FileOutput) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset: Int64 = 0
        while offset < size {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError.posix("read", "temporary file", errno)
            }
            guard count > 0 else { throw FileError.posix("read", "temporary file", EIO) }
            try buffer.withUnsafeBytes { try output.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            offset += Int64(count)
        }
    }
}

/// A failed system call on a file, with the reason as the system gives it.
public enum FileError: Error, CustomStringConvertible {
    case posix(String, String, Int32)

    public var description: String {
        switch self {
        case .posix(let call, let path, let code): "\(call) \(path): \(String(cString: strerror(code)))"
        }
    }
}
