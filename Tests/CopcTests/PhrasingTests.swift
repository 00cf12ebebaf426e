import XCTest
import CopcLanguage
import CopcSource
import CopcSyntax
import CopcSema
import CopcModel

/// The French phrasings of issue 13 (`Sources/CopcSema/Phrasings.swift`): one row per form,
/// with the window it denotes (contract period 2021 .. 2025), and the forms kept refused.
final class PhrasingTests: XCTestCase {
    func reader(_ s: String) -> ValueReader {
        let f = SourceFile(path: "t", text: s)
        let toks = Lexer.lex(f).tokens
        return ValueReader(file: f, tokens: toks, range: 0..<(toks.count - 1))
    }

    let period = Window(Day(year: 2021, month: 1, day: 1)!, Day(year: 2025, month: 12, day: 31)!)

    func window(_ s: String) -> String? {
        var r = reader(s)
        guard let form = r.deadline() else { return nil }
        return Deadline(form: form).window(period: period, planPeriod: { _ in nil })?.description ?? "inconnue"
    }

    static let deadlines: [(String, String)] = [
        // Quarters and half-years in words.
        ("second semestre 2024", "2024-07-01 .. 2024-12-31"),
        ("premier semestre 2024", "2024-01-01 .. 2024-06-30"),
        ("deuxième semestre 2022", "2022-07-01 .. 2022-12-31"),
        ("2nd semestre 2022", "2022-07-01 .. 2022-12-31"),
        ("1re moitié", "-"),
        ("premier trimestre 2023", "2023-01-01 .. 2023-03-31"),
        ("troisième trimestre 2023", "2023-07-01 .. 2023-09-30"),
        ("quatrième trimestre 2023", "2023-10-01 .. 2023-12-31"),
        ("dernier trimestre 2023", "2023-10-01 .. 2023-12-31"),
        ("1er trim. 2023", "2023-01-01 .. 2023-03-31"),
        ("2e sem. 2023", "2023-07-01 .. 2023-12-31"),
        ("second semestre de l'année 2024", "2024-07-01 .. 2024-12-31"),
        ("T1-2024", "2024-01-01 .. 2024-03-31"),
        ("S2/2024", "2024-07-01 .. 2024-12-31"),
        // A year in words.
        ("courant 2025", "2025-01-01 .. 2025-12-31"),
        ("dans le courant de l'année 2025", "2025-01-01 .. 2025-12-31"),
        ("au cours de l'année 2024", "2024-01-01 .. 2024-12-31"),
        ("au cours du second semestre 2024", "2024-07-01 .. 2024-12-31"),
        ("année 2023", "2023-01-01 .. 2023-12-31"),
        ("exercice 2023", "2023-01-01 .. 2023-12-31"),
        ("durant 2023", "2023-01-01 .. 2023-12-31"),
        ("pour 2023", "2023-01-01 .. 2023-12-31"),
        ("courant juin 2025", "2025-06-01 .. 2025-06-30"),
        // Parts of a month (thirds) and of a year.
        ("fin juin 2025", "2025-06-21 .. 2025-06-30"),
        ("début septembre 2024", "2024-09-01 .. 2024-09-10"),
        ("mi-juin 2025", "2025-06-11 .. 2025-06-20"),
        ("mi juin 2025", "2025-06-11 .. 2025-06-20"),
        ("fin février 2024", "2024-02-21 .. 2024-02-29"),
        ("fin de l'année 2022", "2022-10-01 .. 2022-12-31"),
        ("fin de 2022", "2022-10-01 .. 2022-12-31"),
        ("milieu 2023", "2023-04-01 .. 2023-09-30"),
        ("fin du premier semestre 2025", "2025-06-30 .. 2025-06-30"),
        ("en fin d'année 2023", "2023-10-01 .. 2023-12-31"),
        // Months abbreviated, numeric months.
        ("janv. 2025", "2025-01-01 .. 2025-01-31"),
        ("févr. 2024", "2024-02-01 .. 2024-02-29"),
        ("sept. 2023", "2023-09-01 .. 2023-09-30"),
        ("déc. 2023", "2023-12-01 .. 2023-12-31"),
        ("juil. 2022", "2022-07-01 .. 2022-07-31"),
        ("mois de juin 2023", "2023-06-01 .. 2023-06-30"),
        ("06/2025", "2025-06-01 .. 2025-06-30"),
        ("2025-06", "2025-06-01 .. 2025-06-30"),
        ("1er janv. 2025", "2025-01-01 .. 2025-01-01"),
        ("le 31 déc. 2024", "2024-12-31 .. 2024-12-31"),
        ("le 30/06/2024", "2024-06-30 .. 2024-06-30"),
        // Until.
        ("à l'horizon 2026", "2021-01-01 .. 2026-12-31"),
        ("horizon 2024", "2021-01-01 .. 2024-12-31"),
        ("à horizon 2024", "2021-01-01 .. 2024-12-31"),
        ("à l'échéance 2024", "2021-01-01 .. 2024-12-31"),
        ("d'ici à 2025", "2021-01-01 .. 2025-12-31"),
        ("d'ici fin juin 2025", "2021-01-01 .. 2025-06-30"),
        ("d'ici la fin de 2024", "2021-01-01 .. 2024-12-31"),
        ("d'ici la fin du premier semestre 2024", "2021-01-01 .. 2024-06-30"),
        ("au plus tard fin 2024", "2021-01-01 .. 2024-12-31"),
        ("au plus tard en 2024", "2021-01-01 .. 2024-12-31"),
        ("avant fin 2023", "2021-01-01 .. 2023-12-31"),
        ("avant la fin 2023", "2021-01-01 .. 2023-12-31"),
        ("jusqu'à fin 2023", "2021-01-01 .. 2023-12-31"),
        ("jusqu'en 2023", "2021-01-01 .. 2023-12-31"),
        // From.
        ("à compter du second semestre 2024", "2024-07-01 .. 2025-12-31"),
        ("à partir de janv. 2024", "2024-01-01 .. 2025-12-31"),
        ("dès janvier 2025", "2025-01-01 .. 2025-12-31"),
        ("dès le début 2024", "2024-01-01 .. 2025-12-31"),
        ("depuis 2022", "2022-01-01 .. 2025-12-31"),
        // Ranges.
        ("2024 - 2026", "2024-01-01 .. 2026-12-31"),
        ("2022–2024", "2022-01-01 .. 2024-12-31"),
        ("2022-2024", "2022-01-01 .. 2024-12-31"),
        ("2022 – 2024", "2022-01-01 .. 2024-12-31"),
        ("entre 2022 et 2024", "2022-01-01 .. 2024-12-31"),
        ("de janv. 2022 à juin 2023", "2022-01-01 .. 2023-06-30"),
        ("S2 2022 - S1 2023", "2022-07-01 .. 2023-06-30"),
        ("années 2022 à 2024", "2022-01-01 .. 2024-12-31"),
        // The whole period.
        ("tout au long de la période", "2021-01-01 .. 2025-12-31"),
        ("tout au long de l'exécution du contrat", "2021-01-01 .. 2025-12-31"),
        ("pendant toute la durée du contrat", "2021-01-01 .. 2025-12-31"),
        ("sur la durée du COP", "2021-01-01 .. 2025-12-31"),
        ("sur toute la durée de la convention", "2021-01-01 .. 2025-12-31"),
        ("d'ici la fin du contrat", "2021-01-01 .. 2025-12-31"),
        ("en continu", "2021-01-01 .. 2025-12-31"),
        ("permanent", "2021-01-01 .. 2025-12-31"),
        ("chaque année", "2021-01-01 .. 2025-12-31"),
        ("annuel", "2021-01-01 .. 2025-12-31"),
        // Due dates and postfixes.
        ("au 31 décembre 2024", "2021-01-01 .. 2024-12-31"),
        ("au 30/06/2024", "2021-01-01 .. 2024-06-30"),
        ("pour le 30 juin 2024", "2021-01-01 .. 2024-06-30"),
        ("fin 2024 au plus tard", "2021-01-01 .. 2024-12-31"),
        ("juin 2024 au plus tard", "2021-01-01 .. 2024-06-30"),
        ("fin T1 2024", "2024-03-31 .. 2024-03-31"),
        ("fin S1 2024", "2024-06-30 .. 2024-06-30"),
        ("fin 1er semestre 2024", "2024-06-30 .. 2024-06-30"),
        ("trimestre 2 2024", "2024-04-01 .. 2024-06-30"),
        ("31.12.2024", "2024-12-31 .. 2024-12-31"),
        ("à l'échéance du contrat", "2021-01-01 .. 2025-12-31"),
        ("au terme du COP", "2021-01-01 .. 2025-12-31"),
        ("jusqu'à la fin du contrat", "2021-01-01 .. 2025-12-31"),
        // Months of one year, the year written once; from a year on; recurring.
        ("janvier-juin 2025", "2025-01-01 .. 2025-06-30"),
        ("janvier à juin 2025", "2025-01-01 .. 2025-06-30"),
        ("de janv. à mars 2024", "2024-01-01 .. 2024-03-31"),
        ("du 1er janvier au 30 juin 2025", "2025-01-01 .. 2025-06-30"),
        ("2024 et au-delà", "2024-01-01 .. 2025-12-31"),
        ("2023 et années suivantes", "2023-01-01 .. 2025-12-31"),
        ("chaque semestre", "2021-01-01 .. 2025-12-31"),
        ("trimestriel", "2021-01-01 .. 2025-12-31"),
        ("T2-T3 2025", "2025-04-01 .. 2025-09-30"),
        ("S1-S2 2024", "2024-01-01 .. 2024-12-31"),
        ("fin du contrat", "2021-01-01 .. 2025-12-31"),
        ("fin de contrat", "2021-01-01 .. 2025-12-31"),
        ("en fin de période", "2021-01-01 .. 2025-12-31"),
        ("fin de 2023", "2023-10-01 .. 2023-12-31"),
        ("au 1er semestre 2025", "2025-01-01 .. 2025-06-30"),
        ("au T2 2024", "2024-04-01 .. 2024-06-30"),
        ("2024 au plus tôt", "2024-01-01 .. 2025-12-31"),
        ("pas avant 2024", "2024-01-01 .. 2025-12-31"),
        // Unknown.
        ("à déterminer", "inconnue"),
        ("à définir", "inconnue"),
        ("à confirmer", "inconnue"),
    ]

    func testDeadlinePhrasings() {
        for (text, expected) in PhrasingTests.deadlines {
            XCTAssertEqual(window(text) ?? "-", expected, text)
        }
    }

    /// Forms kept refused: ambiguous or without a date (see grammar/DECISIONS.md).
    func testRefusedDeadlines() {
        for bad in ["été 2024", "hiver 2024", "Q1 2024", "2024/2025", "en cours", "rentrée 2024", "prochainement",
                    "fin", "T5 2022", "5e trimestre 2022", "3e semestre 2022", "mi-truc 2022", "13/2025", "fin juin"] {
            XCTAssertNil(window(bad), bad)
        }
    }

    func testTargetPhrasings() {
        func t(_ s: String) -> TargetValue? { var r = reader(s); return r.target() }
        for s in ["à déterminer", "à définir", "à préciser", "à fixer par voie d'avenant", "à fixer par un avenant",
                  "à fixer par avenant n°1", "à fixer ultérieurement", "fixée par avenant", "par voie d'avenant", "en attente"] {
            XCTAssertEqual(t(s), .pending, s)
        }
        for s in ["non applicable", "s.o.", "–", "N/A", "sans cible", "non concerné", "pas de cible"] { XCTAssertEqual(t(s), .notApplicable, s) }
        for s in ["non fixée", "non définie", "non déterminée"] { XCTAssertEqual(t(s), .pending, s) }
        if case .range(let a, let b)? = t("70-80 %") { XCTAssertEqual([a.value, b.value], [70, 80]); XCTAssertEqual(a.unit, .percent) } else { XCTFail("70-80 %") }
        let atLeast: [String] = ["75 % minimum", "75 % au minimum", "75 % au moins", "75 % ou plus", "75 % et plus", "75 % min.", "75 % et +",
                                 "au minimum 75 %", "a minima 75 %", "supérieure ou égale à 75 %", "pas moins de 75 %"]
        for s in atLeast {
            guard case .bound(.atLeast, let q)? = t(s) else { XCTFail(s); continue }
            XCTAssertEqual(q.value, 75, s)
            XCTAssertEqual(q.unit, .percent, s)
        }
        for s in ["10 % maximum", "10 % au plus", "10 % ou moins", "au maximum 10 %", "inférieure ou égale à 10 %", "jusqu'à 10 %", "10 % max"] {
            guard case .bound(.atMost, let q)? = t(s) else { XCTFail(s); continue }
            XCTAssertEqual(q.value, 10, s)
        }
        if case .bound(.moreThan, _)? = t("supérieure à 50 %") {} else { XCTFail("supérieure à") }
        if case .bound(.moreThan, _)? = t("au-delà de 50 %") {} else { XCTFail("au-delà de") }
        if case .bound(.lessThan, _)? = t("inférieure à 5 %") {} else { XCTFail("inférieure à") }
        for s in ["de 2 % à 3 %", "2 % - 3 %", "2 à 3 %", "entre 2 et 3 %", "de 2 à 3 %"] {
            guard case .range(let a, let b)? = t(s) else { XCTFail(s); continue }
            XCTAssertEqual([a.value, b.value], [2, 3], s)
            XCTAssertEqual(a.unit, .percent, s)
        }
        for bad in ["environ 75 %", "75 % environ", "NA", "ND", "néant", "100 % des établissements", "beaucoup"] {
            XCTAssertNil(t(bad), bad)
        }
    }

    func testPeriodPhrasings() {
        func p(_ s: String) -> String? { var r = reader(s); guard let w = r.period(), r.atEnd else { return nil }; return w.description }
        XCTAssertEqual(p("2024 - 2026"), "2024-01-01 .. 2026-12-31")
        XCTAssertEqual(p("2024–2026"), "2024-01-01 .. 2026-12-31")
        XCTAssertEqual(p("2024 – 2026"), "2024-01-01 .. 2026-12-31")
        XCTAssertEqual(p("entre 2024 et 2026"), "2024-01-01 .. 2026-12-31")
        XCTAssertEqual(p("du 1er janv. 2024 au 31 déc. 2026"), "2024-01-01 .. 2026-12-31")
        XCTAssertEqual(p("2024 à 2026"), "2024-01-01 .. 2026-12-31")
        XCTAssertNil(p("2024/2026"))
        XCTAssertNil(p("2024 -"))
    }

    func testYearPhrasings() {
        func y(_ s: String) -> ClosedRange<Int>? { var r = reader(s); guard case .some(.some(let v)) = r.years(), r.atEnd else { return nil }; return v }
        XCTAssertEqual(y("2024 - 2026"), 2024...2026)
        XCTAssertEqual(y("2024-2026"), 2024...2026)
        XCTAssertEqual(y("2024–2026"), 2024...2026)
        XCTAssertEqual(y("2024 .. 2026"), 2024...2026)
        XCTAssertEqual(y("2024"), 2024...2024)
        XCTAssertNil(y("2024 -"))
    }

    /// Repeated introductions or nestings are bounded: no deep recursion, no quadratic time.
    func testLongRepetitionsAreRefusedQuickly() {
        for unit in ["en ", "fin du ", "d'ici ", "pendant ", "le ", "à partir de ", "de "] {
            let text = String(repeating: unit, count: 20_000) + "2024"
            XCTAssertNil(window(text), unit)
            var r = reader(String(repeating: unit, count: 20_000) + "75 %")
            XCTAssertNil(r.target(), unit)
        }
    }

    func testDatePhrasings() {
        func d(_ s: String) -> String? { var r = reader(s); guard let v = r.date(), r.atEnd else { return nil }; return v.description }
        XCTAssertEqual(d("12 janv. 2025"), "2025-01-12")
        XCTAssertEqual(d("1er déc. 2024"), "2024-12-01")
        XCTAssertEqual(d("le 12 janvier 2025"), "2025-01-12")
        XCTAssertEqual(d("31.12.2024"), "2024-12-31")
        XCTAssertNil(d("31.02.2024"))
        XCTAssertNil(d("12 janv."))
    }

    func testDirectionAsDraftersWriteIt() {
        for (w, d) in [("à la hausse", Direction.up), ("croissant", .up), ("augmentation", .up), ("à la baisse", .down), ("diminution", .down), ("décroissante", .down)] {
            XCTAssertEqual(Direction(folded: TokenText.fold(w)), d, w)
        }
    }

    /// Random sequences of the words the phrasings read never crash a reader, and whatever is
    /// accepted as a deadline has a valid window or none (`à préciser`).
    func testRandomWordSequencesNeverCrash() {
        let words = ["fin", "début", "mi", "de", "du", "la", "l'année", "en", "au", "à", "d'ici", "dès", "le", "courant", "second",
                     "semestre", "trimestre", "T1", "S2", "T2-T3", "2024", "2025", "juin", "janv.", "et", "-", "–", "..", "contrat",
                     "tout", "long", "plus", "tard", "horizon", "l'horizon", "75", "%", "minimum", "entre", "70-80", "31.12.2024",
                     "06/2025", "1er", "30", "avenant", "fixer", "par", "n°1", "au-delà", "suivantes", "chaque", "sans", "objet"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let n = Int.random(in: 1...7, using: &rng)
            let text = (0..<n).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
            var r = reader(text)
            if let form = r.deadline(), case .window(let w) = form { _ = w.isValid }
            var t = reader(text)
            _ = t.target()
            var q = reader(text)
            _ = q.period()
            _ = Nearest.deadline(reader(text))
            _ = Nearest.target(reader(text))
        }
    }
}
