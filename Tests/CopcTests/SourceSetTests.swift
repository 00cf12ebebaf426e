import XCTest
import CopcLanguage
import CopcSource
import CopcSema
import CopcDriver
@testable import CopcLSP

/// One source set for every check: texts in memory over the disk, each file parsed and built
/// once per content, with an id that never changes.
final class SourceSetTests: XCTestCase {
    func testFilesAreBuiltOncePerContent() throws {
        let dir = try LSPFixture.folder()
        let set = SourceSet(displayBase: dir, readsDisk: true)
        let options = CheckOptions(au: testDate)
        let first = Driver.check(workspace: dir, sources: set, options: options)
        XCTAssertEqual(set.builds, 3)
        XCTAssertEqual(summary(first.diagnostics), [])
        // Nothing changed: nothing is parsed again.
        let second = Driver.check(workspace: dir, sources: set, options: options)
        XCTAssertEqual(set.builds, 3)
        XCTAssertEqual(second.files.map { $0.source.id }, first.files.map { $0.source.id })
        // One unsaved edit: that file alone is read again, under the same id.
        let avenant = dir + "/avenant-1.cop"
        let id = first.files.first { $0.realPath == avenant }!.source.id
        set.setText(Array(LSPFixture.avenant.replacingOccurrences(of: "délai : 2023", with: "délai : 2030").utf8), at: avenant)
        let third = Driver.check(workspace: dir, sources: set, options: options)
        XCTAssertEqual(set.builds, 4)
        XCTAssertEqual(third.files.first { $0.realPath == avenant }?.source.id, id)
        XCTAssertEqual(third.diagnostics.map(\.code), [.cop300])
        // Back to the disk's text: its build is new content again, the others are cached.
        set.removeText(at: avenant)
        XCTAssertEqual(summary(Driver.check(workspace: dir, sources: set, options: options).diagnostics), [])
        XCTAssertEqual(set.builds, 5)
    }

    func testMemoryOnlySetReadsNoDisk() {
        let set = SourceSet(displayBase: "/virtuel", readsDisk: false)
        set.setText(Array(cleanContract.utf8), at: "/virtuel/c.cop")
        let r = Driver.check(workspace: "/virtuel", sources: set, options: CheckOptions(au: testDate))
        XCTAssertEqual(r.files.map(\.source.path), ["c.cop"])
        XCTAssertEqual(summary(r.diagnostics), [])
    }
}

/// The language server keeps one source set per workspace folder: an edit re-reads one file.
final class LSPIncrementalTests: XCTestCase {
    func testAnEditRebuildsOnlyTheEditedFile() throws {
        let h = ServerHarness(root: try LSPFixture.folder())
        h.wait()
        let scope = Scope(root: h.root, recursive: true)
        XCTAssertEqual(h.server.sourceSets[scope]?.builds, 3, "the whole folder once")
        h.open("contrat.cop", LSPFixture.contract)
        h.wait()
        XCTAssertEqual(h.server.sourceSets[scope]?.builds, 3, "opened unchanged: the cached build")
        h.edit("contrat.cop", version: 2, line: 9, from: 14, to: 18, "2030")
        let published = h.wait()
        XCTAssertEqual(published.codes(for: h.uri("contrat.cop")), ["COP300"])
        XCTAssertEqual(h.server.sourceSets[scope]?.builds, 4, "one edit, one file built again")
    }
}
