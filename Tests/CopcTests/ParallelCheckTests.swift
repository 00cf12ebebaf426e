import XCTest
import CopcDriver
import CopcDiagnostics
import CopcSema
import CopcSource

/// Files are parsed and built (`SourceSet.prepare`), and contracts checked (`Checker.check`),
/// on several threads; the result must not depend on how many: same diagnostics in the same
/// order, same file ids.
final class ParallelCheckTests: XCTestCase {
    func outcome(_ paths: [String], threads: Int) throws -> (String, [String], [String]) {
        let r = try Driver.check(paths: paths, options: CheckOptions(au: testDate), threads: threads)
        return (DiagnosticRenderer.gcc(r.diagnostics), r.fileTable.files.map(\.path), r.files.map(\.source.path))
    }

    func testSameResultOnOneAndSeveralThreads() throws {
        // The real contracts (imports, avenants) and every case of the corpus, in one check.
        let paths = [repositoryRoot + "/contracts", repositoryRoot + "/Tests/CopcTests/Cases"]
        let one = try outcome(paths, threads: 1)
        XCTAssertFalse(one.0.isEmpty, "the corpus has diagnostics")
        XCTAssertGreaterThan(one.1.count, 100)
        for threads in [2, 4] {
            let many = try outcome(paths, threads: threads)
            XCTAssertEqual(one.0, many.0, "diagnostics with \(threads) threads")
            XCTAssertEqual(one.1, many.1, "file ids with \(threads) threads")
            XCTAssertEqual(one.2, many.2, "files with \(threads) threads")
        }
    }

    func testEveryJobRunsOnce() {
        for threads in [1, 2, 3, 8] {
            let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 1000)
            counts.initialize(repeating: 0)
            Parallel.forEach(1000, threads: threads) { i in counts[i] += 1 }
            XCTAssertTrue(counts.allSatisfy { $0 == 1 }, "\(threads) threads")
            counts.deallocate()
        }
    }
}
