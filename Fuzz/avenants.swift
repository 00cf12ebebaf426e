// Cible libFuzzer « avenants » : un contrat et ses avenants séparés par un octet NUL : l'IR de chaque version consolidée.
// Compilée par scripts/fuzz.sh avec les sources de la bibliothèque et
// Tests/CopcTests/FuzzProperties.swift (swiftc -sanitize=fuzzer,address -parse-as-library).
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func copcFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let failures = FuzzProperties.contractAndAvenants(bytes)
    if !failures.isEmpty {
        for f in failures { fputs("propriété violée : \(f)\n", stderr) }
        abort()
    }
    return 0
}
