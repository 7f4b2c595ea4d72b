/// Why the intake refused an inbox entry, in the words an office worker reads (Chinese) and in English.
public enum QuarantineReason: Sendable, Hashable {
    case symbolicLink
    case fifo
    case socket
    case device
    case unknownType
    case tooLarge(size: Int, limit: Int)

    /// The reason in Chinese.
    public var chinese: String {
        switch self {
        case .symbolicLink: "这是一个符号链接（快捷方式），不是文件本身；为安全起见不读取它指向的内容。请放入文件本身。"
        case .fifo: "这是一个命名管道（FIFO），不是普通文件，无法读取。"
        case .socket: "这是一个套接字，不是普通文件，无法读取。"
        case .device: "这是一个设备文件，不是普通文件，无法读取。"
        case .unknownType: "这不是普通文件，无法读取。"
        case .tooLarge(let size, let limit): "文件过大（\(size) 字节），超过上限 \(limit) 字节，未读取。"
        }
    }

    /// The reason in English.
    public var english: String {
        switch self {
        case .symbolicLink: "a symbolic link, not a file; its target is never read. Put the file itself in the inbox."
        case .fifo: "a named pipe (FIFO), not a regular file."
        case .socket: "a socket, not a regular file."
        case .device: "a device file, not a regular file."
        case .unknownType: "not a regular file."
        case .tooLarge(let size, let limit): "too large: \(size) bytes, over the limit of \(limit) bytes; not read."
        }
    }

    /// Both, on one line: what the queue records as the job's last error.
    public var message: String { "\(chinese) / \(english)" }
}
