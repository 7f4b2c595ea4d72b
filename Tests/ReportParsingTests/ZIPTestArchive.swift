/// Writes ZIP archives for the DOCX tests, including ones that lie about their sizes (ZIP bombs).
struct ZIPTestArchive {
    /// One member: its name, its stored bytes (a raw deflate stream when `deflated`), and the size the directory
    /// claims for it.
    struct Member {
        var name: String
        var stored: [UInt8]
        var deflated: Bool
        var declaredSize: Int
    }

    var members: [Member] = []

    /// Adds a member stored without compression.
    mutating func add(_ name: String, _ bytes: [UInt8]) {
        members.append(Member(name: name, stored: bytes, deflated: false, declaredSize: bytes.count))
    }

    /// Adds a member of `count` zero bytes as a deflate stream of about `count / 1024` bytes (`ZeroDeflate`),
    /// declaring its true size unless `declaredSize` says otherwise.
    mutating func addZeros(_ name: String, count: Int, declaredSize: Int? = nil) {
        members.append(Member(name: name, stored: ZeroDeflate.stream(count: count), deflated: true,
                              declaredSize: declaredSize ?? count))
    }

    /// The archive's bytes: local headers and data, the central directory, the end record.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for member in members {
            let offset = out.count
            let name = Array(member.name.utf8)
            let method: UInt16 = member.deflated ? 8 : 0
            out += le32(0x0403_4b50) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21)
            out += le32(0) + le32(UInt32(member.stored.count)) + le32(UInt32(truncatingIfNeeded: member.declaredSize))
            out += le16(UInt16(name.count)) + le16(0) + name + member.stored
            directory += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21)
            directory += le32(0) + le32(UInt32(member.stored.count)) + le32(UInt32(truncatingIfNeeded: member.declaredSize))
            directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(UInt32(offset))
            directory += name
        }
        let start = out.count
        out += directory
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(members.count)) + le16(UInt16(members.count))
        out += le32(UInt32(directory.count)) + le32(UInt32(start)) + le16(0)
        return out
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xff) } }

    /// A minimal Word package whose body is `body` (WordprocessingML inside `<w:body>`).
    static func word(body: String) -> [UInt8] {
        var zip = ZIPTestArchive()
        zip.add("word/document.xml", Array(document(body: body).utf8))
        return zip.bytes()
    }

    static func document(body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
    }
}

/// A raw deflate stream of zero bytes, written by hand: one dynamic-Huffman block whose only symbols are the
/// literal 0 (code `10`), length 258 (code `0`), end of block (code `11`) and distance 1 (code `0`), so that every
/// 258 zero bytes cost two bits, the ratio of a real ZIP bomb (about 1,000 to 1).
enum ZeroDeflate {
    static func stream(count: Int) -> [UInt8] {
        var w = BitWriter()
        w.bits(1, 1)   // BFINAL
        w.bits(2, 2)   // BTYPE dynamic
        w.bits(29, 5)  // HLIT: 286 literal/length codes
        w.bits(0, 5)   // HDIST: 1 distance code
        w.bits(14, 4)  // HCLEN: 18 code-length codes
        let lengths: [Int: Int] = [18: 1, 1: 2, 2: 2]
        for symbol in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1] { w.bits(lengths[symbol] ?? 0, 3) }
        // Code-length codes: 18 → 0, 1 → 10, 2 → 11.
        let one = (code: 2, length: 2), two = (code: 3, length: 2), zeros = (code: 0, length: 1)
        // Literal/length lengths: 0 → 2, 1…255 → 0, 256 → 2, 257…284 → 0, 285 → 1; distance 0 → 1.
        w.code(two.code, two.length)
        w.code(zeros.code, zeros.length); w.bits(138 - 11, 7)
        w.code(zeros.code, zeros.length); w.bits(117 - 11, 7)
        w.code(two.code, two.length)
        w.code(zeros.code, zeros.length); w.bits(28 - 11, 7)
        w.code(one.code, one.length)
        w.code(one.code, one.length)
        guard count > 0 else {
            w.code(3, 2)
            return w.finish()
        }
        let matches = (count - 1) / 258
        w.code(2, 2)                   // literal 0
        w.zeros(2 * matches)           // length 258 (0), distance 1 (0)
        for _ in 0..<(count - 1 - 258 * matches) { w.code(2, 2) }
        w.code(3, 2)                   // end of block
        return w.finish()
    }

    /// Deflate's bit order: integers least significant bit first, Huffman codes most significant bit first.
    struct BitWriter {
        var out: [UInt8] = []
        var byte: UInt8 = 0
        var used = 0

        mutating func bit(_ b: Int) {
            byte |= UInt8(b & 1) << used
            used += 1
            if used == 8 {
                out.append(byte)
                byte = 0
                used = 0
            }
        }

        mutating func bits(_ value: Int, _ n: Int) {
            for i in 0..<n { bit(value >> i) }
        }

        mutating func code(_ code: Int, _ n: Int) {
            for i in stride(from: n - 1, through: 0, by: -1) { bit(code >> i) }
        }

        mutating func zeros(_ n: Int) {
            var left = n
            while left > 0 && used != 0 {
                bit(0)
                left -= 1
            }
            out += [UInt8](repeating: 0, count: left / 8)
            for _ in 0..<(left % 8) { bit(0) }
        }

        mutating func finish() -> [UInt8] {
            if used > 0 { out.append(byte) }
            return out
        }
    }
}
