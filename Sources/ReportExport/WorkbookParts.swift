/// The fixed XML parts of a workbook: content types, relationships, the workbook and its styles.
enum WorkbookParts {
    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let relationshipNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(sheetCount: Int, sharedStrings: Bool) -> String {
        var xml = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" "
        xml += "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        xml += "<Override PartName=\"/xl/styles.xml\" "
        xml += "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for index in stride(from: 1, through: sheetCount, by: 1) {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" "
            xml += "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        if sharedStrings {
            xml += "<Override PartName=\"/xl/sharedStrings.xml\" "
            xml += "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        }
        return xml + "</Types>"
    }

    static let packageRelationships = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipNS)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    static func workbook(sheetNames: [String]) -> String {
        var xml = header + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        xml += "xmlns:r=\"\(relationshipNS)\"><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml += "<sheet name=\"\(XMLText.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    static func workbookRelationships(sheetCount: Int, sharedStrings: Bool) -> String {
        var xml = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 0..<sheetCount {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationshipNS)/worksheet\" "
            xml += "Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipNS)/styles\" Target=\"styles.xml\"/>"
        if sharedStrings {
            xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationshipNS)/sharedStrings\" "
            xml += "Target=\"sharedStrings.xml\"/>"
        }
        return xml + "</Relationships>"
    }

    /// Style 0: plain; style 1: header (bold, thin border, centred, wrapped).
    static let styles = header
        + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><charset val=\"134\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        + "<border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/><diagonal/></border>"
        + "</borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\" "
        + "applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"
}
