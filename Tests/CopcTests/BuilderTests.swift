import XCTest
import CopcLanguage
import CopcSource
import CopcDiagnostics
import CopcSyntax
import CopcModel
import CopcSema

/// The builder alone: one file's syntax into its typed model, without a workspace or a check.
final class BuilderTests: XCTestCase {
    func testTreeNestsByRank() {
        let (model, diags) = build(cleanContract + """
        objectif 1.2 « Deuxième »
          pilote : DGOS
        sous-objectif 1.2.1 « Bloc »
        action 1.2.1.1 « Action »
          délai : 2021
        indicateur T-1 « Transversal » dans contrat
          unité : %
        """)
        XCTAssertTrue(diags.isEmpty, "\(diags.map(\.text))")
        let tree = model.tree
        func children(_ id: ElementID) -> [ElementID] { Array(tree.children(of: id)) }
        func ids(_ list: [ElementID]) -> [String] { list.map { tree[$0].id ?? "" } }
        let root = tree.root!
        XCTAssertEqual(ids(children(root)), ["1", "T-1"])
        let axe = children(root)[0]
        XCTAssertEqual(ids(children(axe)), ["1.1", "1.2"])
        XCTAssertEqual(ids(children(children(children(axe)[1])[0])), ["1.2.1.1"])
        XCTAssertEqual(model.declarations.map { $0.id ?? "" }, ["DGOS"])
        XCTAssertEqual(tree[tree.parent(of: "1.2.1.1")!].id, "1.2.1")
    }

    /// Properties are typed: keys from the table, values read into enums and windows.
    func testPropertiesAreTyped() {
        let (model, diags) = build(cleanContract.replacingOccurrences(of: "  unité : %", with: "  unité : %\n  sens : Hausse\n  nature : suivi"))
        XCTAssertTrue(diags.isEmpty, "\(diags.map(\.text))")
        let tree = model.tree
        let indicator = tree[model.index[ElementKey(.indicateur, "1.1.a")]!]
        XCTAssertEqual(indicator.unit, .percent)
        XCTAssertEqual(indicator.direction, .up)
        XCTAssertEqual(indicator.nature, .followUp)
        XCTAssertEqual(indicator.properties.filter { $0.key == .cible }.map(\.year), [2021, 2022, 2023], "cible A .. B is one property per year")
        XCTAssertEqual(indicator.properties.first { $0.key == .cible }?.target, .quantity(Quantity(value: 50, unit: .percent, text: "50")))
        let action = tree[model.index[ElementKey(.action, "1.1.1")]!]
        guard case .deadline(let d)? = action.value(.delai) else { return XCTFail("délai") }
        XCTAssertEqual(d.form, .window(Window(Day(year: 2022, month: 10, day: 1)!, Day(year: 2022, month: 12, day: 31)!)))
        XCTAssertEqual(model.header?.contractType, .cop)
    }

    /// Keys: ids normalised (`1-1` is `1.1`), référents by their id as written, and an
    /// element without id keyed by its parent and its rank among its untitled siblings.
    func testElementKeys() {
        let (model, _) = build("""
        contrat C « c »
          période : 2021 .. 2023
        axe « Premier »
        objectif 1-1 « a »
        axe « Second »
        objectif « b »
        objectif « c »
        """)
        let tree = model.tree
        let keys = tree.preorder.map { tree[$0].key }
        XCTAssertEqual(keys[2], ElementKey(.objectif, "1.1"))
        XCTAssertEqual(keys[1].name, .untitled(parent: keys[0], ordinal: 0))
        XCTAssertEqual(keys[3].name, .untitled(parent: keys[0], ordinal: 1))
        XCTAssertEqual(keys[4].name, .untitled(parent: keys[3], ordinal: 0))
        XCTAssertEqual(keys[5].name, .untitled(parent: keys[3], ordinal: 1))
        XCTAssertEqual(Set(keys).count, keys.count, "every element has its own key")
        XCTAssertNotEqual(ElementKey(.referent, "A-1"), ElementKey(.referent, "A.1"), "référents keep their id as written")
    }

    /// `# copc: ignorer` on a header applies to its descendants, without walking ancestors.
    func testSuppressionIsInherited() {
        let (model, _) = build(cleanContract.replacingOccurrences(of: "objectif 1.1 « Objectif »", with: "# copc: ignorer COP300\nobjectif 1.1 « Objectif »"))
        let tree = model.tree
        let action = tree[model.index[ElementKey(.action, "1.1.1")]!]
        XCTAssertTrue(action.isSuppressed(.cop300))
        XCTAssertFalse(action.isSuppressed(.cop301))
        XCTAssertFalse(tree[tree.root!].isSuppressed(.cop300))
    }
}

extension ElementTree {
    /// The parent of the element whose id is `id` (tests).
    func parent(of id: String) -> ElementID? {
        preorder.first { self[$0].id == id }.flatMap { self[$0].parent }
    }
}
