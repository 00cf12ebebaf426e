import XCTest
import CopcLanguage
import CopcSource
import CopcDiagnostics
import CopcModel
import CopcSema
import CopcDriver

/// The model as values: trees shared between versions, identity, provenance, version selection.
final class ModelTests: XCTestCase {
    func element(_ kind: ElementKind, _ id: String) -> Element {
        Element(kind: kind, id: id, key: ElementKey(kind, id), title: nil, place: Place(FileID(0), ByteRange(0, 0)), idPlace: nil)
    }

    func testTreeLinksAndRemoval() {
        var tree = ElementTree()
        let root = tree.add(element(.contrat, "C"), under: nil)
        let axe = tree.add(element(.axe, "1"), under: root)
        let a = tree.add(element(.objectif, "1.1"), under: axe)
        let b = tree.add(element(.objectif, "1.2"), under: axe)
        let c = tree.add(element(.action, "1.1.1"), under: a)
        XCTAssertEqual(tree.preorder, [root, axe, a, c, b])
        XCTAssertEqual(Array(tree.ancestors(of: c)), [a, axe, root])
        tree.remove(a)
        XCTAssertEqual(tree.preorder, [root, axe, b], "a removed element and its subtree are unreachable")
        XCTAssertEqual(Array(tree.children(of: axe)), [b])
        tree.remove(b)
        XCTAssertEqual(Array(tree.children(of: axe)), [])
        let d = tree.add(element(.objectif, "1.3"), under: axe)
        XCTAssertEqual(Array(tree.children(of: axe)), [d])
    }

    /// A copy of a tree is a value: changing it leaves the original as it was.
    func testTreesAreValues() {
        var tree = ElementTree()
        let root = tree.add(element(.contrat, "C"), under: nil)
        var ids: [ElementID] = []
        for k in 0..<600 { ids.append(tree.add(element(.axe, String(k)), under: root)) }
        var copy = tree
        copy[ids[300]].title = "changé"
        copy.add(element(.axe, "600"), under: root)
        XCTAssertNil(tree[ids[300]].title)
        XCTAssertEqual(copy[ids[300]].title, "changé")
        XCTAssertEqual(tree.preorder.count, 601)
        XCTAssertEqual(copy.preorder.count, 602)
        XCTAssertNotEqual(tree, copy)
        // The setter changes what an element says, never where it is.
        var moved = copy[ids[1]]
        moved.title = "x"
        copy[ids[1]] = moved
        XCTAssertEqual(copy[ids[1]].parent, root)
    }

    func testCodeSet() {
        var s = CodeSet([.cop001, .cop503])
        XCTAssertTrue(s.contains(.cop001) && s.contains(.cop503))
        XCTAssertFalse(s.contains(.cop300))
        s.formUnion(CodeSet([.cop300]))
        XCTAssertTrue(s.contains(.cop300))
        XCTAssertTrue(CodeSet().isEmpty)
    }

    /// Versions and provenance from a contract and two avenants; one function chooses a version.
    func testVersionsProvenanceAndSelection() {
        let contract = cleanContract.replacingOccurrences(of: "cible 2021 .. 2023 : 50 %", with: "cible 2021 .. 2023 : à fixer par avenant")
        let a1 = "avenant 1 au contrat C1 « Cibles »\n  signé le : 2021-06-30\nmodifier indicateur 1.1.a\n  cible 2022 : 60 %\n  motif : « Fixation »\n"
        let a2 = "avenant 2 au contrat C1 « Suppression »\n  signé le : 2022-03-01\n  en vigueur le : 2022-04-01\nsupprimer action 1.1.1\n"
        let r = Driver.check(sources: [("c.cop", Array(contract.utf8)), ("a1.cop", Array(a1.utf8)), ("a2.cop", Array(a2.utf8))],
                             options: CheckOptions(au: testDate))
        let c = r.contracts[0]
        XCTAssertEqual(c.versions.map(\.number), [0, 1, 2])
        let v1 = c.versions[1]
        let target = v1.find(.indicateur, "1.1.a")!.properties.first { $0.key == .cible && $0.year == 2022 }!
        XCTAssertEqual(target.target, .quantity(Quantity(value: 60, unit: .percent, text: "60")))
        XCTAssertEqual(target.provenance.avenant, 1)
        XCTAssertEqual(target.provenance.motif, "Fixation")
        XCTAssertEqual(r.fileTable[target.provenance.clause!.file].path, "a1.cop")
        XCTAssertEqual(c.versions[0].find(.indicateur, "1.1.a")!.properties.first { $0.year == 2022 }!.target, .pending,
                       "version 0 is untouched")
        XCTAssertNotNil(c.versions[1].find(.action, "1.1.1"))
        XCTAssertNil(c.versions[2].find(.action, "1.1.1"))
        XCTAssertTrue(c.versions[2].wasRemoved(.action, "1.1.1"))
        XCTAssertEqual(c.version(.number(1))?.number, 1)
        XCTAssertNil(c.version(.number(3)))
        XCTAssertEqual(c.version(.latest)?.number, 2)
        XCTAssertEqual(c.version(.inForce(Day(year: 2021, month: 6, day: 29)!))?.number, 0)
        XCTAssertEqual(c.version(.inForce(Day(year: 2022, month: 3, day: 15)!))?.number, 1, "in force from en vigueur le, not signé le")
        XCTAssertEqual(c.version(.inForce(Day(year: 2022, month: 4, day: 1)!))?.number, 2)
        XCTAssertEqual(r.contracts.select(nil).map(\.id), .success("C1"))
        XCTAssertEqual(r.contracts.select("C2").map(\.id), .failure(.unknown("C2", suggestion: "C1", ids: ["C1"])))
    }

    /// The tree knows whether any element gives a `poids` (COP405 visits no element otherwise),
    /// also for a model built without text, and when an element is replaced.
    func testTreeKnowsWhetherWeightsAreGiven() {
        let nowhere = Place(FileID(0), ByteRange(0, 0))
        func weighted(_ e: Element) -> Element {
            var w = e
            w.properties.append(Property(key: .poids, value: .weight(Weight(fraction: Fraction(1, 2)!, percent: false)),
                                         place: nowhere, keyPlace: nowhere, valuePlace: nowhere))
            return w
        }
        var tree = ElementTree()
        let root = tree.add(element(.contrat, "C"), under: nil)
        tree.add(element(.objectif, "1"), under: root)
        XCTAssertFalse(tree.givesWeights)
        tree.add(weighted(element(.objectif, "2")), under: root)
        XCTAssertTrue(tree.givesWeights)
        var other = ElementTree()
        let r2 = other.add(element(.contrat, "C"), under: nil)
        let o = other.add(element(.objectif, "1"), under: r2)
        XCTAssertFalse(other.givesWeights)
        other[o] = weighted(other[o])
        XCTAssertTrue(other.givesWeights, "an avenant that sets a poids")
    }
}

/// `SourceMap`: the lines of a generated file mapped to the program that made them.
final class SourceMapTests: XCTestCase {
    func testOriginsOfAGeneratedFile() {
        let f = SourceFile(path: "g.cop", text: "contrat C « T »\n  période : 2021\n", id: FileID(0))
        var table = FileTable([f])
        XCTAssertNil(table.origin(of: f.place(ByteRange(0, 7))), "un fichier lu d'un texte n'a pas d'origine")
        table.attach(SourceMap(lines: [LineOrigin(path: "a.swift", line: 10, column: 5),
                                       LineOrigin(path: "a.swift", line: 12, column: 9)]), to: f.id)
        XCTAssertEqual(table.origin(of: f.place(ByteRange(0, 7))), LineOrigin(path: "a.swift", line: 10, column: 5))
        XCTAssertEqual(table.origin(of: f.place(ByteRange(18, 25))), LineOrigin(path: "a.swift", line: 12, column: 9))
        // The final empty line has no entry of its own: the last origin.
        XCTAssertEqual(table.origin(of: f.place(ByteRange(33, 33))), LineOrigin(path: "a.swift", line: 12, column: 9))
    }
}
