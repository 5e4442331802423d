package dev.meshsdk.event;

import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.plan.Change;
import java.time.Duration;

/** Something that happened while validating, planning or deploying. */
public sealed interface MeshEvent {

    /** A phase ({@code validate}, {@code plan}, {@code deploy}) finished. */
    record PhaseFinished(String phase, Duration took) implements MeshEvent {}

    /** Deploying a product starts; {@code index} counts from 1 up to {@code total}. */
    record ProductStarted(String productId, int index, int total) implements MeshEvent {}

    /** A change was applied to a port. */
    record ChangeApplied(String productId, String port, Change change, Duration took) implements MeshEvent {}

    /** A product was deployed, or was found up to date. */
    record ProductFinished(String productId, boolean changed, Duration took) implements MeshEvent {}

    /** A warning that does not stop the work (an adapter that is not loaded, a policy warning). */
    record Warning(Diagnostic diagnostic) implements MeshEvent {}
}
