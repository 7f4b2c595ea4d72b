/// Writes RFC 4180 CSV (fields quoted when they hold a comma, quote, CR or LF; records end with CRLF) in
/// chunks to a sink, so that output of any size streams with flat memory.
public final class CSVWriter {
    // Only this class touches these, one call at a time: skip the run-time exclusivity checks on the hot path.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var fieldsInRow = 0
    private let flushThreshold: Int
    private let sink: ([UInt8]) throws -> Void

    /// - Parameters:
    ///   - byteOrderMark: start with a UTF-8 BOM (for spreadsheet programs that guess the encoding otherwise).
    ///   - sink: receives the output in chunks of about `flushThreshold` bytes, in order.
    public init(byteOrderMark: Bool = false, flushThreshold: Int = 1 << 16, sink: @escaping ([UInt8]) throws -> Void) {
        self.flushThreshold = flushThreshold
        self.sink = sink
        buffer.reserveCapacity(flushThreshold + 4096)
        if byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// Writes one record.
    public func writeRow(_ fields: [String]) throws {
        for field in fields { writeField(field) }
        try endRow()
    }

    /// Appends a field to the current record.
    public func writeField(_ field: String) {
        var field = field
        field.withUTF8 { writeField(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends an empty field.
    public func writeEmptyField() {
        separate()
    }

    /// Appends a field given as UTF-8 bytes, quoting it if needed.
    public func writeField(bytes: UnsafeRawBufferPointer) {
        separate()
        if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            buffer.append(0x22)
            for byte in bytes {
                if byte == 0x22 { buffer.append(0x22) }
                buffer.append(byte)
            }
            buffer.append(0x22)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Appends an integer field.
    public func writeIntegerField(_ value: Int64) {
        separate()
        PackedCells.appendDecimal(value, to: &buffer)
    }

    /// Ends the current record.
    public func endRow() throws {
        buffer.append(0x0D)
        buffer.append(0x0A)
        fieldsInRow = 0
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Hands everything written so far to the sink.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer.removeAll(keepingCapacity: true)
        try sink(chunk)
    }

    private func separate() {
        if fieldsInRow > 0 { buffer.append(0x2C) }
        fieldsInRow += 1
    }
}
