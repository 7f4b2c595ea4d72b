import Crypto
import DocumentConversion
import ReportModel
import ReportParsing
import ReportValidation

/// Reads one file of any supported format and runs parse → validate on its bytes, in this process (PDF and
/// legacy Word through their converter programs, as child processes).
struct ReportChecker {
    /// Larger files are refused without being read.
    var sizeLimit = 64 << 20
    private let reader = DocumentReader(converter: ProcessConverter())
    private let validator = ReportValidator()

    /// The report for the file at `path`; a file that cannot be read gets a rejected report that says why.
    func check(path: String) -> Report {
        let name = Self.fileName(of: path)
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path: path, limit: sizeLimit)
        } catch {
            return Report(file: name, format: "unknown", status: .rejected, findings: [
                .error(RuleID.docFormat, "无法读取文件：\(error.reason)")
            ])
        }
        var report = reader.read(bytes, fileName: name)
        report.sha256 = Self.sha256Hex(bytes)
        return validator.validate(report)
    }

    /// The last path component, as the report's `file` field: `a/b/kunwu-2020.txt` → `kunwu-2020.txt`.
    static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Lowercase hex SHA-256 of the bytes.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
