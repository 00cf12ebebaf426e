import CopcLanguage

/// Which files belong to which contract: the one rule shared by the check of a folder
/// (`Workspace.assemble`), the context of a file named alone and the language server
/// (`CopcDriver.Driver.contexts(of:sources:)`), so that a contract is the same whichever way it
/// is checked (issue 21 item 3, issue 23 item 3).
///
/// - A contract's *folder* is the folder of the file that declares it; its *tree* is that folder
///   and everything below it.
/// - An avenant or a bilan of contract X belongs to the nearest declaration of X in its own
///   folder or above: the declaration of X in the deepest folder that holds the file. A
///   declaration elsewhere (a sibling folder, test fixtures that redeclare X) is another
///   contract, never an error for this one; an avenant with no declaration above it is an
///   orphan (COP209, which names the declaration found elsewhere).
/// - Two declarations of X in the same folder are a duplicate (COP200): the first, in the
///   order given, is the contract; the others belong to nothing.
///
/// Pure: folders are compared as bytes, component by component (`Paths.isInside`'s rule),
/// and nothing is read. Cost: O(files × depth).
public enum Membership {
    /// One file as the rule sees it: its folder (absolute) and what its first element says.
    public struct File: Hashable, Sendable {
        public var folder: String
        public var kind: FileKind
        /// The contract it declares (a contract) or names (an avenant, a bilan).
        public var contract: String?

        public init(folder: String, kind: FileKind, contract: String?) {
            self.folder = folder
            self.kind = kind
            self.contract = contract
        }
    }

    public struct Assignment: Sendable {
        /// For each file: the index of the declaration it belongs to — a contract's own index
        /// for the declaration itself; `nil` for a duplicate, an orphan, an annuaire or a file
        /// of unknown kind.
        public var owner: [Int?]
        /// A declaration that repeats the one of the same id in the same folder → that one.
        public var duplicateOf: [Int: Int]
        /// An avenant or bilan without owner whose contract is declared elsewhere → the first
        /// such declaration (for COP209's note).
        public var declaredElsewhere: [Int: Int]
    }

    public static func assign(_ files: [File]) -> Assignment {
        var owner = [Int?](repeating: nil, count: files.count)
        var duplicateOf: [Int: Int] = [:]
        var elsewhere: [Int: Int] = [:]
        // id → folder → the declaration (the first in that folder).
        var declarations: [String: [String: Int]] = [:]
        for (k, f) in files.enumerated() where f.kind == .contract {
            guard let id = f.contract else { continue }
            if let first = declarations[id]?[f.folder] {
                duplicateOf[k] = first
            } else {
                declarations[id, default: [:]][f.folder] = k
                owner[k] = k
            }
        }
        for (k, f) in files.enumerated() where f.kind == .avenant || f.kind == .bilan {
            guard let id = f.contract, let byFolder = declarations[id] else { continue }
            if let d = nearest(byFolder, from: f.folder) {
                owner[k] = d
            } else {
                elsewhere[k] = byFolder.values.min()
            }
        }
        return Assignment(owner: owner, duplicateOf: duplicateOf, declaredElsewhere: elsewhere)
    }

    /// The declaration in `folder` or in its nearest ancestor that has one.
    public static func nearest(_ byFolder: [String: Int], from folder: String) -> Int? {
        var dir = folder
        while true {
            if let d = byFolder[dir] { return d }
            guard let up = parent(of: dir) else { return nil }
            dir = up
        }
    }

    /// The folder above `folder` (`/a/b` → `/a`, `/a` → `/`), `nil` above the top; on bytes,
    /// as `Paths.directory(of:)`.
    static func parent(of folder: String) -> String? {
        let bytes = Array(folder.utf8)
        guard let k = bytes.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        if k == 0 { return bytes.count > 1 ? "/" : nil }
        return String(decoding: bytes[..<k], as: UTF8.self)
    }
}
