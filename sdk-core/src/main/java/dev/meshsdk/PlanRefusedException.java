package dev.meshsdk;

import dev.meshsdk.diag.ValidationReport;
import dev.meshsdk.plan.DeploymentPlan;
import java.util.Objects;

/**
 * The policies refused a plan: {@link #report()} says why, at each policy's and descriptor's file and line, and
 * {@link #plan()} is what deploying would have changed, so that a user sees what was refused.
 */
public final class PlanRefusedException extends ValidationException {
    private final transient DeploymentPlan plan;

    public PlanRefusedException(ValidationReport report, DeploymentPlan plan) {
        super(report);
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /** The refused plan; nothing of it was applied or saved. */
    public DeploymentPlan plan() {
        return plan;
    }
}
