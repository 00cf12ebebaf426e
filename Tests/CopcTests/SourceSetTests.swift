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
        XCTAssertNil(h.server.scopes[scope], "nothing open: nothing read")
        h.open("contrat.cop", LSPFixture.contract)
        h.wait()
        XCTAssertEqual(h.server.scopes[scope]?.sources.builds, 3, "the folder surveyed once; the document as on disk: its cached build")
        h.edit("contrat.cop", version: 2, line: 9, from: 14, to: 18, "2030")
        let published = h.wait()
        XCTAssertEqual(published.codes(for: h.uri("contrat.cop")), ["COP300"])
        XCTAssertEqual(h.server.scopes[scope]?.sources.builds, 4, "one edit, one file built again")
    }

    /// Files on disk are compared by their stamp (inode, size, times), not read again (issue 24):
    /// the first elements the survey reads to find a context, as the files a check reads.
    func testFilesOnDiskAreReadAgainOnlyWhenTheirStampChanges() throws {
        let dir = try LSPFixture.folder()
        let set = SourceSet(displayBase: dir, readsDisk: true)
        let docs = [EditorDocument(path: dir + "/contrat.cop", workspaceFolder: dir)]
        let options = CheckOptions(au: testDate)
        let first = try XCTUnwrap(Driver.contexts(of: docs, sources: set).first)
        XCTAssertEqual(first.files, [dir + "/avenant-1.cop", dir + "/contrat.cop"], "the contract and its avenant")
        XCTAssertEqual(first.root, dir, "no marker: the folder the editor opened")
        XCTAssertEqual(set.headerReads, 3, "the first element of each file of the folder")
        XCTAssertEqual(set.diskReads, 0, "the survey reads no whole file")
        _ = Driver.check(context: first, sources: set, options: options)
        XCTAssertEqual(set.diskReads, 3, "the contract, its avenant, the annuaire it imports")
        XCTAssertEqual(try XCTUnwrap(Driver.contexts(of: docs, sources: set).first), first)
        _ = Driver.check(context: first, sources: set, options: options)
        XCTAssertEqual(set.headerReads, 3, "nothing changed: no header read")
        XCTAssertEqual(set.diskReads, 3, "nothing changed: no file read")
        // Rewritten with the same bytes: read again (new stamp), not built again.
        try LSPFixture.annuaire.write(toFile: dir + "/annuaire.cop", atomically: true, encoding: .utf8)
        let builds = set.builds
        _ = Driver.contexts(of: docs, sources: set)
        XCTAssertEqual(set.headerReads, 4)
        _ = Driver.check(context: first, sources: set, options: options)
        XCTAssertEqual(set.diskReads, 4)
        XCTAssertEqual(set.builds, builds)
        // Rewritten with other bytes of the same size: read and built again.
        try LSPFixture.annuaire.replacingOccurrences(of: "DGOS", with: "DGOZ").write(toFile: dir + "/annuaire.cop", atomically: true, encoding: .utf8)
        _ = Driver.check(context: first, sources: set, options: options)
        XCTAssertEqual(set.diskReads, 5)
        XCTAssertEqual(set.builds, builds + 1)
    }

    /// An edit inside a document does not walk the workspace again; an edit of what decides
    /// its contract (its header, its imports) does, and so does a change on disk.
    func testTheWorkspaceIsSurveyedAgainOnlyWhenMembershipMayChange() throws {
        let h = ServerHarness(root: try LSPFixture.folder(), watchesFiles: true)
        h.open("contrat.cop", LSPFixture.contract)
        h.wait()
        XCTAssertEqual(h.server.membershipQueries, 1)
        h.edit("contrat.cop", version: 2, line: 9, from: 14, to: 18, "2030")
        XCTAssertEqual(h.wait().codes(for: h.uri("contrat.cop")), ["COP300"])
        XCTAssertEqual(h.server.membershipQueries, 1, "a deadline edited: same contract, same files")
        // The contract renamed: the avenant (au contrat C1) no longer belongs to it.
        h.edit("contrat.cop", version: 3, line: 0, from: 7, to: 9, "C7")
        h.wait()
        XCTAssertEqual(h.server.membershipQueries, 2)
        h.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(h.uri("annuaire.cop")), "type": 2]]])
        h.wait(0)
        XCTAssertEqual(h.server.membershipQueries, 3, "a change on disk: surveyed again")
    }

    /// An edit checks again the contexts the file belongs to, and no other.
    func testAnEditChecksOnlyTheContextsOfTheEditedFile() throws {
        let other = "contrat C2 « Autre »\n  utilise « annuaire.cop »\n  période : 2021 .. 2022\nobjectif 1 « O »\n  pilote : DGOS\n"
        let h = ServerHarness(root: try LSPFixture.folder(["autre/contrat.cop": other, "autre/annuaire.cop": LSPFixture.annuaire]))
        h.open("contrat.cop", LSPFixture.contract)
        h.open("autre/contrat.cop", other)
        h.wait()
        XCTAssertEqual(h.server.contextChecks, 2)
        h.edit("contrat.cop", version: 2, line: 9, from: 14, to: 18, "2030")
        let published = h.wait()
        XCTAssertEqual(h.server.contextChecks, 3, "C1 only")
        XCTAssertEqual(published.codes(for: h.uri("contrat.cop")), ["COP300"])
        XCTAssertNil(published.published(for: h.uri("autre/contrat.cop")), "C2 unchanged: not published again")
        XCTAssertNil(published.published(for: h.uri("avenant-1.cop")), "the avenant's diagnostics did not change")
    }
}
