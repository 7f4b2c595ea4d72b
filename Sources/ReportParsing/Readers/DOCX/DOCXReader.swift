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
        let text = String(decoding: bytes, as: UTF8.self)
        for relationship in text.split(separator: "<").dropFirst()
        where relationship.contains("/officeDocument\"") || relationship.contains("/officeDocument'") {
            guard let range = relationship.firstRange(of: "Target=") else { continue }
            let rest = relationship[range.upperBound...].dropFirst()
            guard let end = rest.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { continue }
            var target = String(rest[..<end])
            while target.hasPrefix("/") { target.removeFirst() }
            if !target.isEmpty { return target }
        }
        return standard
    }
}
