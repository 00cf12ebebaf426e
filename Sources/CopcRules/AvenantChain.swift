import CopcSource
import CopcDiagnostics
import CopcLanguage
import CopcModel
import CopcSema

/// Checks on the chain of avenants of one contract.
///
/// COP503 — avenants are numbered 1, 2, 3… without gap or duplicate.
/// COP305 — an avenant is signed inside the period of the version it amends, and after the
/// previous avenant. COP306 — an avenant does not set a target (a value, or `sans objet` in a
/// `modifier`) for a year already over when it is signed (`à fixer par avenant` sets nothing).
enum AvenantChain {
    static func check(_ contract: Contract, reporter: Reporter) {
        var expected = 1
        var seen: [Int: Avenant] = [:]
        for av in contract.avenants {
            guard let n = av.number else { continue }
            let root = av.header
            if let first = seen[n] {
                reporter.report(.avenantDuplicate(n), at: root.namePlace, subject: root,
                                notes: [reporter.note(.firstDeclaration, at: first.header.idPlace)])
                continue
            }
            seen[n] = av
            if n != expected {
                reporter.report(.avenantNumbering(expected: expected, found: n), at: root.namePlace, subject: root)
            }
            // Saturating: an avenant numbered 9223372036854775807 expects no successor.
            expected = n == Int.max ? n : n + 1
        }
        var previous: (Int, Day, Element)?
        for (k, version) in contract.versions.enumerated() where k > 0 {
            guard let av = version.avenant, let n = av.number else { continue }
            let root = av.header
            guard let signedProp = root.first(.signeLe), case .date(let signed) = signedProp.value else { continue }
            let amended = contract.versions[k - 1]
            if let period = amended.period, signed < period.start || signed > period.end {
                reporter.report(.avenantSignedOutsidePeriod(number: n, date: signed, period: period),
                                at: signedProp.valuePlace, subject: root,
                                notes: amended.periodProperty.map { [reporter.note(.periodDeclared, at: $0.place)] } ?? [])
            }
            if let (pn, pd, pe) = previous, signed <= pd {
                reporter.report(.avenantNotAfterPrevious(number: n, date: signed, previous: pn, previousDate: pd),
                                at: signedProp.valuePlace, subject: root,
                                notes: [reporter.note(.previousAvenant(pn), at: pe.first(.signeLe)?.place ?? pe.place)])
            }
            previous = (n, signed, root)
            for change in av.changes where change.kind == .indicateur && change.op != .supprimer {
                for p in change.element.properties where p.key == .cible {
                    guard let y = p.year, case .target(let t) = p.value, y < signed.year else { continue }
                    // A value or `sans objet` set for an elapsed year (design §5); a year put back
                    // `à fixer par avenant` sets nothing, and an indicator added by the avenant
                    // rightly declares its elapsed years `sans objet`.
                    if t == .pending || (t == .notApplicable && change.op != .modifier) { continue }
                    reporter.report(.targetForPastYear(year: y, signed: signed), at: p.place, subject: change.element)
                }
            }
        }
    }
}
