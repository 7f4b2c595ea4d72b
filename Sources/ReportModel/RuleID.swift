/// The stable identifiers of the rules in the report model; tests, exports and scripts rely on them.
public enum RuleID {
    // Structure
    public static let docSections = "DOC-SECTIONS"
    public static let docTemplate = "DOC-TEMPLATE"
    public static let docYear = "DOC-YEAR"
    public static let docShapeT2 = "DOC-SHAPE-T2"
    public static let docShapeT3 = "DOC-SHAPE-T3"
    public static let docShapeT4 = "DOC-SHAPE-T4"
    public static let docEncoding = "DOC-ENCODING"
    public static let docFormat = "DOC-FORMAT"
    // Cells
    public static let cellNumeric = "CELL-NUMERIC"
    public static let cellInt = "CELL-INT"
    public static let cellNonNeg = "CELL-NONNEG"
    public static let cellNA = "CELL-NA"
    public static let cellTotalEmpty = "CELL-TOTAL-EMPTY"
    public static let cellUnit = "CELL-UNIT"
    // Table 三
    public static let t3Balance = "T3-BALANCE"
    public static let t3OutcomeSum = "T3-OUTCOME-SUM"
    public static let t3RowSum = "T3-ROW-SUM"
    // Table 四
    public static let t4Sum = "T4-SUM"
    // Table 二
    public static let t2InForce = "T2-INFORCE"
    public static let t2Published = "T2-PUBLISHED"
    public static let t2AmountUnit = "T2-AMOUNT-UNIT"
    // Text and tables
    public static let txtNew = "TXT-NEW"
    public static let txtCarry = "TXT-CARRY"
    public static let txtContradiction = "TXT-CONTRADICTION"
    public static let txtSec5Empty = "TXT-SEC5-EMPTY"
    public static let txtSec6Fee = "TXT-SEC6-FEE"
    // Across years
    public static let xCarry = "X-CARRY"
    public static let xInForce = "X-INFORCE"
    public static let xDuplicateText = "X-DUPLICATE-TEXT"
    public static let xJump = "X-JUMP"

    /// The shape rule for a table.
    public static func docShape(_ table: TableID) -> String {
        switch table {
        case .t2: docShapeT2
        case .t3: docShapeT3
        case .t4: docShapeT4
        }
    }
}
