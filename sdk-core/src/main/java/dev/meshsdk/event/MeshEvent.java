package dev.meshsdk.event;

import dev.meshsdk.CheckReport;
import dev.meshsdk.ErrorCode;
import dev.meshsdk.PublishReport;
import dev.meshsdk.diag.Diagnostic;
import dev.meshsdk.plan.Change;
import dev.meshsdk.plan.InputMove;
import dev.meshsdk.spi.data.PublishRequest;
import java.nio.file.Path;
import java.time.Duration;

/** Something that happened while validating, planning, deploying, publishing, checking or erasing. */
public sealed interface MeshEvent {

    /** A phase ({@code validate}, {@code plan}, {@code deploy}) finished. */
    record PhaseFinished(String phase, Duration took) implements MeshEvent {}

    /** Deploying a product starts; {@code index} counts from 1 up to {@code total}. */
    record ProductStarted(String productId, int index, int total) implements MeshEvent {}

    /** A change was applied to a port. */
    record ChangeApplied(String productId, String port, Change change, Duration took) implements MeshEvent {}

    /**
     * A planned change not applied at its product's turn: a table kept ({@code note} null: the change's summary says
     * why), or a retired version's drop held until the consumers moving off it later in the plan are deployed
     * ({@code note} says so; {@link HeldDropsStarted} and {@link ChangeApplied} follow once they are).
     */
    record ChangeHeld(String productId, String port, Change change, String note) implements MeshEvent {}

    /**
     * An input port of the product being deployed reads another major version of its producer's port than the
     * catalog recorded for it; the deploy records the new one. Not a change to any store.
     */
    record InputMoved(String productId, InputMove move) implements MeshEvent {}

    /** The drops a product held start, after the rest of the plan was deployed. */
    record HeldDropsStarted(String productId) implements MeshEvent {}

    /** A product was deployed, or was found up to date. */
    record ProductFinished(String productId, boolean changed, Duration took) implements MeshEvent {}

    /**
     * The erasure of one data subject from one port (in one contract major version) ended, {@code DONE} or
     * {@code FAILED}. Names the port and counts rows; never the subject.
     */
    record PortErased(String productId, String port, int majorVersion, String status, long rowsDeleted)
            implements MeshEvent {}

    /** A warning that does not stop the work (an adapter that is not loaded, a policy warning). */
    record Warning(Diagnostic diagnostic) implements MeshEvent {}

    /** Publishing a file into a port starts. */
    record PublishStarted(String productId, String port, String object, Path file, PublishRequest.Mode mode)
            implements MeshEvent {}

    /** A file was published: committed after the contract's blocking rules passed. */
    record PublishFinished(PublishReport report) implements MeshEvent {}

    /**
     * A publish failed and committed nothing: {@code code} {@code INVALID_INPUT} (a bad file), {@code QUALITY_FAILED}
     * (a blocking rule), or a store fault. The exception thrown to the caller holds the message.
     */
    record PublishFailed(String productId, String port, String object, Path file, ErrorCode code, Duration took)
            implements MeshEvent {}

    /** One port (at one contract major version) was checked; its results are recorded in the registry. */
    record PortChecked(CheckReport.PortCheck check, Duration took) implements MeshEvent {}

    /** A check finished. */
    record CheckFinished(CheckReport report, Duration took) implements MeshEvent {}
}
