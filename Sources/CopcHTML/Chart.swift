import CopcFrench
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An indicator's trajectory across the years of a contract, drawn by `HTMLWriter.chart` as
/// a small inline SVG chart: targets as a step line (one level per year), ranges as a grey
/// band, bounds as a dashed line with an arrow toward the accepted side, réalisés as points.
///
/// Whether a réalisé reached its target is the caller's judgement (the bilan compares it
/// following the target's form and the indicator's `sens`); the chart only draws it: a filled
/// disc when reached, a hollow disc crossed by an ✕ when missed, a hollow square when not
/// assessed — shapes, so it reads in black and white.
public struct Trajectory: Sendable {
    /// The target of one year.
    public enum Target: Sendable, Equatable {
        case value(Double)
        /// `entre a et b` (the bounds in any order).
        case range(Double, Double)
        /// `≥ v`, `au moins v`.
        case atLeast(Double)
        /// `≤ v`, `au plus v`.
        case atMost(Double)
        /// A target that is not drawn (`à fixer par avenant`, `sans objet`, a milestone, a
        /// text): the text alternative states it.
        case described(String)
    }

    /// Where the value axis starts. `fromZero` (counts, percentages): zero is always on the
    /// axis, so that a gap is seen at its true size. `fitted` (amounts, durations): the axis
    /// spans the values, from zero when the smallest is at most half the largest; when it does
    /// not start at zero, the chart says so under the legend (« axe des valeurs à partir de … »).
    public enum Axis: Sendable, Equatable { case fitted, fromZero }

    /// How a réalisé compares with its target.
    public enum Outcome: Sendable, Equatable { case reached, missed, notAssessed }

    /// The réalisé of one year.
    public struct Actual: Sendable, Equatable {
        /// Nil: no value (`non disponible`); `note` says why.
        public var value: Double?
        public var outcome: Outcome
        public var note: String?

        public init(_ value: Double?, outcome: Outcome, note: String? = nil) {
            self.value = value
            self.outcome = outcome
            self.note = note
        }
    }

    /// One year of the trajectory.
    public struct Year: Sendable, Equatable {
        public var year: Int
        public var target: Target?
        public var actual: Actual?

        public init(_ year: Int, target: Target? = nil, actual: Actual? = nil) {
            self.year = year
            self.target = target
            self.actual = actual
        }
    }

    /// Unique in the page: the SVG's title and description ids derive from it.
    public var anchor: Anchor
    /// The indicator, for the caption and the text alternative: `1.1.a — Taux de …`.
    public var title: String
    /// The unit written after values (`%`, `M€`, `jours`); nil for plain numbers.
    public var unit: String?
    /// The years, in any order. A year given twice keeps its last entry. The x axis runs
    /// through every year from the first to the last (years without data stay empty) when
    /// they span at most 30 years, else through the given years only.
    public var years: [Year]
    public var axis: Axis

    public init(anchor: Anchor, title: String, unit: String? = nil, years: [Year], axis: Axis = .fitted) {
        self.anchor = anchor
        self.title = title
        self.unit = unit
        self.years = years
        self.axis = axis
    }
}

extension HTMLWriter {
    /// Writes a trajectory chart in a `<figure>` with its caption.
    public mutating func chart(_ t: Trajectory, caption: Bool = true) {
        element(.figure, [.class("graphique")]) { w in
            if caption { w.element(.figcaption, prose: t.title) }
            w.appendTrusted(t.svg())
        }
    }
}

extension Trajectory {
    /// Values beyond this magnitude are drawn at it (the text alternative keeps the real
    /// value), so that no intermediate computation overflows.
    static let drawLimit = 1e300

    /// The chart as an `<svg>` element (inline SVG, also well-formed XML).
    public func svg() -> String {
        let slots = Self.slots(years)
        let byYear = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
        let scale = ValueScale(values: Self.drawnValues(byYear.values), fromZero: axis == .fromZero)

        // Geometry (SVG user units ≈ CSS pixels).
        // 12 and 10.5 user units print at about 9 pt and 8 pt when the chart is not scaled down.
        let font = 12.0, small = 10.5
        let tickLabels = scale.isEmpty ? [] : scale.ticks.map { scale.label($0) }
        let labelWidth = Double(tickLabels.map { $0.unicodeScalars.count }.max() ?? 1) * font * 0.6
        let left = min(max(labelWidth + 12, 36), 150)
        let slotWidth = slots.count <= 6 ? 64.0 : (slots.count <= 12 ? 52.0 : 44.0)
        let plotWidth = max(Double(max(slots.count, 1)) * slotWidth, 160)
        let slotW = slots.isEmpty ? plotWidth : plotWidth / Double(slots.count)
        let top = unit == nil ? 10.0 : 22.0
        let plotHeight = 150.0
        let bottom = top + plotHeight
        let width = left + plotWidth + 14
        let legendItems = legend(byYear: byYear) + (axisNote(scale).map { [LegendItem.note($0)] } ?? [])
        let legendLayout = Self.layoutLegend(legendItems, x: 6, width: width - 12, font: small)
        let legendTop = bottom + 24
        let height = legendTop + legendLayout.height + 8
        func x(_ slot: Int) -> Double { left + Double(slot) * slotW }
        func cx(_ slot: Int) -> Double { left + (Double(slot) + 0.5) * slotW }
        func y(_ v: Double) -> Double { scale.y(v, top: top, height: plotHeight) }

        var s = SVGWriter()
        let titleID = anchor.value + "-titre", descID = anchor.value + "-desc"
        s.open("svg", [
            ("class", "trajectoire"), ("role", "img"),
            ("width", SVGWriter.number(width)), ("height", SVGWriter.number(height)),
            ("viewBox", "0 0 " + SVGWriter.number(width) + " " + SVGWriter.number(height)),
            ("aria-labelledby", titleID + " " + descID),
            ("font-size", SVGWriter.number(font)),
        ])
        s.textElement("title", [("id", titleID)], "Trajectoire : " + title)
        s.textElement("desc", [("id", descID)], textAlternative(slots: slots, byYear: byYear))

        // Grid and y axis.
        s.open("g", [("class", "axes"), ("aria-hidden", "true")])
        for (tick, label) in zip(scale.ticks, tickLabels) where !scale.isEmpty {
            let ty = y(tick)
            s.line(left, ty, left + plotWidth, ty, [("stroke", tick == 0 && scale.lo < 0 ? "#555" : "#d0d0d0"), ("stroke-width", "0.8")])
            s.textElement("text", [("x", SVGWriter.number(left - 6)), ("y", SVGWriter.number(ty + font * 0.35)), ("text-anchor", "end"), ("fill", "#1b1b1b")], label)
        }
        if let unit {
            s.textElement("text", [("x", SVGWriter.number(left - 6)), ("y", SVGWriter.number(top - 9)), ("text-anchor", "end"), ("fill", "#1b1b1b"), ("font-style", "italic")], French.typeset(unit))
        }
        s.line(left, top, left, bottom, [("stroke", "#1b1b1b"), ("stroke-width", "1")])
        s.line(left, bottom, left + plotWidth, bottom, [("stroke", "#1b1b1b"), ("stroke-width", "1")])
        for (i, year) in slots.enumerated() {
            s.line(cx(i), bottom, cx(i), bottom + 4, [("stroke", "#1b1b1b"), ("stroke-width", "1")])
            s.textElement("text", [("x", SVGWriter.number(cx(i))), ("y", SVGWriter.number(bottom + 17)), ("text-anchor", "middle"), ("fill", "#1b1b1b")], String(year))
        }
        s.close("g")

        // Targets.
        s.open("g", [("class", "cibles"), ("aria-hidden", "true")])
        for (i, year) in slots.enumerated() {
            guard let target = byYear[year]?.target else { continue }
            let x0 = x(i) + 3, x1 = x(i + 1) - 3
            switch target {
            case .range(let a, let b):
                let ya = y(min(a, b).clamped), yb = y(max(a, b).clamped)
                s.empty("rect", [("x", SVGWriter.number(x0)), ("y", SVGWriter.number(yb)),
                                 ("width", SVGWriter.number(x1 - x0)), ("height", SVGWriter.number(max(ya - yb, 2))),
                                 ("fill", "#c8c8c8"), ("fill-opacity", "0.75"), ("stroke", "#1b1b1b"), ("stroke-width", "1")])
            case .atLeast(let v), .atMost(let v):
                let up: Bool
                if case .atLeast = target { up = true } else { up = false }
                let ly = y(v.clamped)
                s.line(x0, ly, x1, ly, [("stroke", "#1b1b1b"), ("stroke-width", "2"), ("stroke-dasharray", "5 3")])
                let ax = x0 + 7, dir = up ? -1.0 : 1.0
                s.empty("path", [("d", "M" + SVGWriter.number(ax - 4) + " " + SVGWriter.number(ly + dir * 3)
                                      + " L" + SVGWriter.number(ax + 4) + " " + SVGWriter.number(ly + dir * 3)
                                      + " L" + SVGWriter.number(ax) + " " + SVGWriter.number(ly + dir * 10) + " Z"),
                                 ("fill", "#1b1b1b")])
            case .value, .described:
                break
            }
        }
        // Value targets: one step path per run of consecutive years.
        var path = ""
        var previous: (slot: Int, y: Double)? = nil
        for (i, year) in slots.enumerated() {
            guard case .value(let v)? = byYear[year]?.target else { previous = nil; continue }
            let ty = y(v.clamped)
            if let p = previous, p.slot == i - 1 {
                path += " V" + SVGWriter.number(ty) + " H" + SVGWriter.number(x(i + 1))
            } else {
                path += (path.isEmpty ? "" : " ") + "M" + SVGWriter.number(x(i)) + " " + SVGWriter.number(ty) + " H" + SVGWriter.number(x(i + 1))
            }
            previous = (i, ty)
        }
        if !path.isEmpty {
            s.empty("path", [("d", path), ("fill", "none"), ("stroke", "#1b1b1b"), ("stroke-width", "2.2"), ("stroke-linejoin", "round")])
        }
        s.close("g")

        // Réalisés: a dotted line between consecutive years, then the markers and values.
        s.open("g", [("class", "realises"), ("aria-hidden", "true")])
        var link = ""
        var last: Int? = nil
        for (i, year) in slots.enumerated() {
            guard let v = byYear[year]?.actual?.value, v.isFinite else { last = nil; continue }
            let point = SVGWriter.number(cx(i)) + " " + SVGWriter.number(y(v.clamped))
            link += (last == i - 1 ? " L" : (link.isEmpty ? "M" : " M")) + point
            last = i
        }
        if link.contains("L") {
            s.empty("path", [("d", link), ("fill", "none"), ("stroke", "#555"), ("stroke-width", "1.2"), ("stroke-dasharray", "2 3")])
        }
        for (i, year) in slots.enumerated() {
            guard let actual = byYear[year]?.actual else { continue }
            let px = cx(i)
            guard let v = actual.value, v.isFinite else {
                s.textElement("text", [("x", SVGWriter.number(px)), ("y", SVGWriter.number(bottom - 6)), ("text-anchor", "middle"),
                                       ("font-size", SVGWriter.number(small)), ("font-style", "italic"), ("fill", "#1b1b1b")], "n.\u{00A0}d.")
                continue
            }
            let py = y(v.clamped)
            Self.marker(actual.outcome, x: px, y: py, into: &s)
            let above = py - 10 > top + 4
            let label = scale.valueLabel(v)
            // Right of the marker, or left of it when the label would leave the chart.
            let fitsRight = px + 7 + Double(label.unicodeScalars.count) * small * 0.6 <= width - 2
            s.textElement("text", [("x", SVGWriter.number(fitsRight ? px + 7 : px - 7)), ("y", SVGWriter.number(above ? py - 8 : py + 16)),
                                   ("text-anchor", fitsRight ? "start" : "end"),
                                   ("font-size", SVGWriter.number(small)), ("fill", "#1b1b1b"),
                                   ("stroke", "#fff"), ("stroke-width", "3"), ("paint-order", "stroke"), ("stroke-linejoin", "round")],
                          label)
        }
        s.close("g")

        if slots.isEmpty || (scale.isEmpty && !byYear.values.contains { $0.actual != nil }) {
            s.textElement("text", [("x", SVGWriter.number(left + plotWidth / 2)), ("y", SVGWriter.number(top + plotHeight / 2)),
                                   ("text-anchor", "middle"), ("font-style", "italic"), ("fill", "#1b1b1b")], "Aucune valeur chiffrée")
        }

        // Legend.
        s.open("g", [("class", "legende"), ("aria-hidden", "true"), ("font-size", SVGWriter.number(small))])
        for (item, (lx, ly)) in zip(legendItems, legendLayout.positions) {
            let gy = legendTop + small + ly
            switch item {
            case .target:
                s.line(lx, gy - 3, lx + 16, gy - 3, [("stroke", "#1b1b1b"), ("stroke-width", "2.2")])
            case .range:
                s.empty("rect", [("x", SVGWriter.number(lx)), ("y", SVGWriter.number(gy - 8)), ("width", "16"), ("height", "9"),
                                 ("fill", "#c8c8c8"), ("stroke", "#1b1b1b"), ("stroke-width", "1")])
            case .bound:
                s.line(lx, gy - 3, lx + 16, gy - 3, [("stroke", "#1b1b1b"), ("stroke-width", "2"), ("stroke-dasharray", "5 3")])
            case .outcome(let o):
                Self.marker(o, x: lx + 8, y: gy - 3, into: &s)
            case .note:
                s.textElement("text", [("x", SVGWriter.number(lx)), ("y", SVGWriter.number(gy)), ("fill", "#1b1b1b"), ("font-style", "italic")], item.label)
                continue
            }
            s.textElement("text", [("x", SVGWriter.number(lx + 21)), ("y", SVGWriter.number(gy)), ("fill", "#1b1b1b")], item.label)
        }
        s.close("g")
        s.close("svg")
        return s.out
    }

    /// The text alternative: every year with its target and réalisé, in French.
    func textAlternative(slots: [Int], byYear: [Int: Year]) -> String {
        var parts: [String] = []
        for year in slots {
            guard let entry = byYear[year] else { continue }
            var items: [String] = []
            if let t = entry.target { items.append("cible " + describe(t)) } else { items.append("pas de cible") }
            if let a = entry.actual {
                if let v = a.value, v.isFinite {
                    var r = "réalisé " + French.quantity(v, symbol: unit)
                    switch a.outcome {
                    case .reached: r += ", cible atteinte"
                    case .missed: r += ", cible non atteinte"
                    case .notAssessed: break
                    }
                    items.append(r)
                } else {
                    items.append("réalisé non disponible" + (a.note.map { " (" + $0 + ")" } ?? ""))
                }
                if a.value != nil, let note = a.note { items.append(note) }
            }
            parts.append(String(year) + " : " + items.joined(separator: ", "))
        }
        if parts.isEmpty { return "Aucune donnée." }
        let note = axisNote(ValueScale(values: Self.drawnValues(byYear.values), fromZero: axis == .fromZero)).map { " (" + $0 + ")" } ?? ""
        return French.typeset(parts.joined(separator: " ; ") + "." + note)
    }

    private func describe(_ t: Target) -> String {
        switch t {
        case .value(let v): return French.quantity(v, symbol: unit)
        case .range(let a, let b): return "entre " + French.quantity(min(a, b), symbol: unit) + " et " + French.quantity(max(a, b), symbol: unit)
        case .atLeast(let v): return "au moins " + French.quantity(v, symbol: unit)
        case .atMost(let v): return "au plus " + French.quantity(v, symbol: unit)
        case .described(let s): return s
        }
    }

    /// The years on the x axis.
    static func slots(_ years: [Year]) -> [Int] {
        let listed = Set(years.map(\.year)).sorted()
        guard let first = listed.first, let last = listed.last else { return [] }
        // Compare without overflowing for extreme years.
        if last.subtractingReportingOverflow(first).partialValue <= 30, !last.subtractingReportingOverflow(first).overflow {
            return Array(first...last)
        }
        return listed
    }

    /// Every finite value that is drawn (targets and réalisés).
    static func drawnValues<S: Sequence>(_ years: S) -> [Double] where S.Element == Year {
        var values: [Double] = []
        for y in years {
            switch y.target {
            case .value(let v)?, .atLeast(let v)?, .atMost(let v)?: values.append(v)
            case .range(let a, let b)?: values.append(a); values.append(b)
            case .described?, nil: break
            }
            if let v = y.actual?.value { values.append(v) }
        }
        return values.filter(\.isFinite).map(\.clamped)
    }

    static func marker(_ o: Outcome, x: Double, y: Double, into s: inout SVGWriter) {
        let X = SVGWriter.number(x), Y = SVGWriter.number(y)
        switch o {
        case .reached:
            s.empty("circle", [("cx", X), ("cy", Y), ("r", "4.5"), ("fill", "#1b1b1b")])
        case .missed:
            s.empty("circle", [("cx", X), ("cy", Y), ("r", "5.5"), ("fill", "#fff"), ("stroke", "#1b1b1b"), ("stroke-width", "1.6")])
            s.line(x - 3.4, y - 3.4, x + 3.4, y + 3.4, [("stroke", "#1b1b1b"), ("stroke-width", "1.6")])
            s.line(x - 3.4, y + 3.4, x + 3.4, y - 3.4, [("stroke", "#1b1b1b"), ("stroke-width", "1.6")])
        case .notAssessed:
            s.empty("rect", [("x", SVGWriter.number(x - 4)), ("y", SVGWriter.number(y - 4)), ("width", "8"), ("height", "8"),
                             ("fill", "#fff"), ("stroke", "#1b1b1b"), ("stroke-width", "1.6")])
        }
    }

    /// « axe des valeurs à partir de 2 100 k€ » when the drawn axis does not reach zero.
    func axisNote(_ scale: ValueScale) -> String? {
        guard !scale.isEmpty, scale.lo > 0 || scale.hi < 0 else { return nil }
        let from = scale.lo > 0 ? scale.lo : scale.hi
        return "axe des valeurs " + (scale.lo > 0 ? "à partir de " : "jusqu'à ") + French.quantity(from, symbol: unit, decimals: scale.decimals)
    }

    enum LegendItem: Equatable {
        case target, range, bound, outcome(Outcome)
        /// A sentence under the legend, without symbol.
        case note(String)

        var label: String {
            switch self {
            case .target: return "cible"
            case .range: return "fourchette cible"
            case .bound: return "seuil (▲ au moins, ▼ au plus)"
            case .outcome(.reached): return "réalisé, cible atteinte"
            case .outcome(.missed): return "réalisé, cible non atteinte"
            case .outcome(.notAssessed): return "réalisé"
            case .note(let s): return s
            }
        }
    }

    func legend(byYear: [Int: Year]) -> [LegendItem] {
        var used: [LegendItem] = []
        func add(_ i: LegendItem) { if !used.contains(i) { used.append(i) } }
        for y in byYear.keys.sorted() {
            switch byYear[y]!.target {
            case .value?: add(.target)
            case .range?: add(.range)
            case .atLeast?, .atMost?: add(.bound)
            default: break
            }
        }
        for y in byYear.keys.sorted() {
            if let a = byYear[y]!.actual, a.value?.isFinite == true { add(.outcome(a.outcome)) }
        }
        let order: [LegendItem] = [.target, .range, .bound, .outcome(.reached), .outcome(.missed), .outcome(.notAssessed)]
        return order.filter(used.contains)
    }

    /// Flows the legend items into rows: their offsets from the legend's origin.
    static func layoutLegend(_ items: [LegendItem], x: Double, width: Double, font: Double) -> (positions: [(Double, Double)], height: Double) {
        var positions: [(Double, Double)] = []
        var cx = 0.0, row = 0.0
        let lineHeight = font + 6
        for item in items {
            if case .note = item, cx > 0 {
                cx = 0
                row += lineHeight
            }
            let w = 24 + Double(item.label.unicodeScalars.count) * font * 0.55 + 14
            if cx > 0 && cx + w > width {
                cx = 0
                row += lineHeight
            }
            positions.append((x + cx, row))
            cx += w
        }
        return (positions, items.isEmpty ? 0 : row + lineHeight)
    }
}

extension Double {
    /// The value limited to ±`Trajectory.drawLimit`.
    var clamped: Double { Swift.min(Swift.max(self, -Trajectory.drawLimit), Trajectory.drawLimit) }
}

/// The vertical scale of a chart: a domain with round ends, its ticks and how to label them.
struct ValueScale {
    var lo: Double
    var hi: Double
    var step: Double
    var ticks: [Double]
    /// No value to draw (the domain is the placeholder 0…1).
    var isEmpty: Bool
    /// Tick labels in scientific notation (huge or tiny steps).
    var scientific: Bool
    var decimals: Int

    init(values: [Double], fromZero: Bool = false) {
        let finite = values.filter(\.isFinite).map(\.clamped)
        isEmpty = finite.isEmpty
        var lo = finite.min() ?? 0
        var hi = finite.max() ?? 1
        if fromZero {
            lo = Swift.min(lo, 0)
            hi = Swift.max(hi, 0)
        }
        if lo == hi {
            let pad = lo == 0 ? 1 : Swift.abs(lo) * 0.1
            lo -= pad
            hi += pad
        } else if lo >= 0 && lo <= hi * 0.5 {
            lo = 0
        } else if hi <= 0 && hi >= lo * 0.5 {
            hi = 0
        }
        if !(hi > lo) { lo -= 1; hi += 1 }  // a pad that vanished (subnormal values)
        var step = Self.niceStep((hi - lo) / 4)
        if !(step > 0) || !step.isFinite { step = hi - lo }
        let tickLo = (lo / step).rounded(.down) * step
        let tickHi = (hi / step).rounded(.up) * step
        self.lo = tickLo.isFinite ? tickLo : lo
        self.hi = tickHi.isFinite ? tickHi : hi
        self.step = step
        var ticks: [Double] = []
        let count = French.clamped((self.hi - self.lo) / step, to: 0...13)
        if count >= 1 && count <= 12 {
            for i in 0...count {
                let t = self.lo + Double(i) * step
                // Snap values like 0.30000000000000004 and −0 for clean labels.
                ticks.append(Swift.abs(t) < step * 1e-9 ? 0 : t)
            }
        } else {
            ticks = [self.lo, self.hi]
        }
        self.ticks = ticks
        let magnitude = Swift.max(Swift.abs(self.lo), Swift.abs(self.hi))
        scientific = step < 1e-6 || magnitude >= 1e15
        let exponent = French.clamped(log10(step).rounded(.down), to: -400...400)
        decimals = Swift.min(Swift.max(0, -exponent + (Self.isQuarterStep(step) ? 1 : 0)), 6)
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let exponent = log10(raw).rounded(.down)
        let power = pow10(exponent)
        guard power > 0, power.isFinite else { return raw }
        let f = raw / power
        let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10
        let step = nice * power
        return step.isFinite && step > 0 ? step : raw
    }

    /// 10^e, 0 or infinity when out of range.
    static func pow10(_ e: Double) -> Double { pow(10, e) }

    static func isQuarterStep(_ step: Double) -> Bool {
        let power = pow10(log10(step).rounded(.down))
        guard power > 0, power.isFinite else { return false }
        return Swift.abs(step / power - 2.5) < 1e-9
    }

    /// The gap between the domain's ends and the plot's edges, in user units: no value, tick
    /// or target line ever lies on the frame (a target at zero, or at the top of the scale,
    /// stays distinct from the axis lines).
    static let inset = 8.0

    /// The y coordinate of `v`, top at `hi`. Computed on halves so that ±1e300 never overflows.
    func y(_ v: Double, top: Double, height: Double) -> Double {
        let num = hi / 2 - v / 2, den = hi / 2 - lo / 2
        let r = den > 0 ? num / den : 0.5
        let c = r.isFinite ? Swift.min(Swift.max(r, 0), 1) : 0.5
        let inset = Swift.min(ValueScale.inset, height / 4)
        return top + inset + c * (height - 2 * inset)
    }

    /// A tick label.
    func label(_ v: Double) -> String {
        scientific ? French.scientific(v, significantDigits: 3) : French.number(v, decimals: decimals)
    }

    /// The label of a drawn value (a réalisé): two decimals at most, scientific when huge.
    func valueLabel(_ v: Double) -> String {
        Swift.abs(v) >= 1e15 || (v != 0 && Swift.abs(v) < 1e-4) ? French.scientific(v, significantDigits: 3) : French.number(v, decimals: 2)
    }
}
