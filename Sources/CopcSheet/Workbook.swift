import CopcLanguage

/// One cell of a worksheet, typed: what a spreadsheet shows and computes with.
public enum Cell: Hashable, Sendable {
    /// Text, kept as text whatever it looks like (`1.1.1` is not a date, `0012` keeps its zeros).
    case text(String)
    /// A number shown with `format`; a value that is not finite is written as text.
    case number(Double, NumberFormat)
    /// A day, shown `JJ/MM/AAAA` (a date before 1 March 1900 is written as ISO text).
    case date(Day)
    case empty
}

/// How a number is shown: decimals, thousands grouping, a percentage (the value is a fraction
/// shown ×100), a unit symbol after it. The value itself is never rounded.
public struct NumberFormat: Hashable, Sendable {
    /// 0 to 9.
    public let decimals: Int
    public let grouping: Bool
    public let percent: Bool
    /// A unit symbol shown after a no-break space (`k€`, `%`, `m²`): text, not a scaling.
    public let suffix: String?

    public init(decimals: Int = 0, grouping: Bool = true, percent: Bool = false, suffix: String? = nil) {
        self.decimals = min(max(decimals, 0), 9)
        self.grouping = grouping
        self.percent = percent
        self.suffix = suffix
    }

    /// A whole number with thousands grouped (`1 250`).
    public static let integer = NumberFormat()
    /// A year or a count shown as is (`2024`).
    public static let plain = NumberFormat(grouping: false)

    /// The format showing `value` with the decimals it needs (up to `maxDecimals`): `21,5`,
    /// `2 350`, `0,125`. With `percent`, the decimals of `value × 100`.
    public static func fitting(_ value: Double, percent: Bool = false, suffix: String? = nil, maxDecimals: Int = 6) -> NumberFormat {
        NumberFormat(decimals: decimalsNeeded(percent ? value * 100 : value, max: maxDecimals), percent: percent, suffix: suffix)
    }

    /// The fewest decimals (≤ `max`) that show `value` exactly at 12 significant digits.
    static func decimalsNeeded(_ value: Double, max: Int) -> Int {
        guard value.isFinite else { return 0 }
        var scaled = Swift.abs(value)
        if scaled >= 1e15 { return 0 }
        for d in 0..<max {
            let tolerance = Swift.max(1e-9, scaled * 1e-12)
            if Swift.abs(scaled - scaled.rounded()) <= tolerance { return d }
            scaled *= 10
        }
        return max
    }

    /// The SpreadsheetML format code (`#,##0.0" k€"`, `0.0%`): separators are the locale's
    /// when shown (a French spreadsheet shows `2 350,5 k€`).
    public var code: String {
        var s = grouping ? "#,##0" : "0"
        if decimals > 0 { s += "." + String(repeating: "0", count: decimals) }
        if percent { s += "%" }
        if let suffix, !suffix.isEmpty {
            s += "\"\u{00A0}" + suffix.filter { $0 != "\"" && $0 != "\\" } + "\""
        }
        return s
    }
}

/// A column of a worksheet: its title (the header row) and width in characters (`nil`: from
/// its contents, between 6 and 60; a column whose texts are longer wraps them).
public struct Column: Hashable, Sendable {
    public let title: String
    public let width: Double?

    public init(_ title: String, width: Double? = nil) {
        self.title = title
        self.width = width
    }
}

/// One sheet: a header row of column titles, frozen with the first `frozenColumns` columns,
/// filterable, then rows of typed cells.
public struct Worksheet: Sendable {
    /// At most 31 characters, none of `[]:*?/\` (replaced by `-` when written).
    public let name: String
    public let columns: [Column]
    public private(set) var rows: [[Cell]] = []
    public let frozenColumns: Int

    public init(name: String, columns: [Column], frozenColumns: Int = 0) {
        self.name = name
        self.columns = columns
        self.frozenColumns = max(0, min(frozenColumns, columns.count))
    }

    /// Adds a row (cells beyond the columns are kept; missing ones are empty).
    public mutating func append(_ row: [Cell]) { rows.append(row) }
}

/// A workbook: its sheets in order and a title (the document's properties).
public struct Workbook: Sendable {
    public var title: String?
    public var sheets: [Worksheet]

    public init(title: String? = nil, sheets: [Worksheet] = []) {
        self.title = title
        self.sheets = sheets
    }
}

/// Why a workbook cannot be written: the limits of the format (Excel's, which LibreOffice
/// shares), never a defect of the input.
public enum SheetError: Error, Hashable, Sendable {
    /// More than 1 048 576 rows or 16 384 columns in a sheet.
    case tooManyCells(sheet: String)
    /// A text of more than 32 767 characters (UTF-16 code units), in `cell` (`B12`).
    case textTooLong(sheet: String, cell: String)
    /// An archive of 4 GiB or more (ZIP without ZIP64).
    case tooLarge

    /// The French message.
    public var message: String {
        switch self {
        case .tooManyCells(let s): return "la feuille « \(s) » dépasse la taille d'une feuille de tableur (1 048 576 lignes, 16 384 colonnes)"
        case .textTooLong(let s, let c): return "la cellule \(c) de la feuille « \(s) » dépasse 32 767 caractères, la limite d'une cellule de tableur ; utilisez --format csv"
        case .tooLarge: return "le classeur dépasse 4 Gio, la limite d'une archive ZIP sans ZIP64"
        }
    }
}
