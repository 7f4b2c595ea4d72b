import ReportModel
import Testing
@testable import ReportStore

@Suite struct PackedCellsTests {
    static let cells: [(nameID: Int64, cell: Cell)] = [
        (1, Cell(raw: "5", kind: .number, value: .integer(5))),
        (2, Cell(raw: "0", kind: .zero, value: .integer(0))),
        (3, Cell(raw: "-12", kind: .number, value: .integer(-12))),
        (4, Cell(raw: "1,234件", kind: .number, value: .integer(1234), unit: "件")),
        (5, Cell(raw: "12.50", kind: .number, value: .decimal(12.5))),
        (6, Cell(raw: "3", kind: .number, value: .decimal(3))),
        (7, Cell(raw: "", kind: .empty)),
        (8, Cell(raw: "—", kind: .na)),
        (9, .missing),
        (200, .inferred(.integer(Int64.max))),
        (300, Cell(raw: String(Int64.min), kind: .number, value: .integer(Int64.min))),
        (70_000, Cell(raw: "见附件", kind: .text)),
    ]

    @Test func everyCellComesBackExactly() {
        let blob = PackedCells.encode(Self.cells)
        var decoded: [(Int64, Cell)] = []
        let intact = blob.withUnsafeBytes { bytes in
            PackedCells.forEach(bytes) { decoded.append((Int64($0.nameID), $0.cell)) }
        }
        #expect(intact)
        #expect(decoded.map(\.0) == Self.cells.map(\.nameID))
        #expect(decoded.map(\.1) == Self.cells.map(\.cell))
    }

    @Test func printedNumbersAreNotStoredTwice() {
        let plain = PackedCells.encode([(1, Cell(raw: "123456", kind: .number, value: .integer(123_456)))])
        let spaced = PackedCells.encode([(1, Cell(raw: "123 456", kind: .number, value: .integer(123_456)))])
        #expect(plain.count < spaced.count)
    }

    @Test func aDamagedBlobIsDetected() {
        var blob = PackedCells.encode(Self.cells)
        blob.removeLast(2)
        let intact = blob.withUnsafeBytes { PackedCells.forEach($0) { _ in } }
        #expect(!intact)
    }
}
