/// Reads a Word (Office Open XML) document: `word/document.xml` → paragraphs and table grids as text.
///
/// Headers, footers, comments and footnotes live in other parts of the package and are not read; deleted
/// (tracked) text and field instructions inside the body are skipped (`DOCXDocumentParser`).
public enum DOCXReader {
    /// The document's text, or why it cannot be read.
    public static func read(_ bytes: [UInt8]) -> ReaderOutput {
        read(bytes, limits: DOCXPackage.Limits())
    }

    /// The document's text with other limits on the ZIP container.
    static func read(_ bytes: [UInt8], limits: DOCXPackage.Limits) -> ReaderOutput {
        do {
            let package = try DOCXPackage(bytes, limits: limits)
            let name = mainPart(of: package)
            guard let entry = package.entry(named: name) else {
                return .rejected(reason: DOCXPackage.Failure.missingPart(name).reason)
            }
            let xml = try package.contents(of: entry)
            do {
                return .text(try DOCXDocumentParser.text(of: xml), encoding: nil)
            } catch {
                return .rejected(reason: error.reason)
            }
        } catch {
            return .rejected(reason: error.reason)
        }
    }

    /// The main document part named by the package relationships (`_rels/.rels`), `word/document.xml` when
    /// they name none.
    static func mainPart(of package: DOCXPackage) -> String {
        let standard = "word/document.xml"
        guard let rels = package.entry(named: "_rels/.rels"), rels.uncompressedSize <= 1 << 20,
              let bytes = try? package.contents(of: rels) else { return standard }
        return bytes.withUnsafeBufferPointer { officeDocumentTarget($0) } ?? standard
    }

    /// The `Target` of the first relationship (the markup between one `<` and the next, the first piece left
    /// out) whose type ends in `/officeDocument`, without leading slashes; nil when there is none.
    static func officeDocumentTarget(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let n = b.count
        var pieceStart = 0
        var skippedFirst = false
        while pieceStart <= n {
            var pieceEnd = pieceStart
            while pieceEnd < n && b[pieceEnd] != UInt8(ascii: "<") { pieceEnd += 1 }
            defer { pieceStart = pieceEnd + 1 }
            guard pieceEnd > pieceStart else { continue }
            guard skippedFirst else {
                skippedFirst = true
                continue
            }
            let piece = UnsafeBufferPointer(rebasing: b[pieceStart..<pieceEnd])
            guard search(piece, "/officeDocument\"") != nil || search(piece, "/officeDocument'") != nil,
                  let found = search(piece, "Target=") else { continue }
            var i = found + 7
            guard i < piece.count else { continue }
            // The opening quote, or whatever one character stands there.
            i += 1
            while i < piece.count && piece[i] & 0xC0 == 0x80 { i += 1 }
            var end = i
            while end < piece.count && piece[end] != UInt8(ascii: "\"") && piece[end] != UInt8(ascii: "'") { end += 1 }
            guard end < piece.count else { continue }
            while i < end && piece[i] == UInt8(ascii: "/") { i += 1 }
            if i < end { return String(decoding: UnsafeBufferPointer(rebasing: piece[i..<end]), as: UTF8.self) }
        }
        return nil
    }

    /// The index of the first occurrence of `needle` in `b`.
    private static func search(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard b.count >= count else { return nil }
        let p = needle.utf8Start
        var i = 0
        while i + count <= b.count {
            if b[i] == p[0] {
                var k = 1
                while k < count && b[i + k] == p[k] { k += 1 }
                if k == count { return i }
            }
            i += 1
        }
        return nil
    }
}
