import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a ZIP archive front to back, without seeking: each entry's local header (with its CRC-32 and sizes,
/// known beforehand), its deflated data, and at the end the central directory. ZIP64 fields are written where
/// a size or an offset does not fit in 32 bits.
final class ZIPWriter {
    private struct Record {
        var name: [UInt8]
        var crc: UInt32
        var compressedSize: Int64
        var uncompressedSize: Int64
        var offset: Int64
    }

    private let output: FileOutput
    private let forceZip64: Bool
    private var records: [Record] = []
    private let time: UInt16
    private let date: UInt16

    /// - Parameter forceZip64: write ZIP64 fields even where the values fit (for tests).
    init(output: FileOutput, forceZip64: Bool = false) {
        self.output = output
        self.forceZip64 = forceZip64
        var now = Glibc.time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        time = UInt16(parts.tm_hour << 11 | parts.tm_min << 5 | parts.tm_sec / 2)
        date = UInt16(max(0, parts.tm_year - 80) << 9 | (parts.tm_mon + 1) << 5 | parts.tm_mday)
    }

    /// Adds an entry whose data is in memory.
    func add(_ name: String, bytes: [UInt8]) throws {
        let (data, crc) = try Deflater.compress(bytes)
        try header(name, crc: crc, compressedSize: Int64(data.count), uncompressedSize: Int64(bytes.count))
        try output.write(data)
    }

    /// Adds an entry whose data a finished ``Deflater`` holds.
    func add(_ name: String, deflated: Deflater) throws {
        try header(name, crc: deflated.crc, compressedSize: deflated.compressedSize,
                   uncompressedSize: deflated.uncompressedSize)
        try deflated.copy(to: output)
    }

    /// Writes the central directory; the archive is complete.
    func finish() throws {
        let start = output.offset
        for record in records {
            let sizes = needsZip64(record.uncompressedSize) || needsZip64(record.compressedSize)
            let offset = needsZip64(record.offset)
            var extra: [UInt8] = []
            if sizes || offset {
                var fields: [UInt8] = []
                if sizes {
                    Self.append64(record.uncompressedSize, to: &fields)
                    Self.append64(record.compressedSize, to: &fields)
                }
                if offset { Self.append64(record.offset, to: &fields) }
                Self.append16(0x0001, to: &extra)
                Self.append16(UInt16(fields.count), to: &extra)
                extra += fields
            }
            var bytes: [UInt8] = []
            Self.append32(0x0201_4B50, to: &bytes)
            Self.append16(45, to: &bytes)  // made by: 4.5, MS-DOS attributes
            Self.append16(sizes || offset ? 45 : 20, to: &bytes)
            Self.append16(0, to: &bytes)
            Self.append16(8, to: &bytes)
            Self.append16(time, to: &bytes)
            Self.append16(date, to: &bytes)
            Self.append32(record.crc, to: &bytes)
            Self.append32(sizes ? 0xFFFF_FFFF : UInt32(record.compressedSize), to: &bytes)
            Self.append32(sizes ? 0xFFFF_FFFF : UInt32(record.uncompressedSize), to: &bytes)
            Self.append16(UInt16(record.name.count), to: &bytes)
            Self.append16(UInt16(extra.count), to: &bytes)
            Self.append16(0, to: &bytes)  // comment
            Self.append16(0, to: &bytes)  // disk
            Self.append16(0, to: &bytes)  // internal attributes
            Self.append32(0, to: &bytes)  // external attributes
            Self.append32(offset ? 0xFFFF_FFFF : UInt32(record.offset), to: &bytes)
            bytes += record.name
            bytes += extra
            try output.write(bytes)
        }
        let size = output.offset - start
        var end: [UInt8] = []
        let zip64 = needsZip64(start) || needsZip64(size) || records.count >= 0xFFFF
        if zip64 {
            let recordOffset = output.offset
            Self.append32(0x0606_4B50, to: &end)
            Self.append64(44, to: &end)
            Self.append16(45, to: &end)
            Self.append16(45, to: &end)
            Self.append32(0, to: &end)
            Self.append32(0, to: &end)
            Self.append64(Int64(records.count), to: &end)
            Self.append64(Int64(records.count), to: &end)
            Self.append64(size, to: &end)
            Self.append64(start, to: &end)
            Self.append32(0x0706_4B50, to: &end)
            Self.append32(0, to: &end)
            Self.append64(recordOffset, to: &end)
            Self.append32(1, to: &end)
        }
        Self.append32(0x0605_4B50, to: &end)
        Self.append16(0, to: &end)
        Self.append16(0, to: &end)
        Self.append16(zip64 ? 0xFFFF : UInt16(records.count), to: &end)
        Self.append16(zip64 ? 0xFFFF : UInt16(records.count), to: &end)
        Self.append32(zip64 ? 0xFFFF_FFFF : UInt32(size), to: &end)
        Self.append32(zip64 ? 0xFFFF_FFFF : UInt32(start), to: &end)
        Self.append16(0, to: &end)
        try output.write(end)
    }

    private func header(_ name: String, crc: UInt32, compressedSize: Int64, uncompressedSize: Int64) throws {
        let nameBytes = Array(name.utf8)
        records.append(Record(name: nameBytes, crc: crc, compressedSize: compressedSize,
                              uncompressedSize: uncompressedSize, offset: output.offset))
        let zip64 = needsZip64(compressedSize) || needsZip64(uncompressedSize)
        var bytes: [UInt8] = []
        Self.append32(0x0403_4B50, to: &bytes)
        Self.append16(zip64 ? 45 : 20, to: &bytes)
        Self.append16(0, to: &bytes)
        Self.append16(8, to: &bytes)  // deflate
        Self.append16(time, to: &bytes)
        Self.append16(date, to: &bytes)
        Self.append32(crc, to: &bytes)
        Self.append32(zip64 ? 0xFFFF_FFFF : UInt32(compressedSize), to: &bytes)
        Self.append32(zip64 ? 0xFFFF_FFFF : UInt32(uncompressedSize), to: &bytes)
        Self.append16(UInt16(nameBytes.count), to: &bytes)
        Self.append16(zip64 ? 20 : 0, to: &bytes)
        bytes += nameBytes
        if zip64 {
            Self.append16(0x0001, to: &bytes)
            Self.append16(16, to: &bytes)
            Self.append64(uncompressedSize, to: &bytes)
            Self.append64(compressedSize, to: &bytes)
        }
        try output.write(bytes)
    }

    private func needsZip64(_ value: Int64) -> Bool { forceZip64 || value >= 0xFFFF_FFFF }

    private static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    private static func append64(_ value: Int64, to bytes: inout [UInt8]) {
        let value = UInt64(bitPattern: value)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }
}
