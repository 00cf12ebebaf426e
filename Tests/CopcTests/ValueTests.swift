import XCTest
import CopcLanguage
import CopcSource
import CopcSyntax
import CopcSema
import CopcModel

final class ValueTests: XCTestCase {
    func reader(_ s: String) -> ValueReader {
        let f = SourceFile(path: "t", text: s)
        let toks = Lexer.lex(f).tokens
        return ValueReader(file: f, tokens: toks, range: 0..<(toks.count - 1))
    }

    let period = Window(Day(year: 2021, month: 1, day: 1)!, Day(year: 2025, month: 12, day: 31)!)

    func window(_ s: String) -> String? {
        var r = reader(s)
        guard let form = r.deadline() else { return nil }
        let plans: (String) -> Window? = { $0 == "SDSI" ? Window.years(2022, 2025) : nil }
        return Deadline(form: form).window(period: period, planPeriod: plans)?.description ?? "inconnue"
    }

    /// The table of design §3.4, row by row.
    func testDeadlineWindows() {
        let table: [(String, String)] = [
            ("2022", "2022-01-01 .. 2022-12-31"),
            ("2023 .. 2024", "2023-01-01 .. 2024-12-31"),
            ("de 2023 à 2024", "2023-01-01 .. 2024-12-31"),
            ("T1 2022", "2022-01-01 .. 2022-03-31"),
            ("T4 2022", "2022-10-01 .. 2022-12-31"),
            ("1er trimestre 2022", "2022-01-01 .. 2022-03-31"),
            ("2e trimestre 2022", "2022-04-01 .. 2022-06-30"),
            ("S1 2023", "2023-01-01 .. 2023-06-30"),
            ("S2 2021", "2021-07-01 .. 2021-12-31"),
            ("1er semestre 2023", "2023-01-01 .. 2023-06-30"),
            ("2ème semestre 2021", "2021-07-01 .. 2021-12-31"),
            ("début 2024", "2024-01-01 .. 2024-03-31"),
            ("mi 2023", "2023-04-01 .. 2023-09-30"),
            ("mi-2023", "2023-04-01 .. 2023-09-30"),
            ("fin 2023", "2023-10-01 .. 2023-12-31"),
            ("juin 2023", "2023-06-01 .. 2023-06-30"),
            ("2024-06-30", "2024-06-30 .. 2024-06-30"),
            ("30/06/2024", "2024-06-30 .. 2024-06-30"),
            ("30 juin 2024", "2024-06-30 .. 2024-06-30"),
            ("tout au long du contrat", "2021-01-01 .. 2025-12-31"),
            ("durée du contrat", "2021-01-01 .. 2025-12-31"),
            ("toute la durée du contrat", "2021-01-01 .. 2025-12-31"),
            ("tout au long du COP", "2021-01-01 .. 2025-12-31"),
            ("à partir de 2022", "2022-01-01 .. 2025-12-31"),
            ("à partir du 1er juillet 2022", "2022-07-01 .. 2025-12-31"),
            ("dès 2023", "2023-01-01 .. 2025-12-31"),
            ("dès le 15 mars 2023", "2023-03-15 .. 2025-12-31"),
            ("A partir de fin 2021", "2021-10-01 .. 2025-12-31"),
            ("d'ici 2024", "2021-01-01 .. 2024-12-31"),
            ("d'ici le 15 décembre 2024", "2021-01-01 .. 2024-12-15"),
            ("d'ici fin 2023", "2021-01-01 .. 2023-12-31"),
            ("au plus tard 2024", "2021-01-01 .. 2024-12-31"),
            ("au plus tard le 30/06/2024", "2021-01-01 .. 2024-06-30"),
            ("avant 2024", "2021-01-01 .. 2024-12-31"),
            ("avant le 31/12/24", "2021-01-01 .. 2024-12-31"),
            ("selon SDSI", "2022-01-01 .. 2025-12-31"),
            ("à préciser", "inconnue"),
            ("a preciser", "inconnue"),
            ("en 2022", "2022-01-01 .. 2022-12-31"),
        ]
        for (text, expected) in table {
            XCTAssertEqual(window(text), expected, text)
        }
        for bad in ["fin", "T5 2022", "2022 ..", "bientôt", "selon", "juin", "mi 20"] {
            XCTAssertNil(window(bad), bad)
        }
    }

    func testNumbers() {
        func n(_ s: String) -> Double? { var r = reader(s); guard let (v, _) = r.number(), r.atEnd else { return nil }; return v }
        XCTAssertEqual(n("2,29"), 2.29)
        XCTAssertEqual(n("2.29"), 2.29)
        XCTAssertEqual(n("4 000"), 4000)
        XCTAssertEqual(n("-2 805 515,12"), -2805515.12)
        XCTAssertEqual(n("1\u{202F}050\u{A0}268,05"), 1050268.05)
        XCTAssertEqual(n("+5"), 5)
        XCTAssertNil(n("4 00"))
        XCTAssertNil(n("2,2,2"))
    }

    func testDates() {
        func d(_ s: String) -> String? { var r = reader(s); guard let v = r.date(), r.atEnd else { return nil }; return v.description }
        XCTAssertEqual(d("2024-12-31"), "2024-12-31")
        XCTAssertEqual(d("31/12/2024"), "2024-12-31")
        XCTAssertEqual(d("31/12/24"), "2024-12-31")
        XCTAssertEqual(d("31 décembre 2024"), "2024-12-31")
        XCTAssertEqual(d("1er juillet 2018"), "2018-07-01")
        XCTAssertNil(d("2023-02-29"))
        XCTAssertEqual(d("2024-02-29"), "2024-02-29")
        XCTAssertNil(d("32/01/2024"))
    }

    func testTargets() {
        func t(_ s: String) -> TargetValue? { var r = reader(s); return r.target() }
        XCTAssertEqual(t("60 %")?.kind.spelling, "quantité")
        XCTAssertEqual(t("4 000")?.kind.spelling, "quantité")
        XCTAssertEqual(t("-2,806 M€")?.writtenUnits.first?.symbol, "M€")
        XCTAssertEqual(t("45 jours")?.writtenUnits.first?.symbol, "jours")
        XCTAssertEqual(t("entre 2,2 % et 2,8 %")?.kind.spelling, "fourchette")
        XCTAssertEqual(t("Entre 2,2% et 2,8%")?.kind.spelling, "fourchette")
        for b in ["≥ 80 %", ">= 80 %", "au moins 80 %", "≤ 10 M€", "moins de 10 M€"] { XCTAssertEqual(t(b)?.kind.spelling, "borne", b) }
        XCTAssertEqual(t("-40 % de la base")?.kind.spelling, "relative")
        XCTAssertEqual(t("équilibre"), .qualitative(.balance))
        XCTAssertEqual(t("Excédent"), .qualitative(.surplus))
        XCTAssertEqual(t("déficit"), .qualitative(.deficit))
        XCTAssertEqual(t("oui"), .milestone(.yes))
        XCTAssertEqual(t("réalisé"), .milestone(.done))
        XCTAssertEqual(t("« réalisation du diagnostic »"), .text("réalisation du diagnostic"))
        XCTAssertEqual(t("à fixer par avenant"), .pending)
        XCTAssertEqual(t("avenant"), .pending)
        XCTAssertEqual(t("sans objet"), .notApplicable)
        XCTAssertEqual(t("/"), .notApplicable)
        XCTAssertEqual(t("suivi"), .followed)
        XCTAssertNil(t("beaucoup"))
        XCTAssertNil(t("60 % environ"))
    }

    func testPeriods() {
        func p(_ s: String) -> String? { var r = reader(s); guard let w = r.period(), r.atEnd else { return nil }; return w.description }
        XCTAssertEqual(p("2021 .. 2025"), "2021-01-01 .. 2025-12-31")
        XCTAssertEqual(p("2021-01-01 .. 2025-12-31"), "2021-01-01 .. 2025-12-31")
        XCTAssertEqual(p("de 2021 à 2025"), "2021-01-01 .. 2025-12-31")
        XCTAssertEqual(p("2021-2025"), "2021-01-01 .. 2025-12-31")
        XCTAssertNil(p("2021 .."))
    }

    func testCalendarRoundTrip() {
        for ordinal in stride(from: -1000, to: 40000, by: 37) {
            let d = Day(ordinal: ordinal)
            XCTAssertEqual(d.ordinal, ordinal)
        }
        XCTAssertEqual(Day(year: 2021, month: 1, day: 1)!.months(to: Day(year: 2021, month: 12, day: 1)!), 11)
    }
}
