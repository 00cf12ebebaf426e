import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What an XML parser saw in a document: whether it is well-formed, its elements in order
/// with their attributes, and its character data.
struct ParsedXML {
    var error: String?
    var elements: [(name: String, attributes: [String: String])] = []
    var text = ""

    var isWellFormed: Bool { error == nil }

    func count(_ name: String) -> Int { elements.filter { $0.name == name }.count }

    func all(_ name: String) -> [[String: String]] { elements.filter { $0.name == name }.map(\.attributes) }
}

/// Parses `markup` with Foundation's XMLParser (tests only: the sources never import
/// Foundation). Fragments are wrapped in a root element.
func parseXML(_ markup: String, fragment: Bool = false) -> ParsedXML {
    final class Collector: NSObject, XMLParserDelegate {
        var result = ParsedXML()
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            result.elements.append((elementName, attributeDict))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { result.text += string }
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            result.error = "\(parseError) ligne \(parser.lineNumber) colonne \(parser.columnNumber)"
        }
    }
    let source = fragment ? "<racine>" + markup + "</racine>" : markup
    let parser = XMLParser(data: Data(source.utf8))
    let collector = Collector()
    parser.delegate = collector
    let ok = parser.parse()
    if !ok && collector.result.error == nil { collector.result.error = parser.parserError.map { "\($0)" } ?? "échec" }
    return collector.result
}

/// A deterministic pseudo-random generator (SplitMix64), so fuzz tests are reproducible.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The folder where the demonstration pages are written: `COPC_DEMO_HTML` when set (for
/// `scripts/capture-html.sh`), else a fresh temporary folder.
func demoOutputFolder() throws -> URL {
    let dir: URL
    if let path = ProcessInfo.processInfo.environment["COPC_DEMO_HTML"], !path.isEmpty {
        dir = URL(fileURLWithPath: path)
    } else {
        dir = URL(fileURLWithPath: scratchRoot).appendingPathComponent("copc-demo-\(UUID().uuidString)")
    }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
