import ControlProtocol
import Testing

/// Unescaping the body of a JSON string from bytes, as the row scanner and the client's chunk reader do.
struct JSONStringBodyTests {
    /// The unescaped text and the index after the closing quote, for a body given without its opening quote.
    static func unescape(_ body: String) -> (text: String, end: Int)? {
        var out: [UInt8] = []
        let bytes = Array(body.utf8)
        guard let end = bytes.withUnsafeBytes({ JSONStringBody.unescape($0, from: 0, into: &out) }) else { return nil }
        return (String(decoding: out, as: UTF8.self), end)
    }

    @Test func decodesEveryEscapeAndStopsAfterTheClosingQuote() throws {
        let result = try #require(Self.unescape(#"a\"b\\c\/d\b\f\n\r\t\u4E2D\uD83D\uDE00e" tail"#))
        #expect(result.text == "a\"b\\c/d\u{08}\u{0C}\n\r\t中😀e")
        #expect(result.end == #"a\"b\\c\/d\b\f\n\r\t\u4E2D\uD83D\uDE00e""#.utf8.count)
    }

    @Test func plainTextPassesThrough() throws {
        let result = try #require(Self.unescape("昆吾办\",1]"))
        #expect(result.text == "昆吾办")
        #expect(result.end == "昆吾办\"".utf8.count)
    }

    @Test func aLoneSurrogateBecomesTheReplacementCharacter() throws {
        #expect(try #require(Self.unescape(#"x\uD800y""#)).text == "x\u{FFFD}y")
    }

    @Test func malformedStringsAreRefused() {
        #expect(Self.unescape("no closing quote") == nil)
        #expect(Self.unescape("raw\ttab\"") == nil)
        #expect(Self.unescape(#"bad \x escape""#) == nil)
        #expect(Self.unescape(#"short \u12""#) == nil)
        #expect(Self.unescape(#"not hex \u12G4""#) == nil)
        #expect(Self.unescape(#"ends in \"#) == nil)
    }
}
