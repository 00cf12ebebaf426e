// swift-tools-version:6.0
// Exemple : un programme qui construit un petit contrat avec CopcKit.
// Il dépend de copc par son chemin : `swift build` et `swift run` fonctionnent hors ligne.
import PackageDescription

let package = Package(
    name: "petit-contrat",
    dependencies: [
        .package(name: "copc", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "petit-contrat", dependencies: [
            .product(name: "CopcKit", package: "copc"),
        ]),
    ]
)
