// copc — the command-line shell over CopcDriver: one file per subcommand, listed in the one
// table of `Commands.swift`, dispatched here.
import CopcDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let argv = CommandLine.arguments
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
