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
        let hex = Array("0123456789abcdef".utf8)
        var index = 0
        var runStart = 0
        let count = data.count
        while index < count {
            let byte = data[index]
            if byte >= 0x80 {
                // A multi-byte sequence: a lead byte and its continuation bytes.
                let length: Int
                switch byte {
                case 0xC2...0xDF: length = 2
                case 0xE0...0xEF: length = 3
                case 0xF0...0xF4: length = 4
                default: return nil
                }
                guard index + length <= count else { return nil }
                for k in 1..<length where data[index + k] & 0xC0 != 0x80 { return nil }
                index += length
                continue
            }
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                index += 1
                continue
            }
            out.append(contentsOf: data[runStart..<index])
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
            index += 1
            runStart = index
        }
        out.append(contentsOf: data[runStart..<count])
        out.append(contentsOf: #"","id":\#(id),"type":"chunk"}"#.utf8)
        out.append(0x0A)
        return out
    }
}
