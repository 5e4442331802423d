package dev.meshsdk.spi.policy;

import java.util.List;

/**
 * What the policies decided: every finding, an id a policy server gave the decision (for audit) or null,
 * the access the contract's roles grant but the policies withhold, and the columns a plan may drop (judged on event
 * {@code plan} only). Allowed when no finding denies.
 */
public record PolicyDecision(
        List<PolicyFinding> findings,
        String decisionId,
        List<WithheldAccess> withheld,
        List<AllowedColumnDrop> allowedDrops) {
    public PolicyDecision {
        findings = List.copyOf(findings);
        withheld = withheld == null ? List.of() : List.copyOf(withheld);
        allowedDrops = allowedDrops == null ? List.of() : List.copyOf(allowedDrops);
    }

    /** A decision that allows no column to be dropped. */
    public PolicyDecision(List<PolicyFinding> findings, String decisionId, List<WithheldAccess> withheld) {
        this(findings, decisionId, withheld, List.of());
    }

    /** A decision that withholds no access. */
    public PolicyDecision(List<PolicyFinding> findings, String decisionId) {
        this(findings, decisionId, List.of());
    }

    public boolean allowed() {
        return findings.stream().noneMatch(PolicyFinding::denies);
    }
}
