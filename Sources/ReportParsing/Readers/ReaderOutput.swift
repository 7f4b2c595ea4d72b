/// What a format reader got out of a file: text for the shared text pipeline, or why there is none.
public enum ReaderOutput: Sendable, Hashable {
    /// The document as text: paragraphs one per line, each table row one line with cells apart by tabs
    /// (`TextGrid.render`). `encoding` is the character set the reader decoded, when there was one.
    case text(String, encoding: String?)
    /// Not readable as a report; `reason` says why in Chinese, for a `DOC-FORMAT` finding. `permanent` is false
    /// when trying again later may help (a converter that timed out on a loaded machine).
    case rejected(reason: String, permanent: Bool = true)
}
