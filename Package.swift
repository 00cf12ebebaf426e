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
        .target(name: "CopcFrench", dependencies: ["CopcLanguage"]),
        .target(name: "CopcDiagnostics", dependencies: ["CopcSource", "CopcLanguage", "CopcFrench"]),
        .target(name: "CopcSyntax", dependencies: ["CopcSource", "CopcLanguage", "CopcDiagnostics"]),
        .target(name: "CopcModel", dependencies: ["CopcSource", "CopcLanguage", "CopcFrench", "CopcDiagnostics", "CopcSyntax"]),
        .target(name: "CopcSema", dependencies: ["CopcFrench", "CopcSyntax", "CopcLanguage", "CopcModel"]),
        .target(name: "CopcRules", dependencies: ["CopcFrench", "CopcSema", "CopcModel"]),
        .target(name: "CopcFormat", dependencies: ["CopcSyntax"]),
        .target(name: "CopcDriver", dependencies: ["CopcFrench", "CopcRules", "CopcModel", "CopcFormat"]),
        .target(name: "CopcLSP", dependencies: ["CopcFrench", "CopcDriver", "CopcFormat"]),
        .target(name: "CopcHTML", dependencies: ["CopcFrench"]),
        .target(name: "CopcSheet", dependencies: ["CopcLanguage", "CopcFrench"]),
        .target(name: "CopcDiff", dependencies: ["CopcFrench", "CopcModel", "CopcSyntax", "CopcHTML"]),
        .target(name: "CopcRender", dependencies: ["CopcFrench", "CopcModel", "CopcSyntax", "CopcFormat", "CopcHTML", "CopcSheet"]),
        .target(name: "CopcBilan", dependencies: ["CopcFrench", "CopcModel", "CopcHTML", "CopcSheet"]),
        .target(name: "CopcKit", dependencies: ["CopcFrench", "CopcSyntax", "CopcDriver", "CopcFormat"]),
        .target(name: "CopcPortfolio", dependencies: ["CopcFrench", "CopcDriver", "CopcRules", "CopcBilan", "CopcRender", "CopcHTML", "CopcSheet"]),
        .target(name: "CopcSite", dependencies: ["CopcFrench", "CopcPortfolio", "CopcDriver", "CopcDiff", "CopcRender", "CopcBilan", "CopcHTML"]),
        .executableTarget(name: "copc", dependencies: ["CopcFrench", "CopcDriver", "CopcLSP", "CopcDiff", "CopcRender", "CopcBilan", "CopcSheet", "CopcPortfolio", "CopcSite"]),
        .executableTarget(name: "copc-bench", dependencies: ["CopcFrench", "CopcDriver", "CopcFormat", "CopcLSP", "CopcDiff", "CopcRender", "CopcBilan", "CopcKit", "CopcPortfolio", "CopcSite"]),
        .testTarget(name: "CopcTests", dependencies: ["CopcDriver", "CopcModel", "CopcFormat", "CopcFrench", "CopcLSP", "CopcHTML", "CopcDiff", "CopcRender", "CopcBilan", "CopcKit", "CopcSheet", "CopcPortfolio", "CopcSite"], exclude: ["Cases"]),
    ]
)
