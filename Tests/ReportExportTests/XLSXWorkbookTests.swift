import Foundation
@testable import ReportExport
import Testing

/// The XLSX writer on its own: cell XML (escapes, whitespace, gaps without `r`, shared strings, styles) read
/// back by openpyxl, and the ZIP container checked by Python's `zipfile` (CRCs, ZIP64).
@Suite("XLSX workbook")
struct XLSXWorkbookTests {
    /// Writes one sheet of test rows; returns what openpyxl and zipfile make of it.
    static func writeAndRead(forceZip64: Bool = false, sharedStrings: SharedStrings = SharedStrings()) throws
        -> [String: Any] {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("cells.xlsx")
            let workbook = try XLSXWorkbook(temporaryDirectory: dir, sharedStrings: sharedStrings)
            workbook.forceZip64 = forceZip64
            let sheet = try workbook.addSheet("单元格", columnWidths: [10, 20], frozenRows: 1)
            try workbook.append([.text("a&b<c>\"d\""), .empty, .number(1.5), .shared("共享"), .text("  lead"),
                                 .text("ctl\u{01}x\u{FFFF}y")], to: sheet)
            try workbook.append([.shared("共享"), .empty, .empty, .number(-3), .header("头"), .shared("第二")], to: sheet)
            try workbook.append([], to: sheet)
            try workbook.append([.number(1e20), .number(.nan), .number(42), .shared("第三"), .text("多\n行")], to: sheet)
            workbook.merge(sheet, row: 2, column: 0, columns: 2)
            try workbook.write(to: url)
            // The directory holds only the workbook: scratch files have no names.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["cells.xlsx"])

            let script = """
            import json, sys, zipfile, openpyxl
            z = zipfile.ZipFile(sys.argv[1])
            bad = z.testzip()
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["单元格"]
            rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=4, max_col=6)]
            print(json.dumps({"bad": bad, "names": z.namelist(), "rows": rows, "bold": ws["E2"].font.b,
                              "merged": [str(r) for r in ws.merged_cells.ranges], "max_row": ws.max_row,
                              "frozen": ws.freeze_panes, "types": [ws["C1"].data_type, ws["D1"].data_type]},
                             ensure_ascii=False))
            """
            let output = try run(ReportWorkbookTests.python, ["-c", script, url.path])
            #expect(output.status == 0, "\(output.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        }
    }

    static func checkCells(_ read: [String: Any]) throws {
        #expect(read["bad"] is NSNull, "every entry's CRC matches")
        let rows = try #require(read["rows"] as? [[Any]])
        #expect(rows.count == 4)
        #expect(rows[0][0] as? String == "a&b<c>\"d\"")
        #expect(rows[0][1] is NSNull)
        #expect(rows[0][2] as? Double == 1.5)
        #expect(rows[0][3] as? String == "共享")
        #expect(rows[0][4] as? String == "  lead", "leading spaces are kept")
        #expect(rows[0][5] as? String == "ctlxy", "characters XML forbids are dropped")
        #expect(rows[1][0] as? String == "共享")
        #expect(rows[1][1] is NSNull && rows[1][2] is NSNull, "a gap leaves cells empty")
        #expect(rows[1][3] as? Int == -3, "the cell after a gap lands in its own column")
        #expect(rows[1][4] as? String == "头")
        #expect(rows[1][5] as? String == "第二")
        #expect(rows[2].allSatisfy { $0 is NSNull }, "an empty row keeps its place")
        #expect(rows[3][0] as? Double == 1e20)
        #expect(rows[3][1] is NSNull, "NaN is left out")
        #expect(rows[3][2] as? Int == 42)
        #expect(rows[3][3] as? String == "第三")
        #expect(rows[3][4] as? String == "多\n行")
        #expect(read["max_row"] as? Int == 4)
        #expect(read["bold"] as? Bool == true)
        #expect(read["merged"] as? [String] == ["A3:B3"])
        #expect(read["frozen"] as? String == "A2")
        #expect(read["types"] as? [String] == ["n", "s"])
    }

    @Test("cells read back in openpyxl: escapes, whitespace, gaps, numbers, shared strings, header style, merges")
    func cells() throws {
        let read = try Self.writeAndRead()
        try Self.checkCells(read)
        #expect((read["names"] as? [String])?.contains("xl/sharedStrings.xml") == true)
    }

    @Test("with ZIP64 fields the archive and the workbook still read back")
    func zip64() throws {
        try Self.checkCells(try Self.writeAndRead(forceZip64: true))
    }

    @Test("a full shared-string table writes further text in place, with the same values")
    func fullSharedStrings() throws {
        let read = try Self.writeAndRead(sharedStrings: SharedStrings(maxCount: 1))
        try Self.checkCells(read)
    }

    @Test("sheets of many buffers' worth, a cell larger than a buffer, two sheets at once: all rows read back in order")
    func largeSheets() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("large.xlsx")
            let workbook = try XLSXWorkbook(temporaryDirectory: dir)
            let numbers = try workbook.addSheet("数字")
            let texts = try workbook.addSheet("文字")
            let big = String(repeating: "大", count: 300_000)  // 900 KB of UTF-8: more than one buffer
            let rows = 30_000
            for row in 0..<rows {
                try workbook.append((0..<10).map { .number(Double(row * 10 + $0)) }, to: numbers)
                if row % 1_000 == 0 { try workbook.append([.shared("行\(row % 3)"), .text(row == 15_000 ? big : "r\(row)")], to: texts) }
            }
            try workbook.write(to: url)
            let output = try run(ReportWorkbookTests.python, ["-c", """
                import json, sys, zipfile, openpyxl
                z = zipfile.ZipFile(sys.argv[1])
                sizes = {i.filename: i.file_size for i in z.infolist()}
                wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
                total, count, ordered, last = 0, 0, True, -1
                for row in wb["数字"].iter_rows(values_only=True):
                    for v in row:
                        ordered = ordered and v == last + 1
                        last = v
                        total += v
                        count += 1
                texts = [list(r) for r in wb["文字"].iter_rows(values_only=True)]
                print(json.dumps({"bad": z.testzip(), "size": sizes["xl/worksheets/sheet1.xml"], "count": count,
                                  "total": total, "ordered": ordered, "texts": len(texts),
                                  "big": len(texts[15][1]), "first": texts[0]}, ensure_ascii=False))
                """, url.path])
            #expect(output.status == 0, "\(output.stderr)")
            let read = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            #expect(read["bad"] is NSNull)
            #expect((read["size"] as? Int ?? 0) > 4 * XLSXSheet.flushThreshold, "the sheet went through several buffers")
            #expect(read["count"] as? Int == rows * 10)
            #expect(read["total"] as? Int == (rows * 10 - 1) * rows * 10 / 2)
            #expect(read["ordered"] as? Bool == true)
            #expect(read["texts"] as? Int == rows / 1_000)
            #expect(read["big"] as? Int == 300_000)
            #expect(read["first"] as? [String] == ["行0", "r0"])
        }
    }

    @Test("a workbook with no shared text has no shared-strings part")
    func noSharedStrings() throws {
        try withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("plain.xlsx")
            let workbook = try XLSXWorkbook(temporaryDirectory: dir)
            let sheet = try workbook.addSheet("S")
            try workbook.append([.number(1), .text("x")], to: sheet)
            try workbook.write(to: url)
            let output = try run(ReportWorkbookTests.python, ["-c", """
                import sys, zipfile, openpyxl
                print(sorted(zipfile.ZipFile(sys.argv[1]).namelist()))
                print(openpyxl.load_workbook(sys.argv[1])["S"]["B1"].value)
                """, url.path])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(!output.stdout.contains("sharedStrings"))
            #expect(output.stdout.hasSuffix("x\n"))
        }
    }
}
