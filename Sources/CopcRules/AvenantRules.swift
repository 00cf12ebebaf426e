import CopcSyntax
import CopcDiagnostics
import CopcSema
import CopcLanguage

/// Checks on the chain of avenants of one contract.
///
/// COP503 — avenants are numbered 1, 2, 3… without gap or duplicate.
/// COP305 — an avenant is signed inside the period of the version it amends, and after the
/// previous avenant. COP306 — an avenant does not set a target for a year already over when
/// it is signed (`sans objet` and `à fixer par avenant` are not targets set).
enum AvenantRules {
    static func check(_ unit: ContractUnit, options: CheckOptions, reporter: Reporter) {
        var expected = 1
        var seen: [Int: FileModel] = [:]
        for av in unit.avenants {
            guard let n = av.avenantNumber, let root = av.root else { continue }
            if let first = seen[n] {
                reporter.report(.avenantDuplicate(n), at: root.idSpan ?? root.span, subject: root,
                                notes: [Note(.firstDeclaration, at: first.root?.idSpan)])
                continue
            }
            seen[n] = av
            if n != expected {
                reporter.report(.avenantNumbering(expected: expected, found: n), at: root.idSpan ?? root.span, subject: root)
            }
            expected = n + 1
        }
        var previous: (Int, Day, Element)?
        for (k, version) in unit.versions.enumerated() where k > 0 {
            guard let av = version.avenant, let root = av.root, let n = av.avenantNumber else { continue }
            guard let signedProp = root.first(.signeLe), case .date(let signed) = signedProp.value else { continue }
            if let period = unit.versions[k - 1].period, signed < period.start || signed > period.end {
                reporter.report(.avenantSignedOutsidePeriod(number: n, date: signed, period: period),
                                at: signedProp.valueSpan, subject: root,
                                notes: unit.versions[k - 1].periodProp.map { [Note(.periodDeclared, at: $0.span)] } ?? [])
            }
            if let (pn, pd, pe) = previous, signed <= pd {
                reporter.report(.avenantNotAfterPrevious(number: n, date: signed, previous: pn, previousDate: pd),
                                at: signedProp.valueSpan, subject: root,
                                notes: [Note(.previousAvenant(pn), at: pe.first(.signeLe)?.span ?? pe.span)])
            }
            previous = (n, signed, root)
            for change in av.changes where change.kind == .indicateur && change.op != .supprimer {
                for p in change.element.props where p.key == .cible {
                    guard let y = p.years?.lowerBound, case .target(let t) = p.value, y < signed.year else { continue }
                    if t == .notApplicable || t == .pending { continue }
                    reporter.report(.targetForPastYear(year: y, signed: signed), at: p.span, subject: change.element)
                }
            }
        }
    }
}
