public import ReportModel

/// One canonical cell of a report as an export lays it out: its number, what was printed when there is no
/// number, or nothing when the report has no such cell. The text points into the row being read and is
/// valid only during the callback that hands it over.
public enum PrintedCell {
    /// The report has no such cell.
    case absent
    /// The cell's number.
    case value(CellValue)
    /// What was printed in a cell without a number (`—`, `/`, or empty), as UTF-8.
    case text(UnsafeRawBufferPointer)
}
