package dev.meshsdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshsdk.diag.Severity;
import dev.meshsdk.spi.policy.PolicyDecision;
import dev.meshsdk.spi.policy.PolicyEngine;
import dev.meshsdk.spi.policy.PolicyFinding;
import dev.meshsdk.spi.policy.PolicyInput;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PolicyEngine} must have: no policies allow everything, a deny finding
 * disallows, and a compliant input is allowed by the same policies. Extend it in the engine's tests.
 */
public abstract class PolicyEngineContract {

    /** An engine with an empty policy set. Called by each test that needs one; the test closes it. */
    protected abstract PolicyEngine engineWithoutPolicies();

    /**
     * An engine whose policies deny {@link #violatingInput()} (with at least one {@code ERROR} finding) and
     * allow {@link #compliantInput()}. With the default inputs, a policy that denies a product without an
     * owning team ({@code input.product.team.name}) fits. Called by each test that needs one; the test closes it.
     */
    protected abstract PolicyEngine engineWithDenyPolicy();

    /** An input the deny policy allows. Default: product {@code orders} owned by {@code orders-team}. */
    protected PolicyInput compliantInput() {
        return Fixtures.policyInput(Fixtures.PRODUCT_ID, "orders-team");
    }

    /** An input the deny policy denies. Default: product {@code orders} with no team. */
    protected PolicyInput violatingInput() {
        return Fixtures.policyInput(Fixtures.PRODUCT_ID, null);
    }

    @Test
    void emptyPolicySetAllows() {
        try (PolicyEngine engine = engineWithoutPolicies()) {
            PolicyDecision compliant = engine.evaluate(compliantInput());
            PolicyDecision violating = engine.evaluate(violatingInput());

            assertThat(compliant.allowed()).isTrue();
            assertThat(violating.allowed()).isTrue();
            assertThat(violating.findings()).noneMatch(PolicyFinding::denies);
        }
    }

    @Test
    void denyFindingDisallows() {
        try (PolicyEngine engine = engineWithDenyPolicy()) {
            PolicyDecision decision = engine.evaluate(violatingInput());

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.findings())
                    .filteredOn(f -> f.severity() == Severity.ERROR)
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(f.message()).isNotBlank());
        }
    }

    @Test
    void compliantInputIsAllowedByTheSamePolicies() {
        try (PolicyEngine engine = engineWithDenyPolicy()) {
            PolicyDecision decision = engine.evaluate(compliantInput());

            assertThat(decision.allowed())
                    .as("findings: %s", decision.findings())
                    .isTrue();
        }
    }

    @Test
    void evaluationDoesNotDependOnEarlierCalls() {
        try (PolicyEngine engine = engineWithDenyPolicy()) {
            engine.evaluate(violatingInput());
            PolicyDecision allowed = engine.evaluate(compliantInput());
            PolicyDecision denied = engine.evaluate(violatingInput());

            assertThat(allowed.allowed()).isTrue();
            assertThat(denied.allowed()).isFalse();
        }
    }
}
