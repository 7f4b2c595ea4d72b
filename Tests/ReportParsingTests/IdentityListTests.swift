@testable import ReportParsing
import Testing

@Suite("identity list")
struct IdentityListTests {
    /// total (slot 0) = a + b (slots 1, 2); a = c (slots 1, 3).
    static let list = IdentityList([SumIdentity(lhs: [0], rhs: [1, 2]), SumIdentity(lhs: [1], rhs: [3])])

    /// Runs `infer` on the values (nil = unknown) and returns the result and the values after it.
    func infer(_ list: IdentityList, _ values: [Int64?], opaque: [Bool]? = nil, mustCheck: [Bool]? = nil)
        -> (Bool, [Int64?]) {
        var flat = values.map { $0 ?? IdentityList.unknown }
        let opaque = opaque ?? [Bool](repeating: false, count: values.count)
        let ok = flat.withUnsafeMutableBufferPointer { v in
            opaque.withUnsafeBufferPointer { o in
                if let mustCheck {
                    return mustCheck.withUnsafeBufferPointer { list.infer(v.baseAddress!, opaque: o.baseAddress!, mustCheck: $0.baseAddress!) }
                }
                return list.infer(v.baseAddress!, opaque: o.baseAddress!, mustCheck: nil)
            }
        }
        return (ok, flat.map { $0 == IdentityList.unknown ? nil : $0 })
    }

    @Test("an identity with one unknown fills it, and the filled value feeds the next identity")
    func fillsChains() {
        let (ok, values) = infer(Self.list, [10, nil, 4, nil])
        #expect(ok)
        #expect(values == [10, 6, 4, 6])
    }

    @Test("a negative count or a broken identity fails; mustCheck limits which identities are checked")
    func failures() {
        #expect(infer(Self.list, [3, nil, 4, nil]).0 == false)
        #expect(infer(Self.list, [10, 6, 4, 5]).0 == false)
        // Only the second identity touches slot 3: with slot 3 exempt, its failure is forgiven.
        #expect(infer(Self.list, [10, 6, 4, 5], mustCheck: [true, true, true, false]).0 == false)
        #expect(infer(Self.list, [10, 6, 4, 5], mustCheck: [false, false, false, false]).0 == true)
    }

    @Test("an opaque unknown blocks the identities it is in")
    func opaqueBlocks() {
        let (ok, values) = infer(Self.list, [10, nil, nil, 7], opaque: [false, false, true, false])
        #expect(ok)
        #expect(values == [10, 7, nil, 7])
    }

    @Test("within keeps the identities inside a range, renumbered from its start")
    func within() {
        let inner = Self.list.within(1..<4)
        #expect(inner.count == 1)
        #expect(inner.terms == [0, 2])
        #expect(inner.bounds == [0, 1, 2])
        #expect(Self.list.within(0..<3).count == 1)
        #expect(Self.list.within(2..<4).isEmpty)
    }
}
