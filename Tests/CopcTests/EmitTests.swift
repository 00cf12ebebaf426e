import XCTest
import Foundation
import CopcSema
import CopcDriver
import CopcModel

/// A validator for the subset of JSON Schema that `grammar/ir.schema.json` uses: type (one or
/// several), const, enum, properties, required, additionalProperties: false, items, minimum,
/// pattern, and local `$ref` to `#/$defs/…`.
struct SchemaValidator {
    let root: [String: Any]

    func validate(_ value: Any, _ schema: [String: Any], _ path: String, _ errors: inout [String]) {
        if let ref = schema["$ref"] as? String, !ref.hasPrefix("#") {
            // Another schema of grammar/ (`diff.schema.json`): validated against its own root.
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/" + ref)),
                  let other = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                errors.append("\(path): unresolved \(ref)")
                return
            }
            SchemaValidator(root: other).validate(value, other, path, &errors)
        } else if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard let defs = root["$defs"] as? [String: Any], let target = defs[name] as? [String: Any] else {
                errors.append("\(path): unresolved \(ref)")
                return
            }
            validate(value, target, path, &errors)
        }
        if let branches = schema["anyOf"] as? [[String: Any]] {
            // Valid when one branch is (its errors alone are reported when none is).
            var all: [String] = []
            var matched = false
            for b in branches {
                var e: [String] = []
                validate(value, b, path, &e)
                if e.isEmpty { matched = true; break }
                all += e
            }
            if !matched { errors.append("\(path): no branch of anyOf matches (\(all.prefix(3).joined(separator: "; ")))") }
        }
        if let c = schema["const"], !equal(value, c) { errors.append("\(path): expected const \(c)") }
        if let e = schema["enum"] as? [Any], !e.contains(where: { equal(value, $0) }) { errors.append("\(path): \(value) not in enum") }
        if let t = schema["type"] {
            let types = (t as? [String]) ?? [t as! String]
            if !types.contains(where: { matches(value, $0) }) { errors.append("\(path): \(type(of: value)) is not \(types)") }
        }
        if let s = value as? String, let pattern = schema["pattern"] as? String,
           s.range(of: pattern, options: .regularExpression) == nil {
            errors.append("\(path): « \(s) » does not match \(pattern)")
        }
        if let n = value as? NSNumber, !isBool(value), let min = schema["minimum"] as? NSNumber, n.doubleValue < min.doubleValue {
            errors.append("\(path): \(n) < \(min)")
        }
        if let n = value as? NSNumber, !isBool(value), let max = schema["maximum"] as? NSNumber, n.doubleValue > max.doubleValue {
            errors.append("\(path): \(n) > \(max)")
        }
        if let obj = value as? [String: Any] {
            let props = schema["properties"] as? [String: Any] ?? [:]
            for r in schema["required"] as? [String] ?? [] where obj[r] == nil { errors.append("\(path): missing \(r)") }
            if (schema["additionalProperties"] as? Bool) == false {
                for k in obj.keys where props[k] == nil { errors.append("\(path): unexpected key \(k)") }
            }
            for (k, v) in obj { if let ps = props[k] as? [String: Any] { validate(v, ps, path + "." + k, &errors) } }
        }
        if let arr = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, v) in arr.enumerated() { validate(v, items, "\(path)[\(i)]", &errors) }
        }
    }

    func isBool(_ v: Any) -> Bool {
        // JSONSerialization gives booleans as NSNumber of objCType "c" (char).
        guard let n = v as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    func testIsBool() -> Bool {
        let parsed = try! JSONSerialization.jsonObject(with: Data("[true, 1, 1.5]".utf8)) as! [Any]
        return isBool(parsed[0]) && !isBool(parsed[1]) && !isBool(parsed[2])
    }

    func matches(_ v: Any, _ t: String) -> Bool {
        switch t {
        case "null": return v is NSNull
        case "string": return v is String
        case "boolean": return isBool(v)
        case "integer": if let n = v as? NSNumber, !isBool(v) { return n.doubleValue == n.doubleValue.rounded() }; return false
        case "number": return v is NSNumber && !isBool(v)
        case "object": return v is [String: Any]
        case "array": return v is [Any]
        default: return false
        }
    }

    func equal(_ a: Any, _ b: Any) -> Bool {
        if a is NSNull && b is NSNull { return true }
        if let x = a as? String, let y = b as? String { return x == y }
        if let x = a as? NSNumber, let y = b as? NSNumber { return x == y }
        return false
    }
}

final class EmitTests: XCTestCase {
    func contracts() throws -> [(String, [(String, [UInt8])])] {
        let root = repositoryRoot + "/contracts"
        var folders: [String] = []
        for path in try FileSystem.copFiles(under: root) where !folders.contains(Paths.directory(of: path)) {
            folders.append(Paths.directory(of: path))
        }
        return try folders.map { dir in
            (dir, try FileSystem.copFiles(under: dir).map { (Paths.relative($0, to: root), try FileSystem.read($0)) })
        }
    }

    /// The IR of every version of every contract in contracts/ validates against the schema.
    func testEveryContractIRMatchesSchema() throws {
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/ir.schema.json"))
        let schema = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
        let validator = SchemaValidator(root: schema)
        var checked = 0
        for (dir, files) in try contracts() {
            let result = Driver.check(sources: files, options: CheckOptions(au: testDate))
            for unit in result.contracts {
                for version in unit.versions {
                    let json = IR.emit(unit, version: version, files: result.fileTable)
                    let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
                    var errors: [String] = []
                    validator.validate(value, schema, "$", &errors)
                    XCTAssertEqual(errors, [], "\(dir) version \(version.number): \(errors.prefix(5))")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 4)
    }

    func testValidatorRejectsBadIR() throws {
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/grammar/ir.schema.json"))
        let schema = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
        let v = SchemaValidator(root: schema)
        var errors: [String] = []
        v.validate(["schema": "copc.ir/2", "version": -1, "extra": true] as [String: Any], schema, "$", &errors)
        XCTAssertTrue(errors.contains { $0.contains("const") })
        XCTAssertTrue(errors.contains { $0.contains("missing contrat") })
        XCTAssertTrue(errors.contains { $0.contains("unexpected key extra") })
        XCTAssertTrue(errors.contains { $0.contains("-1 < 0") })
        XCTAssertTrue(v.testIsBool())
    }

    /// Same input, same bytes; versions, pending → set targets and `modifie_par` are right.
    func testEmitIsDeterministicAndConsolidated() throws {
        let files = [("c.cop", cleanContract.replacingOccurrences(of: "cible 2021 .. 2023 : 50 %", with: "cible 2021 .. 2023 : à fixer par avenant")),
                     ("a1.cop", "avenant 1 au contrat C1 « Cibles »\n  signé le : 2021-06-30\nmodifier indicateur 1.1.a\n  cible 2022 : 60 %\n  motif : « Fixation »\nsupprimer action 1.1.1\n")]
        let r1 = Driver.check(sources: files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: testDate))
        let r2 = Driver.check(sources: files.map { ($0.0, Array($0.1.utf8)) }, options: CheckOptions(au: testDate))
        let u1 = r1.contracts[0], u2 = r2.contracts[0]
        XCTAssertEqual(IR.emit(u1, version: u1.versions[1], files: r1.fileTable), IR.emit(u2, version: u2.versions[1], files: r2.fileTable))
        let v0 = try JSONSerialization.jsonObject(with: Data(IR.emit(u1, version: u1.versions[0], files: r1.fileTable).utf8)) as! [String: Any]
        let v1 = try JSONSerialization.jsonObject(with: Data(IR.emit(u1, version: u1.versions[1], files: r1.fileTable).utf8)) as! [String: Any]
        func objective(_ ir: [String: Any]) -> [String: Any] {
            ((ir["elements"] as! [[String: Any]])[0]["enfants"] as! [[String: Any]])[0]
        }
        XCTAssertEqual((objective(v0)["enfants"] as! [[String: Any]]).map { $0["id"] as! String }, ["1.1.1", "1.1.a"])
        let kids1 = objective(v1)["enfants"] as! [[String: Any]]
        XCTAssertEqual(kids1.map { $0["id"] as! String }, ["1.1.a"])
        let targets = kids1[0]["cibles"] as! [[String: Any]]
        XCTAssertEqual(targets.map { $0["statut"] as! String }, ["en attente d'avenant", "fixée", "en attente d'avenant"])
        XCTAssertEqual(targets[1]["modifie_par"] as? Int, 1)
        XCTAssertEqual(targets[1]["motif"] as? String, "Fixation")
        XCTAssertEqual((v1["avenants"] as! [[String: Any]]).count, 1)
        XCTAssertEqual(v0["schema"] as? String, "copc.ir/1")
    }
}
