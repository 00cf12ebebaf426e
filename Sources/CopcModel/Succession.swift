import CopcLanguage

extension Window {
    /// Whether `day` falls in the window (both ends included).
    public func contains(_ day: Day) -> Bool { start <= day && day <= end }
}

extension Contract {
    /// The body the contract is with (`organisme : ONF`) in the version in force on `day`.
    public func body(on day: Day) -> String? {
        versionInForce(at: day).header.referents(.organisme).first?.id
    }

    /// Whether the contract is in force on `day`: the period of its version in force that day
    /// holds it.
    public func isInForce(on day: Day) -> Bool {
        versionInForce(at: day).period?.contains(day) ?? false
    }

    /// `succède à` of its latest version: the contract it renews.
    public var predecessor: String? { versions.last?.header.predecessor }

    /// The period of its latest version (prorogations included).
    public var finalPeriod: Window? { versions.last?.period }
}
