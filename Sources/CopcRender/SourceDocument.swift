import CopcFrench
import CopcSource
import CopcLanguage
import CopcSyntax
import CopcModel
import CopcFormat

/// `copc rendre --format cop`: a consolidated version written back as one contract source
/// file — avenants applied, in `copc fmt`'s layout — so that a new drafting round starts from
/// the contract as in force.
///
/// No second printer of values: every property line is its source line in canonical
/// spelling (`FileTable.canonicalText`, the spelling of the IR's `texte_source`), taken from
/// the contract or from the avenant that set it; titles are written by `Canonical.literal`;
/// the whole text then goes through `Formatter.format`, which lays it out and proves it
/// re-reads as what was printed. A line that set several years (`cible 2021 .. 2025 : …`)
/// is written once while all its years survive; when an avenant replaced some of them, the
/// others are written one year per line (`cible 2021 : …`). Comments attached to a line (the
/// comments between the previous line of code and it, and a comment at its end) are kept
/// with the element or property that line declares, from whichever file it comes; comments
/// of removed elements and replaced properties go with them. Référents and plans declared in
/// the contract or its avenants follow the contract header; imports (`utilise`) are kept.
/// An element whose parent is not the one its rank gives is written with `dans KIND ID`.
///
/// Property (tested on every version of every contract of the repository): `copc check` of
/// the result reports no more than the version did, and `copc emit` of it equals the
/// version's IR except provenance (`modifie_par`, `motif`, `fichier`, the avenants).
public enum SourceDocument {
    /// Why the text could not be written.
    public struct Failure: Error, Sendable {
        public let message: String
    }

    public static func render(_ contract: Contract, version: Version, files: FileTable) -> Result<String, Failure> {
        var w = SourceWriter(contract: contract, version: version, files: files)
        let text = w.run()
        let path = files[contract.file].path
        switch Formatter.format(path: path, text: text) {
        case .formatted(let s): return .success(s)
        case .refused(let ds):
            let first = ds.first.map { ": " + $0.message.text } ?? ""
            return .failure(Failure(message: "la version consolidée n'a pas pu être écrite en texte source canonique (défaut de copc, à signaler)\(first)"))
        }
    }
}

/// The comments of one file, attached to the line of code they belong to.
struct AttachedComments {
    /// Comment ranges before the code line (with their line numbers), by line index.
    var leading: [Int: [(range: ByteRange, line: Int)]] = [:]
    /// A comment at the end of a code line, by line index.
    var trailing: [Int: ByteRange] = [:]
    /// Comments after the last line of code.
    var tail: [(range: ByteRange, line: Int)] = []

    init(_ syntax: FileSyntax) {
        let file = syntax.file
        let tokens = syntax.tokens
        var t = 0
        var previousEndLine = -1
        for c in syntax.comments {
            // Advance to the first token after the comment, remembering the last one before it.
            while t < tokens.count && Int(tokens[t].start) < c.start {
                let k = tokens[t].kind
                if k != .newline && k != .endOfFile {
                    previousEndLine = file.lineIndex(of: max(Int(tokens[t].start), Int(tokens[t].end) - 1))
                }
                t += 1
            }
            let line = file.lineIndex(of: c.start)
            if line == previousEndLine {
                trailing[line] = c
                continue
            }
            var n = t
            while n < tokens.count && (tokens[n].kind == .newline) { n += 1 }
            if n < tokens.count && tokens[n].kind != .endOfFile {
                leading[file.lineIndex(of: Int(tokens[n].start)), default: []].append((c, line))
            } else {
                tail.append((c, line))
            }
        }
    }
}

struct SourceWriter {
    let contract: Contract
    let version: Version
    let files: FileTable
    var out = ""
    var comments: [FileID: AttachedComments] = [:]
    /// How many properties each source line set, over the contract and its avenants.
    var lineCounts: [Place: Int] = [:]
    let contractFiles: Set<FileID>

    init(contract: Contract, version: Version, files: FileTable) {
        self.contract = contract
        self.version = version
        self.files = files
        self.contractFiles = Set(contract.files)
        let v0 = contract.versions[0]
        for id in v0.tree.preorder {
            for p in v0.tree[id].properties { lineCounts[p.place, default: 0] += 1 }
        }
        for d in v0.referents.values { for p in d.properties { lineCounts[p.place, default: 0] += 1 } }
        for d in v0.plans.values { for p in d.properties { lineCounts[p.place, default: 0] += 1 } }
        for a in contract.avenants {
            for c in a.changes { for p in c.element.properties { lineCounts[p.place, default: 0] += 1 } }
        }
    }

    mutating func attached(_ file: FileID) -> AttachedComments {
        if let c = comments[file] { return c }
        let c = AttachedComments(Parser.parse(files[file]))
        comments[file] = c
        return c
    }

    /// For each surviving element that followed an element an avenant removed, the removed
    /// elements and the avenant: their numbers stay free (the version does not report them as
    /// holes, COP203), so the text says so and keeps COP203 silent on the next element.
    func freedNumbers() -> [ElementKey: [(Element, Int)]] {
        var freed: [ElementKey: [(Element, Int)]] = [:]
        guard version.number > 0 else { return freed }
        for k in 1...version.number {
            guard let avenant = contract.versions[k].avenant else { continue }
            let before = contract.versions[k - 1]
            for c in avenant.changes where c.op == .supprimer {
                guard let id = c.id, let rid = before.index[ElementKey(c.kind, id)] else { continue }
                var next = before.tree[rid].nextSibling
                while let n = next, version.index[before.tree[n].key] == nil { next = before.tree[n].nextSibling }
                if let n = next { freed[before.tree[n].key, default: []].append((before.tree[rid], avenant.number ?? k)) }
            }
        }
        return freed
    }

    mutating func run() -> String {
        let freed = freedNumbers()
        let tree = version.tree
        let root = tree.root!
        let header = tree[root]
        line(header.place, indent: 0, self.header(header, placement: nil))
        // Imports of the contract file.
        let syntax = Parser.parse(files[contract.file])
        for item in syntax.items {
            if case .uses(let u) = item { line(files[contract.file].place(u.range), indent: 1, files.canonicalText(files[contract.file].place(u.range))) }
        }
        properties(header, indent: 1)
        // Declarations of the contract and its avenants.
        let declarations = (version.sortedReferents + version.sortedPlans).filter { contractFiles.contains($0.place.file) }
        for d in declarations {
            out += "\n"
            line(d.place, indent: 0, self.header(d, placement: nil))
            properties(d, indent: 1)
        }
        // The tree, with `dans` where the rank would nest an element elsewhere.
        var previous: ElementID = root
        for id in tree.preorder where id != root {
            let e = tree[id]
            let rank = e.kind.rank ?? 4
            var natural: ElementID? = previous
            while let n = natural, n != root, (tree[n].kind.rank ?? 0) >= rank { natural = tree[n].parent }
            var placement: String?
            if let p = e.parent, p != (natural ?? root) {
                let parent = tree[p]
                placement = parent.kind == .contrat ? "dans contrat" : "dans \(parent.kind.keyword) \(parent.id ?? "")"
            }
            out += "\n"
            var notes: [String] = []
            for (r, n) in freed[e.key] ?? [] {
                notes.append("# \(r.kind.keyword) \(r.id ?? "") supprimé\(r.kind == .action ? "e" : "") par l'avenant n° \(n) : son numéro reste libre.")
            }
            if !notes.isEmpty { notes.append("# copc: ignorer COP203") }
            line(e.place, indent: 0, self.header(e, placement: placement), notes: notes)
            properties(e, indent: 1)
            previous = id
        }
        let tail = attached(contract.file).tail
        if !tail.isEmpty {
            out += "\n"
            commentLines(tail, file: contract.file, indent: 0, nextLine: nil)
        }
        return out
    }

    /// `objectif 1.1 « Titre »` (`dans …`).
    func header(_ e: Element, placement: String?) -> String {
        var s = e.kind.keyword
        if let id = e.id { s += " " + id }
        if let t = e.title { s += " " + Canonical.literal(t) }
        if let p = placement { s += " " + p }
        return s
    }

    mutating func properties(_ e: Element, indent: Int) {
        let props = e.properties
        var i = 0
        while i < props.count {
            let p = props[i]
            var j = i + 1
            while j < props.count && props[j].place == p.place { j += 1 }
            if case .text(let value) = p.value, isTextBlock(p.valuePlace) {
                // A text block: its lines under the key, as the formatter lays them out.
                var block = files.canonicalText(p.keyPlace) + " \"\"\"\n"
                for l in value.split(separator: "\n", omittingEmptySubsequences: false) {
                    block += l.isEmpty ? "\n" : String(repeating: "  ", count: indent + 1) + l + "\n"
                }
                block += String(repeating: "  ", count: indent) + "\"\"\""
                line(p.place, indent: indent, block)
            } else if j - i == lineCounts[p.place] ?? 1 {
                line(p.place, indent: indent, files.canonicalText(p.place))
            } else {
                // Some years of a multi-year line were replaced: the others one per line.
                for k in i..<j {
                    let q = props[k]
                    var key = q.key.display
                    if let y = q.year { key += " \(y)" }
                    if let l = q.label { key += " (\(l))" }
                    line(q.place, indent: indent, key + " : " + files.canonicalText(q.valuePlace))
                }
            }
            i = j
        }
    }

    /// Whether a value was written as a text block (`"""…"""`).
    func isTextBlock(_ place: Place) -> Bool {
        let b = files[place.file].bytes
        let s = Int(place.start)
        return s + 3 <= b.count && b[s] == 34 && b[s + 1] == 34 && b[s + 2] == 34
    }

    /// Writes a line of code with the comments attached to its source line.
    mutating func line(_ place: Place, indent: Int, _ code: String, notes: [String] = []) {
        let file = files[place.file]
        let index = file.lineIndex(of: Int(place.start))
        let c = attached(place.file)
        if let leading = c.leading[index] { commentLines(leading, file: place.file, indent: indent, nextLine: notes.isEmpty ? index : nil) }
        for n in notes { out += String(repeating: "  ", count: indent) + n + "\n" }
        out += String(repeating: "  ", count: indent) + code
        if let t = c.trailing[index] { out += "  " + file.text(t).trimmingTrailingBlanks() }
        out += "\n"
    }

    mutating func commentLines(_ cs: [(range: ByteRange, line: Int)], file: FileID, indent: Int, nextLine: Int?) {
        let f = files[file]
        for (k, c) in cs.enumerated() {
            if k > 0 && c.line > cs[k - 1].line + 1 { out += "\n" }
            out += String(repeating: "  ", count: indent) + f.text(c.range).trimmingTrailingBlanks() + "\n"
        }
        if let n = nextLine, let last = cs.last, n > last.line + 1 { out += "\n" }
    }
}

extension String {
    fileprivate func trimmingTrailingBlanks() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
