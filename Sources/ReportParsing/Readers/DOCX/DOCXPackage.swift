import CLibDeflate
import Foundation
import ZIPFoundation
#if canImport(CZlib)
// zlib as ZIPFoundation links it on Linux: inflating straight into the output array saves the copies and
// zero-filled chunks of `Data.decompress`.
import CZlib
#endif

/// The ZIP container of a Word document, read in memory with limits against ZIP bombs.
///
/// Only the central directory is trusted for sizes; every limit (entry count, declared sizes, compression ratio)
/// is checked before anything is inflated, and the inflated size is checked again while inflating, so an entry
/// that lies about its size is stopped as soon as it passes the limit.
struct DOCXPackage {
    /// Limits on what the package may contain and expand to.
    struct Limits: Sendable {
        /// More entries than this is not a Word document (a real one has 10–60).
        var maxEntries = 5_000
        /// The largest part that is inflated (`word/document.xml` of a long report is a few MB).
        var maxEntrySize = 64 << 20
        /// The sum of all entries' declared sizes.
        var maxTotalSize = 512 << 20
        /// Inflated bytes per compressed byte; XML compresses 5–30 times, a bomb about 1,000 times.
        var maxRatio = 200

        /// No size limits, for listing the member names only (nothing is inflated).
        static let listing = Limits(maxEntries: ZIPDirectory.maxMembers, maxEntrySize: .max, maxTotalSize: .max,
                                    maxRatio: .max)
    }

    /// One member of the archive, as the central directory describes it.
    struct Entry: Sendable {
        let name: String
        let method: UInt16
        let flags: UInt16
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    /// Why the bytes cannot be read as a Word package; `reason` is in Chinese for a `DOC-FORMAT` finding.
    enum Failure: Error, Equatable {
        case notZIP
        case truncated
        case corrupt(String)
        case encrypted
        case tooLarge(String)
        case missingPart(String)

        var reason: String {
            switch self {
            case .notZIP: "不是ZIP格式的Word文档（DOCX）"
            case .truncated: "Word文档（DOCX）不完整，可能下载或复制时被截断"
            case .corrupt(let what): "Word文档（DOCX）已损坏：\(what)"
            case .encrypted: "Word文档（DOCX）已加密，无法读取"
            case .tooLarge(let what): "Word文档（DOCX）解压后过大（\(what)），疑似压缩炸弹，已拒绝"
            case .missingPart(let name): "压缩包中没有Word正文（\(name)），不是Word文档"
            }
        }
    }

    let bytes: [UInt8]
    let entries: [Entry]
    let limits: Limits

    /// Reads the central directory and checks the declared sizes against `limits`.
    init(_ bytes: [UInt8], limits: Limits = Limits()) throws(Failure) {
        self.bytes = bytes
        self.limits = limits
        guard bytes.count >= 22, Self.u32(bytes, 0) == 0x0403_4b50 || Self.u32(bytes, 0) == 0x0605_4b50 else {
            throw .notZIP
        }
        guard let end = Self.endOfCentralDirectory(bytes) else { throw .truncated }
        let count = Int(Self.u16(bytes, end + 10))
        let size = Int(Self.u32(bytes, end + 12))
        let offset = Int(Self.u32(bytes, end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            throw .corrupt("使用了ZIP64格式，Word文档不会这么大")
        }
        guard count <= limits.maxEntries else { throw .tooLarge("\(count)个文件") }
        guard offset + size <= end else { throw .truncated }

        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var position = offset
        var total = 0
        for _ in 0..<count {
            guard position + 46 <= offset + size, Self.u32(bytes, position) == 0x0201_4b50 else {
                throw .corrupt("目录项错误")
            }
            let nameLength = Int(Self.u16(bytes, position + 28))
            let extraLength = Int(Self.u16(bytes, position + 30))
            let commentLength = Int(Self.u16(bytes, position + 32))
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= offset + size else { throw .corrupt("目录项错误") }
            let entry = Entry(
                name: String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                method: Self.u16(bytes, position + 10),
                flags: Self.u16(bytes, position + 8),
                compressedSize: Int(Self.u32(bytes, position + 20)),
                uncompressedSize: Int(Self.u32(bytes, position + 24)),
                localHeaderOffset: Int(Self.u32(bytes, position + 42)))
            total += entry.uncompressedSize
            guard total <= limits.maxTotalSize else { throw .tooLarge("共\(Self.mebibytes(total))以上") }
            entries.append(entry)
            position = next
        }
        self.entries = entries
    }

    /// The entry with exactly this name.
    func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The inflated bytes of an entry, stopped as soon as a limit is passed.
    func contents(of entry: Entry) throws(Failure) -> [UInt8] {
        if entry.flags & 0x1 != 0 { throw .encrypted }
        guard entry.uncompressedSize <= limits.maxEntrySize else {
            throw .tooLarge("\(entry.name) \(Self.mebibytes(entry.uncompressedSize))")
        }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count else { throw .truncated }
        guard Self.u32(bytes, header) == 0x0403_4b50 else { throw .corrupt("\(entry.name)的文件头错误") }
        let start = header + 30 + Int(Self.u16(bytes, header + 26)) + Int(Self.u16(bytes, header + 28))
        guard start + entry.compressedSize <= bytes.count else { throw .truncated }
        let compressed = bytes[start..<(start + entry.compressedSize)]

        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw .corrupt("\(entry.name)的大小不一致") }
            return Array(compressed)
        case 8:
            return try inflate(compressed, entry: entry)
        default:
            throw .corrupt("\(entry.name)使用了不支持的压缩方法\(entry.method)")
        }
    }

    /// Inflates a raw deflate stream, checking the size limits on every chunk.
    private func inflate(_ compressed: ArraySlice<UInt8>, entry: Entry) throws(Failure) -> [UInt8] {
        guard !compressed.isEmpty else { throw .corrupt("\(entry.name)为空") }
        // Declared sizes are checked first: a declared ratio over the limit is refused without inflating.
        let allowed = min(limits.maxEntrySize, compressed.count * limits.maxRatio + 4096)
        guard entry.uncompressedSize <= allowed else {
            throw .tooLarge("\(entry.name)压缩比超过\(limits.maxRatio)倍")
        }
        if let output = try inflateQuickly(compressed, entry: entry) { return output }
        // The stream is damaged, cut off or longer than declared: zlib reads it again and says which.
        #if canImport(CZlib)
        return try inflateDirectly(compressed, entry: entry)
        #else
        return try inflateInChunks(compressed, entry: entry)
        #endif
    }

    /// Inflates with libdeflate in one call into an array of the declared size plus one byte; nil when the
    /// stream does not inflate to exactly the declared size, which the zlib path then reports precisely.
    private func inflateQuickly(_ compressed: ArraySlice<UInt8>, entry: Entry) throws(Failure) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        let capacity = entry.uncompressedSize + 1
        var result = LIBDEFLATE_BAD_DATA
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
            var produced = 0
            compressed.withUnsafeBufferPointer { input in
                result = libdeflate_deflate_decompress(decompressor, input.baseAddress, input.count, out.baseAddress,
                                                       capacity, &produced)
            }
            count = result == LIBDEFLATE_SUCCESS ? produced : 0
        }
        guard result == LIBDEFLATE_SUCCESS, output.count == entry.uncompressedSize else { return nil }
        return output
    }

    #if canImport(CZlib)
    /// Inflates with zlib into an array of the declared size plus one byte: filling that byte means the stream
    /// inflates past what the directory declares, and it is stopped there.
    private func inflateDirectly(_ compressed: ArraySlice<UInt8>, entry: Entry) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("\(entry.name)的压缩数据错误")
        }
        defer { inflateEnd(&stream) }
        let capacity = entry.uncompressedSize + 1
        var result = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
            compressed.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress!
                stream.avail_out = UInt32(capacity)
                repeat {
                    result = CZlib.inflate(&stream, Z_NO_FLUSH)
                } while result == Z_OK && stream.avail_out > 0 && stream.avail_in > 0
            }
            count = capacity - Int(stream.avail_out)
        }
        if result == Z_NEED_DICT || result == Z_DATA_ERROR || result == Z_MEM_ERROR || result == Z_STREAM_ERROR {
            throw .corrupt("\(entry.name)的压缩数据错误")
        }
        // The declared size has passed every limit; inflating past it means the directory lies.
        if output.count > entry.uncompressedSize {
            throw .tooLarge("\(entry.name)解压后超过目录声明的\(Self.mebibytes(entry.uncompressedSize))")
        }
        // A stream that does not end inside the entry's bytes is truncated.
        guard result == Z_STREAM_END else { throw .truncated }
        guard output.count == entry.uncompressedSize else { throw .corrupt("\(entry.name)的大小与目录不符") }
        return output
    }
    #endif

    /// Inflates through ZIPFoundation, chunk by chunk (where zlib is not linked directly).
    private func inflateInChunks(_ compressed: ArraySlice<UInt8>, entry: Entry) throws(Failure) -> [UInt8] {
        // The whole stream is handed over as one chunk of exactly `bufferSize` bytes, and the provider throws
        // when asked for more: a stream that does not end inside the entry's bytes is truncated, never read on.
        var output: [UInt8] = []
        output.reserveCapacity(entry.uncompressedSize)
        var provided = false
        var stopped: Failure?
        do {
            _ = try Data.decompress(
                size: Int64(compressed.count), bufferSize: compressed.count, skipCRC32: true,
                provider: { _, _ in
                    if provided { throw Failure.truncated }
                    provided = true
                    return Data(compressed)
                },
                consumer: { chunk in
                    // The declared size has passed every limit; inflating past it means the directory lies.
                    if output.count + chunk.count > entry.uncompressedSize {
                        let failure = Failure.tooLarge("\(entry.name)解压后超过目录声明的\(Self.mebibytes(entry.uncompressedSize))")
                        stopped = failure
                        throw failure
                    }
                    chunk.withUnsafeBytes { output.append(contentsOf: $0) }
                })
        } catch {
            if let stopped { throw stopped }
            if let failure = error as? Failure { throw failure }
            throw .corrupt("\(entry.name)的压缩数据错误")
        }
        guard output.count == entry.uncompressedSize else { throw .corrupt("\(entry.name)的大小与目录不符") }
        return output
    }

    /// The offset of the end-of-central-directory record, searched from the end past a comment of up to 64 KiB.
    private static func endOfCentralDirectory(_ bytes: [UInt8]) -> Int? {
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while position >= lowest {
            if bytes[position] == 0x50, u32(bytes, position) == 0x0605_4b50,
               position + 22 + Int(u16(bytes, position + 20)) <= bytes.count {
                return position
            }
            position -= 1
        }
        return nil
    }

    /// The little-endian 16-bit number at `i`.
    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
        UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    /// The little-endian 32-bit number at `i`.
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    private static func mebibytes(_ n: Int) -> String {
        n >= 1 << 20 ? "\(n >> 20) MiB" : "\(n) 字节"
    }
}
