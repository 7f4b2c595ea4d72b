import ControlProtocol
import Foundation
import Testing

/// Chunk lines written directly (the export's hot path) read back through the JSON decoder like the ones the
/// encoder writes.
@Suite("chunk line")
struct ChunkLineTests {
    @Test("escapes, Chinese and emoji read back exactly, in one line")
    func roundTrip() throws {
        let text = "body,year\r\n[\"report\",\"昆吾办\",\"a\\\\b\"]\n\u{01}\u{1F}\t/😀 end"
        let line = try #require(ChunkLine.line(id: 42, data: Array(text.utf8)))
        #expect(line.last == 0x0A)
        #expect(line.filter { $0 == 0x0A }.count == 1)
        let decoded = try ControlJSON.decoder.decode(ResponseLine.self, from: Data(line.dropLast()))
        #expect(decoded.type == .chunk)
        #expect(decoded.id == 42)
        #expect(decoded.data == text)
        let encoded = try ControlJSON.line(ChunkLine(id: 42, data: text))
        #expect(line == encoded, "the same bytes as the JSON encoder")
    }

    @Test("bytes that are not UTF-8 get no line (the caller falls back to the encoder)")
    func invalidUTF8() {
        #expect(ChunkLine.line(id: 1, data: [0x61, 0xFF, 0x62]) == nil)
        #expect(ChunkLine.line(id: 1, data: [0xE6, 0x98]) == nil, "a cut sequence")
        #expect(ChunkLine.line(id: 1, data: []) == Array(#"{"data":"","id":1,"type":"chunk"}"#.utf8) + [0x0A])
    }
}
