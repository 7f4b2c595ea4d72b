import Foundation

/// The JSON settings both ends use: one compact object per line, sorted keys, ISO 8601 times in UTC.
public enum ControlJSON {
    /// Lines never contain a raw newline: JSON escapes it inside strings, and compact output has no others.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The value as one line: compact JSON followed by `\n`.
    public static func line(_ value: some Encodable) throws -> [UInt8] {
        var bytes = Array(try encoder.encode(value))
        bytes.append(0x0A)
        return bytes
    }

    /// A short, person-readable account of a decoding error (which key, what was wrong).
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "（顶层）" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "缺少字段 \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "字段 \(path(context)) 的值不对：\(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }
}
