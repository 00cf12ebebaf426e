/// A calendar day (proleptic Gregorian), without time zone.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), year >= 1, year <= 9999,
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date written as one word: `2024-12-31` (ISO 8601), `31/12/2024` or `31/12/24`. The one
    /// reader of numeric dates: the language's values, `--au`, the editor's options.
    public static func parse(_ w: some StringProtocol) -> Day? {
        // Both forms have three parts: a word with fewer than two `-` and two `/` is neither
        // (most words read here: years, months, `fin`), found without splitting.
        var dashes = 0, slashes = 0
        for b in w.utf8 {
            if b == UInt8(ascii: "-") { dashes += 1 } else if b == UInt8(ascii: "/") { slashes += 1 }
        }
        guard dashes >= 2 || slashes >= 2 else { return nil }
        let iso = w.split(separator: "-", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]),
           iso[1].count <= 2, iso[2].count <= 2 {
            return Day(year: y, month: m, day: d)
        }
        let fr = w.split(separator: "/", omittingEmptySubsequences: false)
        if fr.count == 3, let d = Int(fr[0]), let m = Int(fr[1]), let yy = Int(fr[2]), fr[0].count <= 2, fr[1].count <= 2 {
            let y: Int
            if fr[2].count == 4 { y = yy } else if fr[2].count == 2 { y = 2000 + yy } else { return nil }
            return Day(year: y, month: m, day: d)
        }
        return nil
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func firstOf(_ year: Int, _ month: Int = 1) -> Day { Day(unchecked: year, month, 1) }
    public static func lastOf(_ year: Int, _ month: Int = 12) -> Day {
        Day(unchecked: year, month, daysIn(month: month, year: year))
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The day of a count of days since 1970-01-01.
    public init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `2024-12-31`.
    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Whole months from `self` to `other` (for shifts such as "+11 mois").
    public func months(to other: Day) -> Int {
        (other.year - year) * 12 + (other.month - month)
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// A closed window of days `[start, end]`: a deadline's meaning, or a contract period.
public struct Window: Hashable, Sendable, CustomStringConvertible {
    public let start: Day
    public let end: Day

    public init(_ start: Day, _ end: Day) {
        self.start = start
        self.end = end
    }

    public static func year(_ y: Int) -> Window { Window(.firstOf(y), .lastOf(y)) }
    public static func years(_ a: Int, _ b: Int) -> Window { Window(.firstOf(a), .lastOf(b)) }

    public var isValid: Bool { start <= end }
    public var years: ClosedRange<Int> { start.year...max(start.year, end.year) }


    /// `2021-01-01 .. 2025-12-31`.
    public var description: String { "\(start) .. \(end)" }
}

/// Month names in French, folded (no accents), for dates and deadlines.
public let frenchMonths: [String: Int] = [
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
]
