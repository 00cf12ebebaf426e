import XCTest
import CopcDiagnostics
import CopcRules

/// The descriptors are the one source of what a code means: one per code, in code order, each
/// complete; the checks name codes that exist.
final class DescriptorTests: XCTestCase {
    func testOneDescriptorPerCodeInOrder() {
        XCTAssertEqual(RuleDescriptor.all.map(\.code), Code.allCases)
        for d in RuleDescriptor.all {
            XCTAssertFalse(d.title.isEmpty, d.code.rawValue)
            XCTAssertTrue(d.explanation.hasPrefix("\(d.code.rawValue) — \(d.title) ("), "\(d.code.rawValue): the explanation starts with its code and title")
            XCTAssertTrue(d.name.first?.isUppercase == true && !d.name.contains(" "), "\(d.code.rawValue): PascalCase name")
        }
        XCTAssertEqual(Set(RuleDescriptor.all.map(\.name)).count, Code.allCases.count, "SARIF names are unique")
    }

    func testAnalyzersNameTheirCodes() {
        XCTAssertFalse(Checker.analyzers.isEmpty)
        for a in Checker.analyzers {
            XCTAssertFalse(a.codes.isEmpty, a.name)
            XCTAssertEqual(a.descriptors.map(\.code), a.codes)
        }
        XCTAssertEqual(Set(Checker.analyzers.map(\.name)).count, Checker.analyzers.count)
    }
}
