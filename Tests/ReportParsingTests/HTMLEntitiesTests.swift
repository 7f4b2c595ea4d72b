@testable import ReportParsing
import Testing

@Suite("HTML character references")
struct HTMLEntitiesTests {
    @Test("named references", arguments: [
        ("&nbsp;", "\u{00A0}"), ("&ensp;", "\u{2002}"), ("&emsp;", "\u{2003}"), ("&ldquo;", "“"), ("&rdquo;", "”"),
        ("&lsquo;", "‘"), ("&rsquo;", "’"), ("&mdash;", "—"), ("&hellip;", "…"), ("&middot;", "·"), ("&times;", "×"),
        ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"),
    ])
    func named(_ reference: String, _ text: String) {
        #expect(HTMLEntities.decode(reference) == text)
    }

    @Test("numeric references, decimal and hex")
    func numeric() {
        #expect(HTMLEntities.decode("&#20013;&#x56FD;&#X56fd;") == "中国国")
        #expect(HTMLEntities.decode("&#12298;条例&#x300B;") == "《条例》")
        #expect(HTMLEntities.decode("&#151;") == "—")  // Windows-1252 dash
        #expect(HTMLEntities.decode("&#0;&#xD800;&#99999999999;") == "\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(HTMLEntities.decode("&#49") == "1")
    }

    @Test("unknown names and bare ampersands stay as printed")
    func literal() {
        #expect(HTMLEntities.decode("A&B &unknown; &;") == "A&B &unknown; &;")
        #expect(HTMLEntities.decode("&#;&#x;") == "&#;&#x;")
    }

    @Test("legacy names without a semicolon")
    func legacy() {
        #expect(HTMLEntities.decode("&nbsp1&amp") == "\u{00A0}1&")
        #expect(HTMLEntities.decode("&ldquo") == "&ldquo")
    }
}
