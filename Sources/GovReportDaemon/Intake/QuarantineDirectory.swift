#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The `quarantine/` directory: refused inbox entries are moved here, each with a `<name>.reason.txt` sidecar.
///
/// The entry is moved, never read: a symlink stays a symlink (recreated with the same target text when the
/// quarantine is on another filesystem), a file over the size limit is renamed (or copied across
/// filesystems). A FIFO, socket or device that cannot be renamed across filesystems is removed from the
/// inbox; its sidecar says so.
struct QuarantineDirectory: Sendable {
    let path: String

    /// Moves `inbox/name` here under a free name and writes the sidecar; returns the name it got.
    func take(_ name: String, from inbox: String, reason: QuarantineReason) throws(SystemError) -> String {
        let target = freeName(for: name)
        let source = inbox + "/" + name
        var note = ""
        if rename(source, path + "/" + target) != 0 {
            let error = errno
            guard error == EXDEV else { throw SystemError("rename \(source)", error) }
            note = try moveAcrossFilesystems(source, to: path + "/" + target, reason: reason)
        }
        let formatter = ISO8601DateFormatter()
        let text = """
            文件 / File: \(name)
            时间 / Time: \(formatter.string(from: Date()))
            原因：\(reason.chinese)
            Reason: \(reason.english)
            \(note)
            """
        let sidecar = path + "/" + target + ".reason.txt"
        guard FileManager.default.createFile(atPath: sidecar, contents: Data(text.utf8)) else {
            throw SystemError("write \(sidecar)", errno)
        }
        return target
    }

    /// `name`, or `name.1`, `name.2`, … when a quarantined entry already has it.
    private func freeName(for name: String) -> String {
        var candidate = name
        var number = 0
        var info = stat()
        while lstat(path + "/" + candidate, &info) == 0 || lstat(path + "/" + candidate + ".reason.txt", &info) == 0 {
            number += 1
            candidate = "\(name).\(number)"
        }
        return candidate
    }

    /// The EXDEV fallback; returns a line for the sidecar.
    private func moveAcrossFilesystems(_ source: String, to target: String,
                                       reason: QuarantineReason) throws(SystemError) -> String {
        switch reason {
        case .symbolicLink:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(source, &buffer, buffer.count - 1)
            guard count >= 0 else { throw SystemError("readlink \(source)", errno) }
            buffer[count] = 0
            guard symlink(buffer, target) == 0 else { throw SystemError("symlink \(target)", errno) }
        case .tooLarge:
            do {
                try FileManager.default.copyItem(atPath: source, toPath: target)
            } catch {
                throw SystemError("copy \(source) to \(target)", EIO)
            }
        case .fifo, .socket, .device, .unknownType:
            guard unlink(source) == 0 else { throw SystemError("unlink \(source)", errno) }
            return "此特殊文件无法跨文件系统移动，已从收件箱删除。/ It could not be moved across filesystems and was removed from the inbox."
        }
        guard unlink(source) == 0 else { throw SystemError("unlink \(source)", errno) }
        return ""
    }
}
