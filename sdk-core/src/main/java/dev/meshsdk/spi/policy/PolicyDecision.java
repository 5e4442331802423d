package dev.meshsdk.spi.policy;

import java.util.List;

/**
 * What the policies decided: every finding, an id a policy server gave the decision (for audit) or null,
 * and the access the contract's roles grant but the policies withhold. Allowed when no finding denies.
 */
public record PolicyDecision(List<PolicyFinding> findings, String decisionId, List<WithheldAccess> withheld) {
    public PolicyDecision {
        findings = List.copyOf(findings);
        withheld = withheld == null ? List.of() : List.copyOf(withheld);
    }

    /** A decision that withholds no access. */
    public PolicyDecision(List<PolicyFinding> findings, String decisionId) {
        this(findings, decisionId, List.of());
    }

    public boolean allowed() {
        return findings.stream().noneMatch(PolicyFinding::denies);
    }
}
