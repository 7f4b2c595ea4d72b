/// Sum identities stored flat: every identity's slots in one array, so checking them walks two plain arrays
/// instead of an array of structs that each hold arrays.
struct IdentityList: Sendable {
    /// The slots of all identities, one after another.
    private(set) var terms: [Int] = []
    /// Identity k's left side is `terms[bounds[2k] ..< bounds[2k + 1]]`, its right side
    /// `terms[bounds[2k + 1] ..< bounds[2k + 2]]`.
    private(set) var bounds: [Int] = [0]

    init() {}

    /// The identities in order, their slots kept as they are.
    init(_ identities: [SumIdentity]) {
        for id in identities { append(lhs: id.lhs, rhs: id.rhs) }
    }

    var count: Int { (bounds.count - 1) / 2 }
    var isEmpty: Bool { bounds.count == 1 }

    /// Adds the identity sum(lhs) = sum(rhs).
    mutating func append(lhs: [Int], rhs: [Int]) {
        terms.append(contentsOf: lhs)
        bounds.append(terms.count)
        terms.append(contentsOf: rhs)
        bounds.append(terms.count)
    }

    /// The identities whose slots all lie in `range`, renumbered to positions from its start.
    func within(_ range: Range<Int>) -> IdentityList {
        var out = IdentityList()
        for k in 0..<count {
            let slots = terms[bounds[2 * k]..<bounds[2 * k + 2]]
            guard slots.allSatisfy(range.contains) else { continue }
            out.append(lhs: terms[bounds[2 * k]..<bounds[2 * k + 1]].map { $0 - range.lowerBound },
                       rhs: terms[bounds[2 * k + 1]..<bounds[2 * k + 2]].map { $0 - range.lowerBound })
        }
        return out
    }

    /// Value of a slot whose value is not known.
    static let unknown = Int64.min

    /// Fills unknown values (`unknown`) that an identity determines, and checks the identities (all of them, or those
    /// that touch a slot where `mustCheck` is true). False when an identity fails or would need a negative count.
    /// An opaque slot (text, fractions) without a value blocks the identities it is in.
    func infer(_ values: UnsafeMutablePointer<Int64>, opaque: UnsafePointer<Bool>,
               mustCheck: UnsafePointer<Bool>?) -> Bool {
        terms.withUnsafeBufferPointer { terms in
            bounds.withUnsafeBufferPointer { bounds in
                let count = (bounds.count - 1) / 2
                var changed = true
                while changed {
                    changed = false
                    for k in 0..<count {
                        let a = bounds[2 * k], m = bounds[2 * k + 1], b = bounds[2 * k + 2]
                        var unknownSlot = -1, unknownOnLeft = false, unknowns = 0
                        var left: Int64 = 0, right: Int64 = 0
                        var blocked = false
                        for t in a..<m {
                            let s = terms[t], v = values[s]
                            if v != IdentityList.unknown {
                                left += v
                            } else if opaque[s] {
                                blocked = true
                            } else {
                                unknowns += 1
                                unknownSlot = s
                                unknownOnLeft = true
                            }
                        }
                        for t in m..<b {
                            let s = terms[t], v = values[s]
                            if v != IdentityList.unknown {
                                right += v
                            } else if opaque[s] {
                                blocked = true
                            } else {
                                unknowns += 1
                                unknownSlot = s
                                unknownOnLeft = false
                            }
                        }
                        if blocked { continue }
                        if unknowns == 1 {
                            let v = unknownOnLeft ? right - left : left - right
                            if v < 0 { return false }
                            values[unknownSlot] = v
                            changed = true
                        } else if unknowns == 0, left != right {
                            guard let mustCheck else { return false }
                            for t in a..<b where mustCheck[terms[t]] { return false }
                        }
                    }
                    // A single identity is settled by one pass: filling its only unknown makes it hold.
                    if count == 1 { break }
                }
                return true
            }
        }
    }
}
