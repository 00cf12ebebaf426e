import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// COP606 — with `--au`: every year of the period whose bilan was due by the contract's
/// calendar (`bilan annuel : avant le 15 mars N+1`) before that date has its bilan file.
/// COP607 — one bilan per year (the duplicate is reported at its header).
enum BilansDue {
    static func check(_ contract: Contract, _ options: CheckOptions, reporter: Reporter) {
        var firstByYear: [Int: Bilan] = [:]
        for b in contract.bilans {
            guard let y = b.year else { continue }
            if let first = firstByYear[y] {
                reporter.report(.duplicateBilan(year: y, contract: contract.id ?? "?"), at: b.header.namePlace, subject: b.header,
                                notes: [reporter.note(.firstDeclaration, at: first.header.namePlace)])
            } else {
                firstByYear[y] = b
            }
        }
        guard options.auGiven else { return }
        let version = contract.versionInForce(at: options.au)
        guard let period = version.period,
              let (p, due) = version.header.bilanDueLine else { return }
        var missing: [Int] = []
        var days: [Day] = []
        for y in period.years where firstByYear[y] == nil {
            guard let d = due.day(for: y), d < options.au else { continue }
            missing.append(y)
            days.append(d)
        }
        if !missing.isEmpty {
            reporter.report(.bilanMissing(years: missing, due: days), at: p.place, subject: version.header)
        }
    }
}
