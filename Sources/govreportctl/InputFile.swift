#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file a person named on the command line: regular files only, and none larger than a limit.
///
/// The file is opened non-blocking, so a FIFO cannot hang the command, and its type and size are taken from
/// the open descriptor, so nothing is read from a directory, a device or a file over the limit.
enum InputFile {
    /// Why a file could not be read, with the reason in Chinese for the report's finding.
    enum Failure: Error {
        case notFound
        case permissionDenied
        case notRegular(kind: String)
        case tooLarge(size: Int64, limit: Int)
        case system(operation: String, errno: Int32)

        var reason: String {
            switch self {
            case .notFound:
                "文件不存在"
            case .permissionDenied:
                "没有读取权限"
            case .notRegular(let kind):
                "不是普通文件（\(kind)）"
            case .tooLarge(let size, let limit):
                "文件过大（\(Self.mebibytes(size)) MiB，上限 \(Self.mebibytes(Int64(limit))) MiB），未读取"
            case .system(let operation, let code):
                "\(operation)失败（\(String(cString: strerror(code)))）"
            }
        }

        private static func mebibytes(_ n: Int64) -> String {
            let tenths = (n * 10 + (1 << 20) - 1) >> 20
            return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        }
    }

    /// All bytes of the regular file at `path`, if it has at most `limit` bytes.
    static func read(path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw openFailure(errno) }
        defer { close(fd) }

        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(operation: "读取文件信息", errno: errno) }
        if let kind = kindName(mode: info.st_mode) { throw .notRegular(kind: kind) }
        let size = Int64(info.st_size)
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(operation: "读取", errno: errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
            // The file grew while it was read.
            guard bytes.count <= limit else { throw .tooLarge(size: Int64(bytes.count), limit: limit) }
        }
        return bytes
    }

    private static func openFailure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT, ENOTDIR: .notFound
        case EACCES, EPERM: .permissionDenied
        case ENXIO: .notRegular(kind: "是套接字")
        default: .system(operation: "打开", errno: code)
        }
    }

    /// What kind of file the mode describes, in words; nil for a regular file.
    private static func kindName(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "是目录"
        case S_IFIFO: "是管道"
        case S_IFSOCK: "是套接字"
        case S_IFCHR, S_IFBLK: "是设备文件"
        default: "类型不明"
        }
    }
}

/// `read(2)`; a file-scope name because inside `InputFile` the name `read` is the method above.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
