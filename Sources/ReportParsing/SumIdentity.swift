/// An arithmetic identity of a table over cell slots: the sum of `lhs` equals the sum of `rhs`.
struct SumIdentity: Sendable {
    let lhs: [Int]
    let rhs: [Int]
    /// Every slot the identity touches.
    let slots: [Int]

    init(lhs: [Int], rhs: [Int]) {
        self.lhs = lhs
        self.rhs = rhs
        self.slots = lhs + rhs
    }
}
