import Foundation
import ReportModel
import Testing

@Suite struct CellEncodingTests {
    func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func printedNumberEncodesRawKindAndValue() throws {
        let cell = Cell(raw: "73", kind: .number, value: .integer(73))
        #expect(try json(cell) == #"{"kind":"number","raw":"73","value":73}"#)
    }

    @Test func missingCellHasNullValue() throws {
        #expect(try json(Cell.missing) == #"{"kind":"missing","raw":"","value":null}"#)
    }

    @Test func decimalAmountKeepsItsDigitsAndUnit() throws {
        let cell = Cell(raw: "6.8178万元", kind: .number, value: .decimal(6.8178), unit: "万元")
        #expect(try json(cell) == #"{"kind":"number","raw":"6.8178万元","unit":"万元","value":6.8178}"#)
    }

    @Test func inferredCellSaysSo() throws {
        #expect(try json(Cell.inferred(.integer(0))) == #"{"inferred":true,"kind":"zero","raw":"","value":0}"#)
    }

    @Test func reportRoundTripsThroughJSON() throws {
        var table = Table(allMissing: ReportTemplate.gov2021.t4)
        table["review", "total"] = Cell(raw: "3", kind: .number, value: .integer(3))
        let report = Report(file: "a.txt", template: .gov2021, year: 2022, body: "某区", status: .valid,
                            sections: [.s1: Section(heading: "一、总体情况", text: "无")], tables: [.t4: table])
        let data = try JSONEncoder().encode(report)
        let back = try JSONDecoder().decode(Report.self, from: data)
        #expect(back.value(.t4, "review", "total") == .integer(3))
        #expect(back.sections[.s1]?.heading == "一、总体情况")
        #expect(back.template == .gov2021)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["title"] is NSNull)
    }
}
