// swift-tools-version:6.0
// copc — compilateur du langage des contrats d'objectifs (COP, CPOM, COG).
// No external package: only the Swift toolchain.
import PackageDescription

let package = Package(
    name: "copc",
    products: [
        .executable(name: "copc", targets: ["copc"]),
        .library(name: "CopcKit", targets: ["CopcKit"]),
    ],
    targets: [
        .target(name: "CopcSource"),
        .target(name: "CopcLanguage"),
        .target(name: "CopcDiagnostics", dependencies: ["CopcSource", "CopcLanguage"]),
        .target(name: "CopcSyntax", dependencies: ["CopcSource", "CopcLanguage", "CopcDiagnostics"]),
        .target(name: "CopcModel", dependencies: ["CopcSource", "CopcLanguage", "CopcDiagnostics", "CopcSyntax"]),
        .target(name: "CopcSema", dependencies: ["CopcSyntax", "CopcLanguage", "CopcModel"]),
        .target(name: "CopcRules", dependencies: ["CopcSema", "CopcModel"]),
        .target(name: "CopcFormat", dependencies: ["CopcSyntax"]),
        .target(name: "CopcDriver", dependencies: ["CopcRules", "CopcModel", "CopcFormat"]),
        .target(name: "CopcLSP", dependencies: ["CopcDriver", "CopcFormat"]),
        .target(name: "CopcHTML"),
        .target(name: "CopcSheet", dependencies: ["CopcLanguage"]),
        .target(name: "CopcDiff", dependencies: ["CopcModel", "CopcSyntax", "CopcHTML"]),
        .target(name: "CopcRender", dependencies: ["CopcModel", "CopcSyntax", "CopcFormat", "CopcHTML", "CopcSheet"]),
        .target(name: "CopcBilan", dependencies: ["CopcModel", "CopcHTML", "CopcSheet"]),
        .target(name: "CopcKit", dependencies: ["CopcDriver", "CopcFormat"]),
        .target(name: "CopcPortfolio", dependencies: ["CopcDriver", "CopcRules", "CopcBilan", "CopcRender", "CopcHTML", "CopcSheet"]),
        .target(name: "CopcSite", dependencies: ["CopcPortfolio", "CopcDriver", "CopcDiff", "CopcRender", "CopcBilan", "CopcHTML"]),
        .executableTarget(name: "copc", dependencies: ["CopcDriver", "CopcLSP", "CopcDiff", "CopcRender", "CopcBilan", "CopcSheet", "CopcPortfolio", "CopcSite"]),
        .executableTarget(name: "copc-bench", dependencies: ["CopcDriver", "CopcFormat", "CopcLSP", "CopcDiff", "CopcRender", "CopcBilan", "CopcKit", "CopcPortfolio", "CopcSite"]),
        .testTarget(name: "CopcTests", dependencies: ["CopcDriver", "CopcModel", "CopcFormat", "CopcLSP", "CopcHTML", "CopcDiff", "CopcRender", "CopcBilan", "CopcKit", "CopcSheet", "CopcPortfolio", "CopcSite"], exclude: ["Cases"]),
    ]
)
