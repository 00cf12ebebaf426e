import CopcLanguage

/// Parts of `copc expliquer` texts generated from the grammar's tables, so that they cannot
/// drift from what the builder accepts.
enum ExplainExtras {
    static func appendix(_ code: Code) -> String {
        switch code {
        case .cop104: return keysByElement()
        default: return ""
        }
    }

    /// The keys valid for each element (`ElementKind.keys`), and the usual synonyms copc
    /// recognises to suggest a key (`KeySynonyms`).
    static func keysByElement() -> String {
        var out = "\n\nClés valides par élément :\n"
        for kind in ElementKind.allCases {
            out += "    \(kind.keyword) : " + kind.keys.map(\.display).joined(separator: ", ") + "\n"
        }
        out += "    dans un avenant, un bloc « modifier » ou « ajouter » accepte en plus : "
            + PropertyKey.changeOnly.map(\.display).joined(separator: ", ") + "\n"
        var byKey: [PropertyKey: [String]] = [:]
        for (word, key) in KeySynonyms.written { byKey[key, default: []].append(word) }
        out += "\nSynonymes reconnus (le message propose alors la clé) :\n"
        for key in PropertyKey.allCases {
            guard let words = byKey[key] else { continue }
            out += "    \(key.display) ← " + words.sorted().prefix(6).joined(separator: ", ") + (words.count > 6 ? "…" : "") + "\n"
        }
        return String(out.dropLast())
    }
}

/// The text `copc expliquer` prints: plain French for drafters. Prose paragraphs are wrapped to
/// the terminal's width and their code spans (written between backticks in the descriptors)
/// shown between guillemets; indented lines (examples) are kept as written, without backticks.
public enum ExplainText {
    public static func render(_ text: String, width: Int) -> String {
        let width = max(width, 40)
        var out: [String] = []
        var paragraph: [Substring] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            let words = paragraph.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true)
            var line = ""
            var lineCount = 0
            for w in words {
                let n = w.unicodeScalars.count
                if lineCount > 0 && lineCount + 1 + n > width {
                    out.append(line)
                    line = ""; lineCount = 0
                }
                if lineCount > 0 { line += " "; lineCount += 1 }
                line += w
                lineCount += n
            }
            if !line.isEmpty { out.append(line) }
            paragraph = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if raw.hasPrefix(" ") || raw.hasPrefix("\t") {
                flush()
                out.append(String(raw).replacingBackticks(guillemets: false))
            } else if raw.isEmpty {
                flush()
                out.append("")
            } else {
                paragraph.append(Substring(String(raw).replacingBackticks(guillemets: true)))
            }
        }
        flush()
        return out.joined(separator: "\n")
    }
}

extension String {
    /// `code` → « code » (prose) or code (examples); a span already between guillemets, or
    /// holding guillemets or quotes itself, is shown as it is.
    func replacingBackticks(guillemets: Bool) -> String {
        guard contains("`") else { return self }
        let parts = split(separator: "`", omittingEmptySubsequences: false)
        var out = ""
        for (k, part) in parts.enumerated() {
            guard k % 2 == 1, guillemets, k + 1 < parts.count else { out += part; continue }
            let quoted = part.contains("«") || part.contains("\"") || part.contains("»")
                || (parts[k - 1].hasSuffix("« ") && parts[k + 1].hasPrefix(" »"))
            out += quoted ? String(part) : "«\u{00A0}" + part + "\u{00A0}»"
        }
        return out
    }
}
