/// What a file is, decided from its content (magic bytes, ZIP members, markup), never from its name.
public enum DocumentFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case txt
    case html
    case docx
    case pdf
    /// Word 97–2003 (`.doc`) or WPS: an OLE2 compound file.
    case doc
    /// Recognised, but not a report format: images, archives, executables, empty files.
    case unsupported
}
