/// The stable diagnostic codes of copc; what each one means is its `RuleDescriptor`.
///
/// Codes never change meaning once published: editors, CI filters and `# copc: ignorer`
/// comments depend on them.
public enum Code: String, CaseIterable, Sendable, Comparable {
    case cop001 = "COP001"
    case cop002 = "COP002"
    case cop003 = "COP003"
    case cop004 = "COP004"
    case cop100 = "COP100"
    case cop101 = "COP101"
    case cop102 = "COP102"
    case cop103 = "COP103"
    case cop104 = "COP104"
    case cop105 = "COP105"
    case cop106 = "COP106"
    case cop107 = "COP107"
    case cop108 = "COP108"
    case cop109 = "COP109"
    case cop110 = "COP110"
    case cop200 = "COP200"
    case cop201 = "COP201"
    case cop202 = "COP202"
    case cop203 = "COP203"
    case cop204 = "COP204"
    case cop205 = "COP205"
    case cop206 = "COP206"
    case cop207 = "COP207"
    case cop208 = "COP208"
    case cop209 = "COP209"
    case cop210 = "COP210"
    case cop211 = "COP211"
    case cop212 = "COP212"
    case cop300 = "COP300"
    case cop301 = "COP301"
    case cop302 = "COP302"
    case cop303 = "COP303"
    case cop304 = "COP304"
    case cop305 = "COP305"
    case cop306 = "COP306"
    case cop307 = "COP307"
    case cop400 = "COP400"
    case cop401 = "COP401"
    case cop402 = "COP402"
    case cop403 = "COP403"
    case cop404 = "COP404"
    case cop405 = "COP405"
    case cop500 = "COP500"
    case cop501 = "COP501"
    case cop502 = "COP502"
    case cop503 = "COP503"
    case cop600 = "COP600"
    case cop601 = "COP601"
    case cop602 = "COP602"
    case cop603 = "COP603"
    case cop604 = "COP604"
    case cop605 = "COP605"
    case cop606 = "COP606"
    case cop607 = "COP607"

    public static func < (a: Code, b: Code) -> Bool { a.rawValue < b.rawValue }

    /// Parses `COP300`, `cop300` or `300`.
    public init?(parsing text: String) {
        let upper = text.uppercased()
        if let c = Code(rawValue: upper) { self = c; return }
        if let c = Code(rawValue: "COP" + upper) { self = c; return }
        return nil
    }
}
