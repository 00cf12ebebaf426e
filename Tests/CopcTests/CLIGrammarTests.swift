import XCTest
import Foundation
import CopcDriver

/// One grammar for the command line (issue 23): `copc help CMD` = `copc CMD --help` for every
/// subcommand, all listed in the general help; one name per format; `fmt` on a folder without
/// `.cop` exits 2; bash and zsh completion and the manual page generated from the same table.
final class CLIGrammarTests: XCTestCase {
    func run(_ args: [String], cwd: String? = nil, stdin: Data? = nil) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = builtCopc
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func tempDir(_ files: [String: String] = [:]) throws -> String {
        let dir = scratchRoot + "copc-grammaire-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// The subcommands, as the general help lists them (`  copc NAME  summary`).
    func listedCommands() throws -> [String] {
        let (status, help, _) = try run(["--help"])
        XCTAssertEqual(status, 0)
        let section = help.components(separatedBy: "Commandes :\n")[1].components(separatedBy: "\n\n")[0]
        return section.split(separator: "\n").map { line in
            XCTAssertTrue(line.hasPrefix("  copc "), String(line))
            return String(line.dropFirst(7).prefix { $0 != " " })
        }
    }

    func testEverySubcommandIsListedAndHelpCommandEqualsDashDashHelp() throws {
        let commands = try listedCommands()
        XCTAssertEqual(commands, ["check", "emit", "diff", "fmt", "bilan", "rendre", "calendrier", "portefeuille", "site", "expliquer", "lsp",
                                  "completion", "manuel", "help"])
        for c in commands {
            let (s1, viaHelp, e1) = try run(["help", c])
            let (s2, viaFlag, e2) = try run([c, "--help"])
            XCTAssertEqual(s1, 0, "\(c): \(e1)")
            XCTAssertEqual(s2, 0, "\(c): \(e2)")
            XCTAssertEqual(viaHelp, viaFlag, c)
            XCTAssertTrue(viaHelp.hasPrefix("Usage : copc \(c)"), "\(c): \(viaHelp)")
            XCTAssertEqual(try run([c, "-h"]).1, viaFlag, c)
        }
        // French aliases, listed in the general help, work in both places.
        let help = try run(["--help"]).1
        for alias in ["vérifier", "émettre", "comparer", "rendre", "expliquer", "aide"] {
            XCTAssertTrue(help.contains(alias), alias)
        }
        XCTAssertEqual(try run(["help", "vérifier"]).1, try run(["check", "--help"]).1)
        XCTAssertEqual(try run(["aide", "render"]).1, try run(["rendre", "--aide"]).1)
        XCTAssertEqual(try run(["aide"]).1, help)
        let (status, _, err) = try run(["help", "rendr"])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("commande inconnue « rendr » ; vouliez-vous dire « rendre » ?"), err)
    }

    /// Every option of every subcommand appears in its help (completion offers those names).
    func testEveryOptionIsDocumentedInItsHelp() throws {
        let bash = try run(["completion", "bash"]).1
        for c in try listedCommands() {
            let help = try run(["help", c]).1
            guard let block = bash.components(separatedBy: "\n        \(c)|").dropFirst().first
                    ?? bash.components(separatedBy: "\n        \(c))").dropFirst().first else {
                XCTFail("\(c) absent from the bash completion"); continue
            }
            let opts = block.components(separatedBy: "opts=\"")[1].prefix { $0 != "\"" }.split(separator: " ")
            XCTAssertTrue(opts.contains("--help"), c)
            for o in opts { XCTAssertTrue(help.contains(String(o)), "\(c) \(o)") }
        }
    }

    /// `texte` is the name of the human format everywhere; `humain`, its old name in `check`,
    /// is still accepted; `md` is `markdown` in every command that writes Markdown.
    func testOneNamePerFormat() throws {
        let dir = try tempDir(["c.cop": cleanContract.replacingOccurrences(of: "fin 2022", with: "fin 2030")])
        let texte = try run(["check", "--format", "texte", "c.cop"], cwd: dir)
        XCTAssertEqual(texte.0, 1)
        XCTAssertTrue(texte.1.contains("erreur[COP300]"))
        XCTAssertEqual(try run(["check", "--format", "humain", "c.cop"], cwd: dir).1, texte.1)
        XCTAssertEqual(try run(["check", "c.cop"], cwd: dir).1, texte.1)
        XCTAssertTrue(try run(["check", "--help"]).1.contains("--format texte|gcc|json|sarif"))
        let (status, _, err) = try run(["check", "--format", "texts", "c.cop"], cwd: dir)
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("(formats possibles : texte, gcc, json, sarif) ; vouliez-vous dire « texte » ?"), err)
        let markdown = try run(["rendre", "--format", "markdown", "c.cop"], cwd: dir).1
        XCTAssertEqual(try run(["rendre", "--format", "md", "c.cop"], cwd: dir).1, markdown)
        let bilanDir = repositoryRoot + "/contracts/exemples/suivi-annuel-fictif"
        XCTAssertEqual(try run(["bilan", bilanDir, "--format", "md"]).1, try run(["bilan", bilanDir, "--format", "markdown"]).1)
    }

    /// `copc fmt` on a folder holding no `.cop` file is a usage error, as for every other command.
    func testFmtOnAFolderWithoutCopExitsTwo() throws {
        let dir = try tempDir(["notes.txt": "rien\n"])
        for command in ["fmt", "check", "rendre"] {
            let (status, out, err) = try run([command, dir])
            XCTAssertEqual(status, 2, command)
            XCTAssertTrue(out.isEmpty, command)
            XCTAssertTrue(err.contains("aucun fichier .cop dans"), "\(command): \(err)")
        }
    }

    // MARK: completion

    /// The bash script loaded in a real interactive bash: `complete -p` shows it registered,
    /// and `_copc` called as bash calls it (COMP_WORDS split at `=` as COMP_WORDBREAKS does)
    /// completes commands, options, closed values, codes and `.cop` paths.
    func testBashCompletionInARealBash() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { throw XCTSkip("bash absent") }
        let dir = try tempDir(["contrat.cop": "", "notes.txt": "", "sous/a.cop": ""])
        let script = dir + "/copc.bash"
        try run(["completion", "bash"]).1.write(toFile: script, atomically: true, encoding: .utf8)
        let probe = """
        source '\(script)'
        complete -p copc
        t() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _copc; printf '%s|' "${COMPREPLY[@]}"; echo; }
        t copc ch
        t copc check --format ''
        t copc check --format = t
        t copc check --niv
        t copc vérifier --couleur j
        t copc rendre --table ''
        t copc expliquer cop30
        t copc help ren
        t copc completion ''
        t copc check ''
        t copc check --au ''
        t copc rendre --format x
        t copc bilan --format ''
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["--norc", "--noprofile", "-i", "-c", probe]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(lines.first, "complete -F _copc copc")
        XCTAssertEqual(Array(lines.dropFirst().prefix(13)), [
            "check|",
            "texte|gcc|json|sarif|",
            "texte|",
            "--niveau|",
            "jamais|",
            "indicateurs|actions|",
            "COP300|COP301|COP302|COP303|COP304|COP305|COP306|COP307|",
            "rendre|",
            "bash|zsh|",
            "sous|contrat.cop|",
            "|",
            "xlsx|",
            "markdown|html|csv|json|xlsx|",
        ])
    }

    /// The zsh script loaded by compinit in a real interactive zsh (on a pseudo-terminal,
    /// `zsh/zpty`), with `compadd` wrapped to record what the completion offers.
    func testZshCompletionInARealZsh() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh") else {
            throw XCTSkip("zsh absent : apt-get install zsh")
        }
        let dir = try tempDir(["contrat.cop": "", "notes.txt": ""])
        try FileManager.default.createDirectory(atPath: dir + "/fonctions", withIntermediateDirectories: true)
        try run(["completion", "zsh"]).1.write(toFile: dir + "/fonctions/_copc", atomically: true, encoding: .utf8)
        func complete(_ line: String) throws -> [String] {
            let record = dir + "/offert-\(UUID().uuidString)"
            let driver = """
            zmodload zsh/zpty
            zpty z zsh -f -i
            zpty -w z 'PS1="> "; cd \(dir); fpath=(\(dir)/fonctions $fpath); autoload -Uz compinit; compinit -u -D'
            zpty -w z 'compadd() { if [[ " $* " == *" -"[OAD]" "* ]]; then builtin compadd "$@"; return; fi; local -a __m; builtin compadd -O __m "$@"; print -rl -- $__m >> \(record); builtin compadd "$@" }'
            zpty -w -n z $'\(line)\\t'
            # Wait for the completion to run (compinit may be slow on a loaded machine), then
            # for its last compadd.
            for i in {1..200}; do [[ -s \(record) ]] && break; sleep 0.05; zpty -r -t z out || true; done
            sleep 0.5
            zpty -r -t z out || true
            zpty -d z
            """
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/zsh")
            p.arguments = ["-f", "-c", driver]
            p.standardOutput = Pipe()
            p.standardError = Pipe()
            try p.run()
            p.waitUntilExit()
            let offered = (try? String(contentsOfFile: record, encoding: .utf8)) ?? ""
            return Array(Set(offered.split(separator: "\n").map(String.init))).sorted()
        }
        XCTAssertEqual(try complete("copc check --format "), ["gcc", "json", "sarif", "texte"])
        XCTAssertTrue(try complete("copc ren").contains("rendre"))
        XCTAssertEqual(try complete("copc rendre --table "), ["actions", "indicateurs"])
        XCTAssertTrue(try complete("copc check --st").contains("--strict"))
        XCTAssertTrue(try complete("copc expliquer COP11").contains("COP110"))
    }

    // MARK: manual

    /// `docs/copc.1` is the output of `copc manuel` (UPDATE_GOLDEN=1 rewrites it), and man
    /// renders it without a warning, with every subcommand's help.
    func testManualPageIsGeneratedAndRenders() throws {
        let (status, page, _) = try run(["manuel"])
        XCTAssertEqual(status, 0)
        let path = repositoryRoot + "/docs/copc.1"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try page.write(toFile: path, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), page,
                       "docs/copc.1 n'est plus la sortie de « copc manuel » : UPDATE_GOLDEN=1 swift test --filter CLIGrammarTests")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/man") else { throw XCTSkip("man absent") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/man")
        p.arguments = ["--warnings", "-l", path]
        var env = ProcessInfo.processInfo.environment
        env["MANWIDTH"] = "80"
        env["MAN_KEEP_FORMATTING"] = nil
        env["LANG"] = "C.UTF-8"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let rendered = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(warnings, "", "man/groff warnings")
        XCTAssertTrue(rendered.hasPrefix("COPC(1)"), String(rendered.prefix(200)))
        for c in try listedCommands() {
            XCTAssertTrue(rendered.contains("copc \(c)"), c)
        }
        // Every line of every help is in the page (roff only re-fills the paragraphs).
        XCTAssertTrue(rendered.contains("--format texte|gcc|json|sarif"))
        XCTAssertTrue(rendered.contains("--table T           avec --format csv ou xlsx : indicateurs (défaut en csv) ou actions"), rendered)
        XCTAssertTrue(rendered.contains("gcc, json, sarif, markdown, html, csv, xlsx, cop"), rendered)
        XCTAssertTrue(rendered.contains("vérifier, verifier"))
    }
}
