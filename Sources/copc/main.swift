// copc — the command-line shell over CopcDriver: one file per subcommand, listed in the one
// table of `Commands.swift`, dispatched here.
import CopcDiagnostics
import CopcDriver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Paths are bytes: a name that is not UTF-8 is kept (`PathBytes`), not replaced with U+FFFD.
let argv = FileSystem.arguments()
guard argv.count >= 2 else {
    writeOut(generalHelp() + "\n")
    exit(2)
}
let command = argv[1]
if let sub = subcommand(named: command) {
    exit(sub.run(argv[2...]))
}
switch command {
case "-h", "--help", "--aide":
    writeOut(generalHelp() + "\n")
    exit(0)
case "--version", "-V":
    writeOut("copc \(version)\n")
    exit(0)
default:
    let suggestion = suggestedCommand(command)
    fail("commande inconnue « \(command) »" + (suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") + " (voir « copc --help »)")
}
