import CopcLanguage
import CopcFrench

/// Office Open XML SpreadsheetML (ECMA-376, transitional): the parts of a `.xlsx` package and
/// its stored ZIP. Strings are inline (`t="inlineStr"`) with the text format `@`, so a
/// spreadsheet never reads them as numbers or dates; numbers are `<v>` with a format of their
/// own; dates are serial numbers (days since 1899-12-30) with the format `dd/mm/yyyy`. Each
/// sheet has its header row frozen (with its `frozenColumns`), an autofilter on it, its
/// columns sized from their contents, and prints in landscape, one page wide, the header
/// repeated on each page. The same workbook gives the same bytes.
extension Workbook {
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkgRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"
    /// The serial number of 1970-01-01 (1899-12-30 is 0).
    static let epoch = 25569
    /// Serial numbers before 1 March 1900 are off by one in Excel (its 29 February 1900).
    static let firstSafeSerial = 61
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxText = 32_767
    /// The widest a column is made from its contents; longer texts wrap.
    static let maxWidth = 60.0

    /// The `.xlsx` file.
    public func xlsx() throws(SheetError) -> [UInt8] {
        var styles = StyleTable()
        var zip = ZipArchive()
        var names: [String] = []
        for s in sheets { names.append(Workbook.uniqueName(s.name, among: names)) }
        var sheetParts: [[UInt8]] = []
        for (i, s) in sheets.enumerated() { sheetParts.append(try Workbook.sheetXML(s, name: names[i], styles: &styles)) }
        zip.add("[Content_Types].xml", contentTypes())
        zip.add("_rels/.rels", Workbook.packageRels())
        zip.add("docProps/core.xml", coreProperties())
        zip.add("xl/workbook.xml", workbookXML(names: names))
        zip.add("xl/_rels/workbook.xml.rels", workbookRels())
        zip.add("xl/styles.xml", styles.xml())
        for (i, part) in sheetParts.enumerated() { zip.add("xl/worksheets/sheet\(i + 1).xml", part) }
        return try zip.bytes()
    }

    func contentTypes() -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        x.raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        x.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        x.raw("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
        x.raw("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>")
        x.raw("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>")
        for i in sheets.indices {
            x.raw("<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
        }
        x.raw("</Types>")
        return x.bytes
    }

    static func packageRels() -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<Relationships xmlns=\"\(pkgRelNS)\">")
        x.raw("<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>")
        x.raw("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>")
        x.raw("</Relationships>")
        return x.bytes
    }

    /// The title and the creator, without dates (the same workbook gives the same bytes).
    func coreProperties() -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")
        if let title { x.raw("<dc:title>"); x.text(title); x.raw("</dc:title>") }
        x.raw("<dc:creator>copc</dc:creator></cp:coreProperties>")
        return x.bytes
    }

    func workbookXML(names: [String]) -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<workbook xmlns=\"\(Workbook.mainNS)\" xmlns:r=\"\(Workbook.relNS)\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>")
        for (i, n) in names.enumerated() {
            x.raw("<sheet name=\""); x.text(n); x.raw("\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>")
        }
        x.raw("</sheets><definedNames>")
        for (i, s) in sheets.enumerated() {
            let quoted = "'" + names[i].replacing("'", with: "''") + "'!"
            let last = Workbook.columnName(max(s.columns.count, 1) - 1)
            x.raw("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">")
            x.text(quoted + "$A$1:$\(last)$\(s.rows.count + 1)")
            x.raw("</definedName>")
            x.raw("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">")
            x.text(quoted + "$1:$1")
            x.raw("</definedName>")
        }
        x.raw("</definedNames></workbook>")
        return x.bytes
    }

    func workbookRels() -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<Relationships xmlns=\"\(Workbook.pkgRelNS)\">")
        for i in sheets.indices {
            x.raw("<Relationship Id=\"rId\(i + 1)\" Type=\"\(Workbook.relNS)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>")
        }
        x.raw("<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(Workbook.relNS)/styles\" Target=\"styles.xml\"/>")
        x.raw("</Relationships>")
        return x.bytes
    }

    /// A sheet name as spreadsheets accept it: `[]:*?/\` replaced by `-`, at most 31
    /// characters, not empty, and distinct from `names` (ignoring case) by a number.
    static func uniqueName(_ name: String, among names: [String]) -> String {
        var base = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
        if base.isEmpty || base.hasPrefix("'") { base = "Feuille" + base }
        var candidate = base
        var n = 2
        let taken = Set(names.map { $0.lowercased() })
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(n))"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        return candidate
    }

    /// `A`, `Z`, `AA`… for a column index from 0.
    static func columnName(_ index: Int) -> String {
        var n = max(index, 0) + 1
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(65 + r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    static func sheetXML(_ s: Worksheet, name: String, styles: inout StyleTable) throws(SheetError) -> [UInt8] {
        let width = max(s.columns.count, s.rows.reduce(0) { max($0, $1.count) })
        guard s.rows.count + 1 <= maxRows, width <= maxColumns else { throw .tooManyCells(sheet: name) }
        let columnNames = (0..<max(width, 1)).map(columnName)
        // Widths from the contents (characters of the longest line), and which columns wrap.
        var widths = s.columns.map { Double(displayWidth($0.title)) }
        widths += [Double](repeating: 0, count: width - widths.count)
        for row in s.rows {
            for (j, c) in row.enumerated() { widths[j] = max(widths[j], Double(displayWidth(c))) }
        }
        var wraps = [Bool](repeating: false, count: width)
        for j in 0..<width {
            if j < s.columns.count, let w = s.columns[j].width {
                widths[j] = w
            } else {
                wraps[j] = widths[j] > maxWidth
                widths[j] = min(max(widths[j] + 2, 6), maxWidth)
            }
        }

        var x = XMLBuffer(capacity: 256 + s.rows.count * width * 40)
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">")
        x.raw("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>")
        let lastCell = columnNames[max(width, 1) - 1] + String(s.rows.count + 1)
        x.raw("<dimension ref=\"A1:\(lastCell)\"/>")
        x.raw("<sheetViews><sheetView workbookViewId=\"0\">")
        if s.frozenColumns > 0 {
            let topLeft = columnName(s.frozenColumns) + "2"
            x.raw("<pane xSplit=\"\(s.frozenColumns)\" ySplit=\"1\" topLeftCell=\"\(topLeft)\" activePane=\"bottomRight\" state=\"frozen\"/>")
            x.raw("<selection pane=\"topRight\"/><selection pane=\"bottomLeft\"/><selection pane=\"bottomRight\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>")
        } else {
            x.raw("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            x.raw("<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>")
        }
        x.raw("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
        if width > 0 {
            x.raw("<cols>")
            for j in 0..<width {
                x.raw("<col min=\"\(j + 1)\" max=\"\(j + 1)\" width=\"\(formatWidth(widths[j]))\" customWidth=\"1\"/>")
            }
            x.raw("</cols>")
        }
        x.raw("<sheetData>")
        let header = styles.index(StyleKey(numberFormat: nil, header: true, wrap: true))
        // Styles looked up once per column (text, wrapped or not) and per format (numbers).
        let textStyles = wraps.map { styles.index(StyleKey(numberFormat: nil, header: false, wrap: $0)) }
        let plainText = styles.index(StyleKey(numberFormat: nil, header: false, wrap: false))
        let dateStyle = styles.index(StyleKey(numberFormat: nil, date: true))
        var lastFormat = [(NumberFormat, Int)?](repeating: nil, count: width)
        x.raw("<row r=\"1\">")
        for (j, c) in s.columns.enumerated() {
            try writeCell(&x, .text(c.title), column: columnNames[j], row: "1", style: header, sheet: name)
        }
        x.raw("</row>")
        for (i, row) in s.rows.enumerated() {
            let r = String(i + 2)
            x.raw("<row r=\""); x.raw(r); x.raw("\">")
            for (j, c) in row.enumerated() {
                let style: Int
                switch c {
                case .empty: continue
                case .text: style = textStyles[j]
                case .number(let v, let f):
                    if !v.isFinite {
                        style = plainText
                    } else if let (last, index) = lastFormat[j], last == f {
                        style = index
                    } else {
                        style = styles.index(StyleKey(numberFormat: f, header: false, wrap: false))
                        lastFormat[j] = (f, style)
                    }
                case .date: style = dateStyle
                }
                try writeCell(&x, c, column: columnNames[j], row: r, style: style, sheet: name)
            }
            x.raw("</row>")
        }
        x.raw("</sheetData>")
        x.raw("<autoFilter ref=\"A1:\(lastCell)\"/>")
        x.raw("<printOptions gridLines=\"1\"/>")
        x.raw("<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>")
        x.raw("<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>")
        x.raw("</worksheet>")
        return x.bytes
    }

    /// One `<c>` element at `column``row` (`B12`).
    static func writeCell(_ x: inout XMLBuffer, _ c: Cell, column: String, row: String, style: Int, sheet: String) throws(SheetError) {
        func open() {
            x.raw("<c r=\""); x.raw(column); x.raw(row); x.raw("\" s=\""); x.raw(String(style)); x.raw("\"")
        }
        switch c {
        case .empty:
            return
        case .text(let t):
            // (UTF-16 never has more code units than UTF-8 has bytes)
            guard t.utf8.count <= maxText || t.utf16.count <= maxText else { throw .textTooLong(sheet: sheet, cell: column + row) }
            open()
            x.raw(" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
            x.text(t)
            x.raw("</t></is></c>")
        case .number(let v, _):
            guard v.isFinite else {
                try writeCell(&x, .text(v.isNaN ? "NaN" : (v < 0 ? "-∞" : "∞")), column: column, row: row, style: style, sheet: sheet)
                return
            }
            open()
            x.raw("><v>"); x.raw(v == 0 ? "0" : v.description); x.raw("</v></c>")
        case .date(let d):
            let serial = d.ordinal + epoch
            guard serial >= firstSafeSerial else {
                try writeCell(&x, .text(d.description), column: column, row: row, style: style, sheet: sheet)
                return
            }
            open()
            x.raw("><v>"); x.raw(String(serial)); x.raw("</v></c>")
        }
    }

    /// The characters a cell needs: its longest line, a number as shown (grouping, decimals,
    /// unit), 10 for a date.
    static func displayWidth(_ c: Cell) -> Int {
        switch c {
        case .empty: return 0
        case .text(let t): return displayWidth(t)
        case .date: return 10
        case .number(let v, let f):
            guard v.isFinite else { return 4 }
            let magnitude = Swift.abs(f.percent ? v * 100 : v)
            var digits = 1
            var m = 10.0
            while magnitude >= m && digits < 20 { digits += 1; m *= 10 }
            return digits + (f.grouping ? (digits - 1) / 3 : 0) + (f.decimals > 0 ? f.decimals + 1 : 0) + (v < 0 ? 1 : 0)
                + (f.percent ? 1 : 0) + (f.suffix.map { $0.count + 1 } ?? 0)
        }
    }

    static func displayWidth(_ s: String) -> Int {
        var longest = 0, current = 0
        for ch in s.unicodeScalars {
            if ch == "\n" { longest = max(longest, current); current = 0 } else { current += 1 }
        }
        return max(longest, current)
    }

    /// A width with one decimal (`12.0`), between 0 and 255 (Excel's limit; 10 for a width
    /// that is not a number).
    static func formatWidth(_ w: Double) -> String {
        let tenths = w.isFinite ? French.clamped(w * 10, to: 0...2550) : 100
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// What a cell's style is made of.
struct StyleKey: Hashable {
    var numberFormat: NumberFormat?
    var header = false
    var wrap = false
    var date = false
}

/// The cell formats (`cellXfs`) a workbook uses, numbered as first used; custom number formats
/// from 164 on. Index 0 is the default format.
struct StyleTable {
    /// Index 0 is the default format (never looked up: a text cell has its own, `@`).
    var keys: [StyleKey] = [StyleKey()]
    var byKey: [StyleKey: Int] = [:]
    var codes: [String] = []
    var codeIDs: [String: Int] = [:]

    static let dateCode = "dd/mm/yyyy"

    mutating func index(_ k: StyleKey) -> Int {
        if let i = byKey[k] { return i }
        keys.append(k)
        byKey[k] = keys.count - 1
        if let f = k.numberFormat { _ = formatID(f.code) }
        if k.date { _ = formatID(StyleTable.dateCode) }
        return keys.count - 1
    }

    mutating func formatID(_ code: String) -> Int {
        if let id = codeIDs[code] { return id }
        codes.append(code)
        codeIDs[code] = 163 + codes.count
        return 163 + codes.count
    }

    func xml() -> [UInt8] {
        var x = XMLBuffer()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<styleSheet xmlns=\"\(Workbook.mainNS)\">")
        if !codes.isEmpty {
            x.raw("<numFmts count=\"\(codes.count)\">")
            for (i, c) in codes.enumerated() {
                x.raw("<numFmt numFmtId=\"\(164 + i)\" formatCode=\""); x.text(c); x.raw("\"/>")
            }
            x.raw("</numFmts>")
        }
        x.raw("<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>")
        x.raw("<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>")
        x.raw("<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        x.raw("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE4E9F0\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>")
        x.raw("<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>")
        x.raw("<border><left/><right/><top/><bottom style=\"thin\"><color rgb=\"FF7F8C9B\"/></bottom><diagonal/></border></borders>")
        x.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
        x.raw("<cellXfs count=\"\(keys.count)\">")
        for (i, k) in keys.enumerated() {
            if i == 0 {
                x.raw("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>")
            } else if k.header {
                x.raw("<xf numFmtId=\"49\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>")
            } else if k.date {
                x.raw("<xf numFmtId=\"\(codeIDs[StyleTable.dateCode] ?? 14)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>")
            } else if let f = k.numberFormat {
                x.raw("<xf numFmtId=\"\(codeIDs[f.code] ?? 0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>")
            } else {
                x.raw("<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\"")
                x.raw(k.wrap ? " wrapText=\"1\"/></xf>" : "/></xf>")
            }
        }
        x.raw("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        x.raw("</styleSheet>")
        return x.bytes
    }
}
