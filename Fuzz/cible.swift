// Le point d'entrée libFuzzer de toutes les cibles : la cible est lue dans COPC_FUZZ_CIBLE
// (scripts/fuzz.sh la pose) et ses propriétés sont celles de FuzzProperties.run, partagées
// avec les tests (FuzzRegressionTests). Compilé par scripts/fuzz.sh avec les sources de
// toutes les bibliothèques et Tests/CopcTests/FuzzProperties.swift
// (swiftc -sanitize=fuzzer,address -parse-as-library).
#if canImport(Glibc)
import Glibc
#endif

/// Writes `text` to the standard error (file descriptor 2: `stderr` is shared mutable state
/// for Swift 6).
func report(_ text: String) {
    var t = text + "\n"
    t.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// The target, read once.
let fuzzTarget: String = {
    guard let p = getenv("COPC_FUZZ_CIBLE") else {
        report("COPC_FUZZ_CIBLE n'est pas défini (cibles : \(FuzzProperties.targetNames.joined(separator: ", ")))")
        exit(2)
    }
    let name = String(cString: p)
    guard FuzzProperties.targetNames.contains(name) else {
        report("cible inconnue « \(name) » (cibles : \(FuzzProperties.targetNames.joined(separator: ", ")))")
        exit(2)
    }
    return name
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func copcFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let failures = FuzzProperties.run(fuzzTarget, bytes)
    if !failures.isEmpty {
        for f in failures { report("propriété violée : \(f)") }
        abort()
    }
    return 0
}
