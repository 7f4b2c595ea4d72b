import ArgumentParser
import ControlProtocol
import ReportModel

extension GovReportCtl {
    /// `govreportctl compare BODY`: one body's current reports side by side across years.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one body's reports side by side across years, with the changes.",
            discussion: """
                Examples:
                  govreportctl compare 青丘办
                  govreportctl compare 青丘办 --json | jq '.cells[] | select(.table == "t3")'

                Every table cell any of the body's current reports has, one column per year (oldest first), \
                labelled by its printed labels and its canonical key. After each year's value, the change \
                from the year before: ↑3, ↓12, or = when unchanged. — marks a year whose report lacks the cell.

                """ + ExitStatus.helpText
        )

        @OptionGroup var options: DaemonOptions

        @Argument(help: "The body (机关), as in `govreportctl jobs`.")
        var body: String

        func run() throws {
            let result = try options.withClient {
                try $0.call(.compare(CompareRequest(body: body)), as: CompareResult.self)
            }
            if options.json {
                try printJSON(result)
            } else {
                print(Self.render(result, palette: .forStandardOutput))
            }
        }

        /// The text for people: a header line, then one aligned row per cell.
        static func render(_ result: CompareResult, palette: Palette) -> String {
            var table = TextTable(header: ["项目", "键"] + result.years.map { "\($0)" })
            for cell in result.cells {
                var row = [TextTable.Cell(cell.label), TextTable.Cell("\(cell.table).\(cell.row).\(cell.column)", .dim)]
                for value in cell.values {
                    var text = value.raw.map { $0.isEmpty ? "—" : $0 } ?? "—"
                    var style: Palette.Style?
                    if let change = value.change {
                        let marked = Self.mark(change)
                        text += " " + marked.text
                        style = marked.style
                    }
                    row.append(TextTable.Cell(text, style))
                }
                table.append(row)
            }
            return palette.apply(.bold, result.body) + "  " + result.years.map(String.init).joined(separator: "、")
                + "\n" + table.render(palette)
        }

        /// `↑3`, `↓12` or `=` for a change, and its colour.
        static func mark(_ change: CellValue) -> (text: String, style: Palette.Style?) {
            let amount = change.doubleValue
            if amount > 0 { return ("↑" + change.description, .green) }
            if amount < 0 {
                let magnitude: CellValue = switch change {
                case .integer(let n): .integer(-n)
                case .decimal(let d): .decimal(-d)
                }
                return ("↓" + magnitude.description, .red)
            }
            return ("=", nil)
        }
    }
}
