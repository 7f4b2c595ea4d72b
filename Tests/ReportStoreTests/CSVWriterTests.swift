import Testing
@testable import ReportStore

@Suite struct CSVWriterTests {
    static func csv(_ rows: [[String]], bom: Bool = false, threshold: Int = 1 << 16) throws -> (String, Int) {
        var chunks: [[UInt8]] = []
        let writer = CSVWriter(byteOrderMark: bom, flushThreshold: threshold) { chunks.append($0) }
        for row in rows { try writer.writeRow(row) }
        try writer.flush()
        return (String(decoding: chunks.flatMap { $0 }, as: UTF8.self), chunks.count)
    }

    @Test func quotesOnlyWhatRFC4180Requires() throws {
        let (text, _) = try Self.csv([["a", "b,c", "say \"hi\"", "line\nbreak", "cr\r", "", "昆吾办"]])
        #expect(text == "a,\"b,c\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\r\",,昆吾办\r\n")
    }

    @Test func byteOrderMarkIsOptional() throws {
        #expect(try Self.csv([["x"]], bom: true).0 == "\u{FEFF}x\r\n")
        #expect(try Self.csv([["x"]]).0 == "x\r\n")
    }

    @Test func largeOutputArrivesInChunks() throws {
        let rows = Array(repeating: ["0123456789"], count: 100)
        let (text, chunks) = try Self.csv(rows, threshold: 120)
        #expect(text.utf8.count == 100 * 12)
        #expect(chunks >= 9)
    }
}
