package dev.meshsdk.spi.policy;

import java.util.List;

/**
 * What the policies decided: every finding, and an id a policy server gave the decision (for audit), or
 * null. Allowed when no finding denies.
 */
public record PolicyDecision(List<PolicyFinding> findings, String decisionId) {
    public PolicyDecision {
        findings = List.copyOf(findings);
    }

    public boolean allowed() {
        return findings.stream().noneMatch(PolicyFinding::denies);
    }
}
