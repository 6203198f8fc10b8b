package dev.passerelle.sovereign.policy;

/**
 * The outcome of evaluating a bucket's placement against the residency policy.
 *
 * @param allowed whether the placement complies
 * @param rule the configuration key of the rule that decided (e.g. {@code passerelle.policy.health.allowed-jurisdictions}),
 *             or {@code none} when no rule applies
 * @param explanation one line naming bucket, backend and rule: why it is allowed, or the violation
 */
public record PolicyDecision(boolean allowed, String rule, String explanation) {

    /** @return an allowing decision */
    public static PolicyDecision allow(String rule, String explanation) {
        return new PolicyDecision(true, rule, explanation);
    }

    /** @return a refusing decision */
    public static PolicyDecision deny(String rule, String explanation) {
        return new PolicyDecision(false, rule, explanation);
    }
}
