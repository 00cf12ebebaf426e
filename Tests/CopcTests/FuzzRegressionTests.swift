import XCTest
import CopcDriver

/// Every input the fuzz campaigns found (Fuzz/regressions/CIBLE/, see scripts/fuzz.sh) is
/// replayed through the same properties as the fuzz target (FuzzProperties): each was a
/// crash, a hang or a violated property once, and must never be again.
final class FuzzRegressionTests: XCTestCase {
    func testEveryFindingStaysFixed() throws {
        let dir = repositoryRoot + "/Fuzz/regressions"
        var replayed = 0
        for target in FuzzProperties.targetNames {
            let folder = dir + "/" + target
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                let bytes = try FileSystem.read(folder + "/" + name)
                for failure in FuzzProperties.run(target, bytes) { XCTFail("\(target)/\(name) : \(failure)") }
                replayed += 1
            }
        }
        XCTAssertGreaterThan(replayed, 0, "aucune régression dans \(dir)")
    }

    /// The properties themselves can fail: an input whose refusal would not be echoed, or a
    /// formatter whose output would change a message, is caught (a property that cannot fail
    /// would prove nothing).
    func testPropertiesDetectViolations() {
        XCTAssertEqual(FuzzProperties.json("x", "{\"a\":").count, 1)
        XCTAssertNotNil(FuzzProperties.jsonError("{\"a\":"))
        XCTAssertNil(FuzzProperties.jsonError("{\"a\":[1,2.5,null]}"))
        XCTAssertTrue(FuzzProperties.format(Array("contrat C1 « C »\n  période : 2021 .. 2023\n".utf8)).isEmpty)
        XCTAssertEqual(FuzzProperties.split([65, 0, 66, 0]).map(\.0), ["contrat.cop", "avenant-1.cop", "avenant-2.cop"])
    }
}
