import ReportModel

/// A `chunk` line of an export.
public struct ChunkLine: Sendable, Codable {
    public var type = ResponseType.chunk
    public var id: Int64
    public var data: String

    public init(id: Int64, data: String) {
        self.id = id
        self.data = data
    }

    /// The line for `data` written directly, as the JSON encoder would (`{"data":"…","id":N,"type":"chunk"}`
    /// and a newline), without making a `String` of the data first; nil when `data` is not valid UTF-8.
    public static func line(id: Int64, data: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 8 + 48)
        out.append(contentsOf: #"{"data":""#.utf8)
        let valid = data.withUnsafeBufferPointer { data -> Bool in
            let count = data.count
            var index = 0
            var runStart = 0
            while index < count {
                let byte = data[index]
                if byte >= 0x80 {
                    // A multi-byte sequence: a lead byte and its continuation bytes.
                    let length: Int
                    switch byte {
                    case 0xC2...0xDF: length = 2
                    case 0xE0...0xEF: length = 3
                    case 0xF0...0xF4: length = 4
                    default: return false
                    }
                    guard index + length <= count else { return false }
                    for k in 1..<length where data[index + k] & 0xC0 != 0x80 { return false }
                    index += length
                    continue
                }
                guard JSONEscape.needsEscape(byte) else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: data[runStart..<index]))
                JSONEscape.appendEscape(of: byte, to: &out)
                index += 1
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: data[runStart..<count]))
            return true
        }
        guard valid else { return nil }
        out.append(contentsOf: #"","id":\#(id),"type":"chunk"}"#.utf8)
        out.append(0x0A)
        return out
    }
}
