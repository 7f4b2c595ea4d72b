/// A small set of Unicode scalar values: a 64-bit filter, then a linear search. For a few dozen members
/// that beats hashing by far.
struct ScalarSet: Sendable {
    private let members: [UInt32]
    private let filter: UInt64

    /// The scalars of a string literal: `ScalarSet("，。；")`.
    init(_ scalars: String) {
        var members: [UInt32] = []
        var filter: UInt64 = 0
        for scalar in scalars.unicodeScalars where !members.contains(scalar.value) {
            members.append(scalar.value)
            filter |= 1 << (scalar.value & 63)
        }
        self.members = members
        self.filter = filter
    }

    @inline(__always)
    func contains(_ value: UInt32) -> Bool {
        guard filter & (1 << (value & 63)) != 0 else { return false }
        for member in members where member == value { return true }
        return false
    }
}
