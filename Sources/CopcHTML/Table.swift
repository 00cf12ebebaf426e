import CopcFrench
/// A header cell of a data table: a column title, possibly spanning several columns (`Cibles`
/// over the years) or rows.
public struct HeaderCell: Sendable {
    public var title: String
    public var colspan: Int
    public var rowspan: Int
    public var numeric: Bool

    public init(_ title: String, colspan: Int = 1, rowspan: Int = 1, numeric: Bool = false) {
        self.title = title
        self.colspan = colspan
        self.rowspan = rowspan
        self.numeric = numeric
    }
}

/// A body cell of a data table.
public struct TableCell: Sendable {
    public var content: HTMLFragment
    /// A row header (`<th scope="row">`): the id or title that names the row.
    public var isRowHeader: Bool
    /// Right-aligned tabular figures, never broken.
    public var numeric: Bool
    /// How the cell changed: the mark's symbol is printed before the content.
    public var mark: ChangeMark?
    public var colspan: Int
    public var rowspan: Int
    public var anchor: Anchor?

    public init(_ content: HTMLFragment, isRowHeader: Bool = false, numeric: Bool = false, mark: ChangeMark? = nil,
                colspan: Int = 1, rowspan: Int = 1, anchor: Anchor? = nil) {
        self.content = content
        self.isRowHeader = isRowHeader
        self.numeric = numeric
        self.mark = mark
        self.colspan = colspan
        self.rowspan = rowspan
        self.anchor = anchor
    }

    /// A cell holding prose (typeset).
    public static func prose(_ s: String, mark: ChangeMark? = nil) -> TableCell {
        TableCell(.prose(s), mark: mark)
    }

    /// A cell holding text as written (identifiers, values quoted from the source).
    public static func text(_ s: String, mark: ChangeMark? = nil) -> TableCell {
        TableCell(.text(s), mark: mark)
    }

    /// A row header cell (typeset).
    public static func rowHeader(_ s: String, mark: ChangeMark? = nil, anchor: Anchor? = nil) -> TableCell {
        TableCell(.prose(s), isRowHeader: true, mark: mark, anchor: anchor)
    }

    /// A number cell, formatted the French way (`French.quantity`).
    public static func number(_ v: Double, unit: String? = nil, decimals: Int = 2, mark: ChangeMark? = nil) -> TableCell {
        TableCell(.text(French.quantity(v, symbol: unit, decimals: decimals)), numeric: true, mark: mark)
    }

    /// An empty cell.
    public static var empty: TableCell { TableCell(HTMLFragment(markup: "")) }
}

/// A data table with header rows repeated on every printed page, a caption, optional row
/// headers and change marks. Wide tables scroll horizontally on screen instead of
/// overflowing the page.
public struct DataTable: Sendable {
    public var caption: String?
    /// One or more header rows (`<thead>`), repeated at the top of every printed page.
    public var headerRows: [[HeaderCell]]
    public var rows: [[TableCell]]
    public var anchor: Anchor?
    /// Extra classes on `<table>`.
    public var classes: String?

    public init(caption: String? = nil, headerRows: [[HeaderCell]], rows: [[TableCell]], anchor: Anchor? = nil, classes: String? = nil) {
        self.caption = caption
        self.headerRows = headerRows
        self.rows = rows
        self.anchor = anchor
        self.classes = classes
    }

    /// A table with one header row of plain column titles.
    public init(caption: String? = nil, columns: [String], numericColumns: Set<Int> = [], rows: [[TableCell]], anchor: Anchor? = nil) {
        self.init(caption: caption,
                  headerRows: [columns.enumerated().map { HeaderCell($0.element, numeric: numericColumns.contains($0.offset)) }],
                  rows: rows, anchor: anchor)
    }
}

extension HTMLWriter {
    /// Writes a data table.
    public mutating func table(_ t: DataTable) {
        streamedTable(caption: t.caption, headerRows: t.headerRows, anchor: t.anchor, classes: t.classes) { w in
            for row in t.rows {
                w.tableRow { w in
                    for c in row { w.tableCell(c) }
                }
            }
        }
    }

    /// Writes a data table whose rows `body` writes one by one with `tableRow` and
    /// `tableCell(…) { … }`: the same markup as `table(_:)`, without building a fragment
    /// per cell (long annex tables of a rendered contract).
    public mutating func streamedTable(caption: String?, headerRows: [[HeaderCell]], anchor: Anchor? = nil, classes: String? = nil,
                                       _ body: (inout HTMLWriter) -> Void) {
        element(.div, [.class("tableau-defilant")]) { w in
            var attrs: [Attribute] = []
            if let a = anchor { attrs.append(.id(a)) }
            if let c = classes { attrs.append(.class(c)) }
            w.element(.table, attrs) { w in
                if let c = caption { w.element(.caption, prose: c) }
                if !headerRows.isEmpty {
                    w.element(.thead) { w in
                        for row in headerRows {
                            w.element(.tr) { w in
                                for h in row { w.headerCell(h) }
                            }
                        }
                    }
                }
                w.element(.tbody) { w in body(&w) }
            }
        }
    }

    /// Writes one body row (`<tr>`) of a streamed table.
    public mutating func tableRow(_ body: (inout HTMLWriter) -> Void) {
        element(.tr) { w in body(&w) }
    }

    /// Writes one `<th scope="col">` header cell.
    public mutating func headerCell(_ h: HeaderCell) {
        var attrs: [Attribute] = [.scope(h.colspan > 1 ? .colgroup : .col)]
        if h.colspan > 1 { attrs.append(.colspan(h.colspan)) }
        if h.rowspan > 1 { attrs.append(.rowspan(h.rowspan)) }
        if h.numeric { attrs.append(.class(StyleClass.number)) }
        element(.th, attrs, prose: h.title)
    }

    /// Writes one body cell (`<td>`, or `<th scope="row">` for a row header).
    public mutating func tableCell(_ c: TableCell) {
        tableCell(isRowHeader: c.isRowHeader, numeric: c.numeric, mark: c.mark, colspan: c.colspan, rowspan: c.rowspan,
                  anchor: c.anchor) { $0.append(c.content) }
    }

    /// Writes one body cell whose content `body` writes (the streamed form of `tableCell(_:)`,
    /// same markup).
    public mutating func tableCell(isRowHeader: Bool = false, numeric: Bool = false, mark: ChangeMark? = nil,
                                   colspan: Int = 1, rowspan: Int = 1, anchor: Anchor? = nil,
                                   _ body: (inout HTMLWriter) -> Void) {
        var attrs: [Attribute] = []
        if isRowHeader { attrs.append(.scope(.row)) }
        if let a = anchor { attrs.append(.id(a)) }
        var classes: [String] = []
        if numeric { classes.append(StyleClass.number) }
        if let m = mark { classes.append(m.cssClass) }
        if !classes.isEmpty { attrs.append(.class(classes.joined(separator: " "))) }
        if colspan > 1 { attrs.append(.colspan(colspan)) }
        if rowspan > 1 { attrs.append(.rowspan(rowspan)) }
        element(isRowHeader ? .th : .td, attrs) { w in
            if let m = mark { w.mark(m) }
            if mark == .removed {
                w.element(.span) { body(&$0) }
            } else {
                body(&w)
            }
        }
    }
}
