// Cible libFuzzer « verifier » : lex + parse + vérification complète, rendus humain, gcc, JSON et SARIF.
// Compilée par scripts/fuzz.sh avec les sources de la bibliothèque et
// Tests/CopcTests/FuzzProperties.swift (swiftc -sanitize=fuzzer,address -parse-as-library).
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func copcFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let failures = FuzzProperties.check(bytes)
    if !failures.isEmpty {
        for f in failures { fputs("propriété violée : \(f)\n", stderr) }
        abort()
    }
    return 0
}
