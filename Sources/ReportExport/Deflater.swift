import CZlib

/// One ZIP entry's data being compressed as it is written: raw deflate at a fast level, with the CRC-32 and
/// both sizes a ZIP header needs, the compressed bytes going to a temporary file. Written to by one thread at a
/// time (the compression thread); read once that thread is drained.
final class Deflater: @unchecked Sendable {
    /// zlib level 1: several times faster than the default, and sheet XML still shrinks about twentyfold.
    static let level: Int32 = 1
    /// zlib's default memory level: on sheet XML about a fifth faster than the largest (9), for the same size.
    static let memoryLevel: Int32 = 8

    private var stream = z_stream()
    private let file: TemporaryFile
    private var output = [UInt8](repeating: 0, count: 1 << 17)
    private(set) var crc: UInt32 = 0
    private(set) var uncompressedSize: Int64 = 0
    private var finished = false

    init(file: TemporaryFile) throws {
        self.file = file
        let result = deflateInit2_(&stream, Self.level, Z_DEFLATED, -MAX_WBITS, Self.memoryLevel, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                                   Int32(MemoryLayout<z_stream>.size))
        guard result == Z_OK else { throw DeflateError(code: result) }
    }

    deinit { deflateEnd(&stream) }

    var compressedSize: Int64 { file.size }

    /// Compresses `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        precondition(!finished, "deflater already finished")
        crc = UInt32(CZlib.crc32(uLong(crc), bytes.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
        uncompressedSize += Int64(bytes.count)
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        try run(Z_NO_FLUSH)
    }

    /// Ends the stream.
    func finish() throws {
        guard !finished else { return }
        finished = true
        stream.next_in = nil
        stream.avail_in = 0
        try run(Z_FINISH)
    }

    /// Copies the compressed data out.
    func copy(to output: FileOutput) throws {
        try file.copy(to: output)
    }

    private func run(_ flush: Int32) throws {
        try output.withUnsafeMutableBytes { buffer in
            let base = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            repeat {
                stream.next_out = base
                stream.avail_out = uInt(buffer.count)
                let result = deflate(&stream, flush)
                guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                    throw DeflateError(code: result)
                }
                let produced = buffer.count - Int(stream.avail_out)
                if produced > 0 { try file.write(UnsafeRawBufferPointer(rebasing: buffer[..<produced])) }
                if flush == Z_FINISH && result == Z_STREAM_END { return }
            } while stream.avail_out == 0 || (flush == Z_FINISH)
        }
    }

    /// Compresses bytes held in memory in one go: (compressed, crc).
    static func compress(_ bytes: [UInt8]) throws -> (data: [UInt8], crc: UInt32) {
        var stream = z_stream()
        var result = deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, memoryLevel, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                                   Int32(MemoryLayout<z_stream>.size))
        guard result == Z_OK else { throw DeflateError(code: result) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let crc = bytes.withUnsafeBufferPointer { input in
            UInt32(CZlib.crc32(0, input.baseAddress, uInt(input.count)))
        }
        var input = bytes
        let produced = input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                result = deflate(&stream, Z_FINISH)
                return out.count - Int(stream.avail_out)
            }
        }
        guard result == Z_STREAM_END else { throw DeflateError(code: result) }
        output.removeSubrange(produced...)
        return (output, crc)
    }
}

/// zlib refused or failed.
struct DeflateError: Error, CustomStringConvertible {
    var code: Int32
    var description: String { "deflate failed (zlib \(code))" }
}
