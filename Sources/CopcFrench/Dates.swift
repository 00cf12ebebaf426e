import CopcLanguage

// Dates in prose: « 16 mars 2026 », « 1er mars » (the first of a month is an ordinal), U+00A0
// between the day and its month; month names from one table.

extension French {
    static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    /// The French name of month `month` (1 = `janvier`), or nil outside 1…12.
    public static func monthName(_ month: Int) -> String? {
        (1...12).contains(month) ? months[month - 1] : nil
    }

    /// `1er mars`, `15 mars`: a day of a month, without year; nil for a month outside 1…12
    /// or a day outside 1…31.
    public static func dayMonth(day: Int, month: Int) -> String? {
        guard let name = monthName(month), (1...31).contains(day) else { return nil }
        return (day == 1 ? "1er" : String(day)) + "\u{00A0}" + name
    }

    /// A date as French prose: `31 décembre 2024`, `1er juillet 2018`. Nil when the date does
    /// not exist (`2023-02-29`) or the year is outside 1…9999.
    public static func date(year: Int, month: Int, day: Int) -> String? {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= daysIn(month: month, year: year), let dm = dayMonth(day: day, month: month) else { return nil }
        return dm + " " + String(year)
    }

    /// A day as French prose (`16 mars 2026`); its ISO spelling when it has none (a year
    /// outside 1…9999).
    public static func date(_ d: Day) -> String {
        date(year: d.year, month: d.month, day: d.day) ?? d.description
    }

    /// A month as French prose: `juillet 2018`. Nil outside 1…12 or years 1…9999.
    public static func date(year: Int, month: Int) -> String? {
        guard (1...9999).contains(year), let name = monthName(month) else { return nil }
        return name + " " + String(year)
    }

    /// Days in `month` of `year` (Gregorian calendar).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
