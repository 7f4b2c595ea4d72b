/// An arithmetic identity of a table over cell slots: the sum of `lhs` equals the sum of `rhs`.
struct SumIdentity: Sendable {
    let lhs: [Int]
    let rhs: [Int]

    var slots: [Int] { lhs + rhs }
}
