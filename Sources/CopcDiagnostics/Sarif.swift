import CopcSource

// SARIF 2.1.0 output (`copc check --format sarif`), for GitHub code scanning and SARIF viewers.
//
// Choices, so that an upload is accepted and alerts stay matched from one run to the next:
// - One run; `tool.driver.rules` lists every `Code` (id `COP300`, a PascalCase `name`, the
//   French title as `shortDescription`, the first paragraph of `copc expliquer` as
//   `fullDescription` and the whole explanation as `help.text`); `ruleIndex` is the index in
//   `Code.allCases`.
// - Paths: every URI is relative, with `uriBaseId: "%SRCROOT%"`, declared in
//   `originalUriBaseIds`. The command line gives `relativePath`, which turns a displayed path
//   into one relative to the workspace root (the repository), whatever the folder copc was
//   started from: the log never holds an absolute path, and `%SRCROOT%` is declared with a
//   description but without its (absolute) `uri`, which SARIF allows for a base the producer
//   does not disclose. Without `relativePath` (tests), displayed paths are used as they are,
//   an absolute one as a `file://` URI. Every byte outside RFC 3986's unreserved set (and `/`)
//   is percent-encoded, so spaces and accents are valid in a URI.
// - Columns: UTF-16 code units, 1-based, SARIF's default `columnKind`, also declared on the
//   run; `endColumn` is exclusive, as SARIF defines it.
// - Notes: each note with a place is a `relatedLocations` entry, embedded in the message as a
//   SARIF link (`[texte](id)`), which is how GitHub shows related places; literal brackets in
//   messages are escaped, as SARIF requires.
// - Fingerprints (`partialFingerprints["copc/v1"]`): a hash of the code, the relative path, the
//   flagged line with runs of blanks collapsed, and the flagged text, then `:n` for the n-th
//   result with that same hash. The line number is left out on purpose: inserting or removing
//   lines elsewhere in the file leaves every fingerprint unchanged, while editing the flagged
//   line itself yields a new alert. The message is left out too, because some messages depend
//   on the `--au` date ("l'année 2026 a déjà commencé").
extension DiagnosticRenderer {
    /// The URI of the official SARIF 2.1.0 schema (errata 01), written as `$schema`.
    public static let sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// The key of copc's fingerprint in `partialFingerprints`; the `/v1` changes if the recipe does.
    public static let sarifFingerprintKey = "copc/v1"

    /// One SARIF 2.1.0 log with one run.
    ///
    /// - Parameters:
    ///   - toolVersion: copc's version, written as `tool.driver.version`.
    ///   - sourceRoot: the absolute path of the folder the diagnostics' relative paths are
    ///     relative to, written as the `uri` of `%SRCROOT%`; `nil` leaves that base described
    ///     but undisclosed (the command line: no absolute path in a log that is uploaded).
    ///   - relativePath: a displayed path (a diagnostic's or a note's) as a path relative to
    ///     `%SRCROOT%`; also what the fingerprints hash, so that they do not depend on the
    ///     folder copc was started from.
    /// Output is deterministic: same diagnostics, version and root, same bytes.
    public static func sarif(_ diagnostics: [Diagnostic], toolVersion: String, sourceRoot: String?,
                             relativePath: ((String) -> String)? = nil) -> String {
        let relative = relativePath ?? { $0 }
        let fingerprints = SarifFingerprint.all(diagnostics, path: relative)
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.field("$schema", sarifSchemaURI)
        w.field("version", "2.1.0")
        w.arrayStart("runs")
        w.beginObject()

        w.objectStart("tool")
        w.objectStart("driver")
        w.field("name", "copc")
        w.field("version", toolVersion)
        w.field("semanticVersion", toolVersion)
        w.arrayStart("rules")
        for code in Code.allCases { writeRule(code, into: &w) }
        w.endArray()
        w.endObject()
        w.endObject()

        // `%SRCROOT%` is always declared; its `uri` only when a root is given: the command
        // line gives none, so that no absolute path of the checkout leaks into an uploaded log
        // (GitHub resolves `%SRCROOT%` to the repository itself).
        w.objectStart("originalUriBaseIds")
        w.objectStart(SarifURI.sourceRootId)
        if let sourceRoot { w.field("uri", SarifURI.absolute(sourceRoot, directory: true)) }
        w.objectStart("description")
        w.field("text", "Racine de l'espace de travail (le dossier qui contient .git ou copc.toml, sinon celui des fichiers vérifiés) ; les chemins des résultats lui sont relatifs. Son chemin absolu n'est pas écrit.")
        w.endObject()
        w.endObject()
        w.endObject()

        w.field("columnKind", "utf16CodeUnits")

        w.arrayStart("results")
        for (i, d) in diagnostics.enumerated() {
            writeResult(d, fingerprint: fingerprints[i], path: relative, into: &w)
        }
        w.endArray()

        w.endObject()
        w.endArray()
        w.endObject()
        return w.out + "\n"
    }

    private static func writeRule(_ code: Code, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", code.rawValue)
        w.field("name", code.ruleName)
        w.objectStart("shortDescription")
        w.field("text", code.sarifShortDescription)
        w.endObject()
        w.objectStart("fullDescription")
        w.field("text", code.sarifFullDescription)
        w.endObject()
        w.objectStart("help")
        w.field("text", code.explanation)
        w.field("markdown", code.sarifHelpMarkdown)
        w.endObject()
        w.objectStart("defaultConfiguration")
        w.field("level", code.severity.rawValue)
        w.endObject()
        w.objectStart("properties")
        w.arrayStart("tags")
        for tag in code.sarifTags { w.string(tag) }
        w.endArray()
        w.endObject()
        w.endObject()
    }

    private static func writeResult(_ d: Diagnostic, fingerprint: String, path relative: (String) -> String, into w: inout JSONWriter) {
        w.beginObject()
        w.field("ruleId", d.code.rawValue)
        w.field("ruleIndex", Code.allCases.firstIndex(of: d.code)!)
        w.field("level", d.severity.rawValue)

        var text = SarifText.escape(d.text)
        var related: [(id: Int, note: Note, span: SourceSpan)] = []
        for n in d.notes {
            if let s = n.span {
                let id = related.count + 1
                related.append((id, n, s))
                text += "\nnote : [\(SarifText.escape(n.message.text))](\(id))"
            } else {
                text += "\nnote : \(SarifText.escape(n.message.text))"
            }
        }
        w.objectStart("message")
        w.field("text", text)
        w.endObject()

        w.arrayStart("locations")
        w.beginObject()
        writePhysicalLocation(path: relative(d.path), span: d.span, into: &w)
        w.endObject()
        w.endArray()

        if !related.isEmpty {
            w.arrayStart("relatedLocations")
            for r in related {
                w.beginObject()
                w.field("id", r.id)
                writePhysicalLocation(path: relative(r.span.file.path), span: r.span, into: &w)
                w.objectStart("message")
                w.field("text", SarifText.escape(r.note.message.text))
                w.endObject()
                w.endObject()
            }
            w.endArray()
        }

        w.objectStart("partialFingerprints")
        w.field(sarifFingerprintKey, fingerprint)
        w.endObject()
        w.endObject()
    }

    private static func writePhysicalLocation(path: String, span: SourceSpan?, into w: inout JSONWriter) {
        w.objectStart("physicalLocation")
        w.objectStart("artifactLocation")
        if path.hasPrefix("/") {
            w.field("uri", SarifURI.absolute(path, directory: false))
        } else {
            w.field("uri", SarifURI.relative(path))
            w.field("uriBaseId", SarifURI.sourceRootId)
        }
        w.endObject()
        if let span {
            let file = span.file
            let start = span.start
            let endLine = file.lineIndex(of: span.range.end) + 1
            w.objectStart("region")
            w.field("startLine", start.line)
            w.field("startColumn", file.utf16Column(of: span.range.start) + 1)
            w.field("endLine", endLine)
            w.field("endColumn", file.utf16Column(of: span.range.end) + 1)
            w.endObject()
        }
        w.endObject()
    }
}

extension Code {
    /// The French title with a capital, as GitHub shows it above an alert.
    public var sarifShortDescription: String {
        guard let first = title.first else { return title }
        return first.uppercased() + title.dropFirst()
    }

    /// The first paragraph of the `expliquer` text (what the check detects and why), without
    /// the heading line; GitHub shows it under the title and accepts at most 1024 characters.
    /// `help.markdown`: the `copc expliquer` text, its examples as fenced code blocks, and
    /// where the drafters' reference lives. No `helpUri`: SARIF wants an absolute URI, and
    /// copc knows no public address of its repository that would be honest to write (see
    /// grammar/DECISIONS.md).
    public var sarifHelpMarkdown: String {
        var out: [String] = []
        var inCode = false
        for line in explanation.split(separator: "\n", omittingEmptySubsequences: false) {
            let indented = line.hasPrefix("    ")
            if indented && !inCode { out.append("```"); inCode = true }
            if !indented && inCode { out.append("```"); inCode = false }
            out.append(indented ? String(line.dropFirst(4)) : String(line))
        }
        if inCode { out.append("```") }
        out.append("")
        out.append("Référence : `copc expliquer \(rawValue)` ; la référence du langage, `docs/langage.md` du dépôt de copc (section « Les contrôles »).")
        return out.joined(separator: "\n")
    }

    /// `properties.tags` of the rule: `copc`, the family of the code, and its default severity.
    public var sarifTags: [String] {
        let family: String
        switch rawValue.dropFirst(3).first {
        case "0": family = "lecture"
        case "1": family = "syntaxe"
        case "2": family = "références"
        case "3": family = "délais-et-cibles"
        case "4": family = "indicateurs"
        default: family = "structure"
        }
        return ["copc", family, severity.french]
    }

    public var sarifFullDescription: String {
        let paragraphs = explanation.split(separator: "\n\n", omittingEmptySubsequences: true)
        return paragraphs.count > 1 ? String(paragraphs[1]) : sarifShortDescription
    }
}

/// Message text as SARIF wants it: literal `[` and `]` escaped, so that only copc's own
/// `[note](id)` links are read as links (SARIF §3.11.6).
enum SarifText {
    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "[" || $0 == "]" }) else { return s }
        var out = ""
        for c in s {
            if c == "[" || c == "]" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// Paths as URIs: forward slashes kept, every other byte outside RFC 3986's unreserved set
/// percent-encoded (UTF-8), so `dossier été/contrat 1.cop` → `dossier%20%C3%A9t%C3%A9/contrat%201.cop`.
enum SarifURI {
    static let sourceRootId = "%SRCROOT%"

    static func relative(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return encode(p)
    }

    /// `file:///abs/path`, with a final `/` for a folder (SARIF requires it for base URIs).
    static func absolute(_ path: String, directory: Bool) -> String {
        var s = "file://" + encode(Substring(path))
        if directory && !s.hasSuffix("/") { s += "/" }
        return s
    }

    private static func encode(_ s: Substring) -> String { PercentEncoding.encode(s) }
}

/// The `copc/v1` fingerprint of each result (see the comment at the top of this file).
enum SarifFingerprint {
    /// One fingerprint per diagnostic, in order; equal hashes are told apart by `:n`.
    static func all(_ diagnostics: [Diagnostic], path: (String) -> String = { $0 }) -> [String] {
        var seen: [UInt64: Int] = [:]
        return diagnostics.map { d in
            let h = hash(d, path: path(d.path))
            let n = (seen[h] ?? 0) + 1
            seen[h] = n
            return hex(h) + ":" + String(n)
        }
    }

    static func hash(_ d: Diagnostic, path: String) -> UInt64 {
        var h = FNV1a()
        h.add(d.code.rawValue)
        h.add(path)
        if let span = d.span {
            let file = span.file
            let line = file.lineRange(span.start.line)
            h.add(normalized(file.text(line)))
            h.add(normalized(file.text(span.range)))
        }
        return h.value
    }

    /// Trimmed, with every run of blanks (spaces, tabs, CR) as one space.
    static func normalized(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in s {
            if c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\u{A0}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(c)
            }
        }
        return out
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// 64-bit FNV-1a: tiny, stable across runs and platforms (unlike `Hasher`, seeded per process).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf29ce484222325

    /// Adds the UTF-8 bytes of `s`, then a 0 byte so that ("ab", "c") and ("a", "bc") differ.
    mutating func add(_ s: String) {
        for b in s.utf8 { mix(b) }
        mix(0)
    }

    private mutating func mix(_ b: UInt8) {
        value ^= UInt64(b)
        value = value &* 0x100000001b3
    }
}
