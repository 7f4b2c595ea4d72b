/// Builds a message or quote as UTF-8 bytes and makes one `String` at the end: appending many short pieces to a
/// `String` costs far more per piece than appending their bytes.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends a string's UTF-8 bytes.
    mutating func append(_ s: String) {
        let lent: Void? = s.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if case .none = lent { bytes.append(contentsOf: s.utf8) }
    }

    /// Appends an integer in decimal, as `String(n)` writes it.
    mutating func append(_ n: Int) {
        append(String(n))
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// The text built so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
