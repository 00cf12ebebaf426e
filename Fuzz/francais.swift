// Cible libFuzzer « francais » : la couche de style maison (CopcFrench) — nombres de toute
// taille (NaN, infinis, −0, sous-normaux), quantités et leurs unités, conversions, champs CSV,
// Markdown, échappements — ne plante jamais et ce qu'elle écrit se relit.
// Compilée par scripts/fuzz.sh avec les sources de la bibliothèque et
// Tests/CopcTests/FrenchProperties.swift (swiftc -sanitize=fuzzer,address -parse-as-library).
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func copcFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let failures = FuzzProperties.run("francais", bytes)
    if !failures.isEmpty {
        for f in failures { fputs("propriété violée : \(f)\n", stderr) }
        abort()
    }
    return 0
}
