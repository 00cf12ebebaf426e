import CopcLanguage
import CopcModel

/// The elements of a contract by the years of their period-dependent facts (issue 21): the
/// years of their targets, bases and `moyens`, and those that bound their deadlines and steps.
/// Built once, on the first avenant that changes the period (O(E)), then kept up to date with
/// what each avenant adds and modifies (an entry left by a modified or removed element only
/// makes a harmless extra re-check). A change of period `p` → `q` re-checks only the elements
/// with a year in the changed zone (`candidates`): the verdict of COP300, COP301 and COP403 on
/// a fact can only change when the fact lies between the old and the new bound.
struct PeriodIndex {
    /// The distinct years, sorted (binary search).
    var years: [Int] = []
    var byYear: [Int: [ElementID]] = [:]
    /// The elements whose facts depend on something else than the period (`selon PLAN`
    /// deadlines): re-checked on every change of period.
    var always: [ElementID] = []

    init(_ tree: ElementTree, _ elements: [ElementID]) {
        for id in elements { add(id, tree) }
    }

    mutating func add(_ id: ElementID, _ tree: ElementTree) {
        var keys: [Int] = []
        for p in tree[id].properties {
            if let y = p.year { keys.append(y) }
            guard case .deadline(let d) = p.value else { continue }
            switch d.form {
            case .window(let w): keys += [w.start.year, w.end.year]
            case .from(let day), .until(let day): keys.append(day.year)
            case .plan: always.append(id)
            case .wholePeriod, .toBeSpecified: break
            }
        }
        var last: Int?
        for y in keys.sorted() where y != last {
            last = y
            if byYear[y] == nil {
                years.insert(y, at: lowerBound(y))
                byYear[y] = [id]
            } else {
                byYear[y]!.append(id)
            }
        }
    }

    /// The first index of `years` not below `y`.
    func lowerBound(_ y: Int) -> Int {
        var lo = 0, hi = years.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if years[mid] < y { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The years whose facts may change verdict from period `p` to `q`: between the two starts
    /// (a target of the later start's year stops or starts deriving from the base), and
    /// between the two ends (a date after the earlier end; its year, unless that end is the
    /// last day of its year).
    static func zones(_ p: Window, _ q: Window) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        if p.start != q.start { out.append(min(p.start, q.start).year...max(p.start, q.start).year) }
        if p.end != q.end {
            let first = min(p.end, q.end), last = max(p.end, q.end)
            let lo = first.month == 12 && first.day == 31 ? first.year + 1 : first.year
            if lo <= last.year { out.append(lo...last.year) }
        }
        return out
    }

    /// The elements with a fact in the changed zone from `p` to `q`, and those always re-checked
    /// (possibly repeated; possibly no longer in the tree).
    func candidates(from p: Window, to q: Window) -> [ElementID] {
        var out = always
        for zone in PeriodIndex.zones(p, q) {
            var i = lowerBound(zone.lowerBound)
            while i < years.count, years[i] <= zone.upperBound {
                out += byYear[years[i]]!
                i += 1
            }
        }
        return out
    }
}
