/// The relative targets written with words alone, in canonical spelling (what an editor
/// proposes after `cible ANNÉE :`); the numeric forms (`+2 points`, `+5 % par an`) are typed.
public enum RelativeTargetWords {
    public static let all = ["maintien", "≥ N-1", "au moins le réalisé N-1"]
}
